// The two ways of running the layout optimiser's epochs. In process, one thread runs every
// edge in a fixed order (deterministic for a seed) and yields to the event loop every few
// milliseconds so progress and cancellation still get through. In workers, every thread
// takes chunks of edges from a shared counter and updates a shared embedding.
import { compiledWorkerScript } from '../../util/compiled-worker.js';
import { Worker } from 'node:worker_threads';
import { createPause } from './cooperative-pause.js';
import { buildGradientTables } from './gradient-tables.js';
import { runSgdEpoch, type SgdBuffers, type SgdSettings } from './sgd-epoch.js';
import { CANCELLED, CONTROL_SLOTS, EPOCHS_DONE, WORKER_DONE_MESSAGE, type SgdWorkerJob } from './sgd-worker-protocol.js';

export interface SgdRunHooks {
  /** Called with the number of epochs completed so far (never decreasing). */
  onEpochs: (epochsDone: number) => void;
  signal?: AbortSignal;
}

/** Edges per slice between two pauses (a few milliseconds of work), so cancelling is prompt. */
const EDGES_PER_SLICE = 65_536;
const PROGRESS_POLL_MS = 100;
const WORKER_FILE = 'sgd-worker.js';
const CHUNKS_PER_WORKER = 32;
const MIN_CHUNK_EDGES = 4096;

export async function optimiseInProcess(buffers: SgdBuffers, settings: SgdSettings, rngSeed: number, hooks: SgdRunHooks): Promise<void> {
  const rngState = new Int32Array([rngSeed]);
  const tables = buildGradientTables(settings.a, settings.b, settings.gamma);
  const pause = createPause(hooks.signal);
  const edges = buffers.head.length;
  for (let epoch = 0; epoch < settings.nEpochs; epoch++) {
    for (let start = 0; start < edges; start += EDGES_PER_SLICE) {
      runSgdEpoch(buffers, settings, tables, epoch, start, Math.min(edges, start + EDGES_PER_SLICE), rngState);
      await pause();
    }
    hooks.onEpochs(epoch + 1);
  }
}

/**
 * The compiled worker script: next to this module when running from dist/, else (running
 * the TypeScript sources, as the unit tests do) the same path under <package root>/dist/.
 * Null when neither exists, i.e. the project has not been built.
 */
export function sgdWorkerScript(): URL | null {
  return compiledWorkerScript(import.meta.url, WORKER_FILE);
}

/** `buffers` must be views on SharedArrayBuffers. `rngSeeds` has one non-zero seed per worker. */
export function optimiseInWorkers(
  script: URL,
  buffers: SgdBuffers,
  settings: SgdSettings,
  rngSeeds: number[],
  hooks: SgdRunHooks,
): Promise<void> {
  const workerCount = rngSeeds.length;
  const control = new Int32Array(new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT));
  // Enough chunks per epoch that a stalled worker's share is small, few enough that taking
  // one (an atomic add) costs nothing next to running it.
  const chunkSize = Math.max(MIN_CHUNK_EDGES, Math.ceil(buffers.head.length / (CHUNKS_PER_WORKER * workerCount)));
  const workers = rngSeeds.map((rngSeed) => {
    const job: SgdWorkerJob = { buffers, settings, chunkSize, rngSeed, workerCount, control };
    return new Worker(script, { workerData: job });
  });

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let finished = 0;
    const done = new Uint8Array(workerCount);
    const poll = setInterval(() => hooks.onEpochs(Atomics.load(control, EPOCHS_DONE)), PROGRESS_POLL_MS);
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      clearInterval(poll);
      hooks.signal?.removeEventListener('abort', onAbort);
      Atomics.store(control, CANCELLED, 1);
      for (const worker of workers) void worker.terminate();
      if (error === undefined) {
        hooks.onEpochs(settings.nEpochs);
        resolve();
      } else reject(error);
    };
    const onAbort = (): void => settle(hooks.signal?.reason);
    if (hooks.signal?.aborted) return settle(hooks.signal.reason);
    hooks.signal?.addEventListener('abort', onAbort, { once: true });
    workers.forEach((worker, w) => {
      worker.on('message', (message) => {
        if (message !== WORKER_DONE_MESSAGE) return;
        done[w] = 1;
        if (++finished === workerCount) settle();
      });
      worker.on('error', (error) => settle(error));
      worker.on('exit', (code) => {
        if (!done[w]) settle(new Error(`layout worker exited with code ${code} before finishing`));
      });
    });
  });
}
