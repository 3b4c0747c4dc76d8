// The two ways of running the layout optimiser's epochs. In process, one thread runs every
// edge in a fixed order (deterministic for a seed) and yields to the event loop every few
// milliseconds so progress and cancellation still get through. In workers, every thread
// takes chunks of edges from a shared counter and updates a shared embedding.
import { openWorkerPool, workerScript } from '../../util/worker-pool.js';
import { createPause } from './cooperative-pause.js';
import { buildGradientTables } from './gradient-tables.js';
import { runSgdEpoch, type SgdBuffers, type SgdSettings } from './sgd-epoch.js';
import { CANCELLED, CONTROL_SLOTS, EPOCHS_DONE, type SgdWorkerJob } from './sgd-worker-protocol.js';

export interface SgdRunHooks {
  /** Called with the number of epochs completed so far (never decreasing). */
  onEpochs: (epochsDone: number) => void;
  signal?: AbortSignal;
}

/** Edges per slice between two pauses (a few milliseconds of work), so cancelling is prompt. */
const EDGES_PER_SLICE = 65_536;
const PROGRESS_POLL_MS = 100;
const CHUNKS_PER_WORKER = 32;
const MIN_CHUNK_EDGES = 4096;

export async function optimiseInProcess(
  buffers: SgdBuffers,
  settings: SgdSettings,
  rngSeed: number,
  hooks: SgdRunHooks,
): Promise<void> {
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

/** The worker entry module, or null when it is missing. */
export function sgdWorkerScript(): URL | null {
  return workerScript(import.meta.url, 'sgd-worker');
}

/** `buffers` must be views on SharedArrayBuffers. `rngSeeds` has one non-zero seed per worker. */
export async function optimiseInWorkers(
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
  const jobs = rngSeeds.map((rngSeed): SgdWorkerJob => ({
    buffers,
    settings,
    chunkSize,
    rngSeed,
    workerCount,
    control,
  }));
  // The threads meet at every epoch's barrier, so each needs its own: one job per thread.
  const pool = openWorkerPool<SgdWorkerJob, null>({ name: 'layout', script, threads: workerCount });
  const poll = setInterval(() => hooks.onEpochs(Atomics.load(control, EPOCHS_DONE)), PROGRESS_POLL_MS);
  try {
    await pool.runOnEach(jobs, { signal: hooks.signal });
    hooks.onEpochs(settings.nEpochs);
  } finally {
    clearInterval(poll);
    // Threads still at a barrier (one of them failed) are released by terminating them.
    Atomics.store(control, CANCELLED, 1);
    await pool.close();
  }
}
