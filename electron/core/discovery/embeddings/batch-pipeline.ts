// Keeps a few batches in flight: the calling thread reads the next batch from disk while the
// worker threads compute on the previous ones, and results are handled as they arrive.
// `inFlight` bounds the memory held in batches waiting for a thread.
import type { ModelInputBatch } from './model-input-batches.js';

export async function runBatchPipeline<R>(
  batches: Iterable<ModelInputBatch>,
  compute: (batch: ModelInputBatch) => Promise<R>,
  handle: (batch: ModelInputBatch, result: R) => void,
  options: { inFlight: number; signal?: AbortSignal },
): Promise<void> {
  const running = new Set<Promise<void>>();
  let failure: unknown = null;
  for (const batch of batches) {
    options.signal?.throwIfAborted();
    const job: Promise<void> = compute(batch)
      .then((result) => handle(batch, result))
      .catch((err: unknown) => {
        failure ??= err;
      })
      .finally(() => running.delete(job));
    running.add(job);
    if (running.size >= options.inFlight) await Promise.race(running);
    if (failure) break;
  }
  await Promise.all(running);
  if (failure) throw failure;
  options.signal?.throwIfAborted();
}
