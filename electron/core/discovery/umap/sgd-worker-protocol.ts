// What the layout optimiser's worker threads share with the thread that starts them: the
// job each worker receives, and the slots of the shared control array through which they
// hand out edge chunks, meet at the end of every epoch and report how far they are.
//
// Edges are dealt out in chunks from a shared counter rather than split into fixed halves:
// on a busy machine a worker that is descheduled for a while would otherwise hold the
// others at the end-of-epoch barrier; with chunks, the running workers take its share.
import type { TaskService } from '../../util/worker-tasks.js';
import { buildGradientTables } from './gradient-tables.js';
import { runSgdEpoch, type SgdBuffers, type SgdSettings } from './sgd-epoch.js';

export interface SgdWorkerJob {
  /** Views on SharedArrayBuffers: every worker sees the same embedding and edge arrays. */
  buffers: SgdBuffers;
  settings: SgdSettings;
  /** Edges per chunk taken from NEXT_CHUNK. */
  chunkSize: number;
  /** Non-zero xorshift32 state for this worker's negative samples. */
  rngSeed: number;
  workerCount: number;
  /** Int32Array on a SharedArrayBuffer with CONTROL_SLOTS slots. */
  control: Int32Array;
}

/** The next chunk of edges to hand out in the current epoch. */
export const NEXT_CHUNK = 0;
/** How many workers have reached the barrier of the current epoch. */
export const ARRIVED = 1;
/** Bumped by the last worker to arrive; the others wait for it to change. */
export const GENERATION = 2;
/** Epochs finished by all workers: the progress the starting thread reads. */
export const EPOCHS_DONE = 3;
/** Set to 1 by the starting thread to ask workers to stop after the current epoch. */
export const CANCELLED = 4;
export const CONTROL_SLOTS = 5;

/**
 * Blocks until all `workerCount` workers have called it for this epoch. The last to arrive
 * records the epoch as done, rewinds the chunk counter for the next epoch and releases the
 * others (Atomics order the epoch's writes before anything after the barrier).
 */
export function epochBarrier(control: Int32Array, workerCount: number, epochsDone: number): void {
  const generation = Atomics.load(control, GENERATION);
  if (Atomics.add(control, ARRIVED, 1) === workerCount - 1) {
    Atomics.store(control, ARRIVED, 0);
    Atomics.store(control, NEXT_CHUNK, 0);
    Atomics.store(control, EPOCHS_DONE, epochsDone);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
  } else {
    Atomics.wait(control, GENERATION, generation);
  }
}

/**
 * A layout thread's share of the optimisation: takes chunks of edges from the shared counter
 * and runs them on the shared embedding (Hogwild: no locks; rare conflicting writes only add
 * a little noise to an already stochastic descent), meeting the other threads after each
 * epoch so that all of them use the same learning rate.
 */
export function createSgdService(): TaskService<SgdWorkerJob, null> {
  return {
    perform({ buffers, settings, chunkSize, rngSeed, workerCount, control }) {
      const rngState = new Int32Array([rngSeed]);
      const tables = buildGradientTables(settings.a, settings.b, settings.gamma);
      const edges = buffers.head.length;
      for (let epoch = 0; epoch < settings.nEpochs; epoch++) {
        if (Atomics.load(control, CANCELLED) !== 0) break;
        for (;;) {
          const start = Atomics.add(control, NEXT_CHUNK, 1) * chunkSize;
          if (start >= edges) break;
          runSgdEpoch(buffers, settings, tables, epoch, start, Math.min(edges, start + chunkSize), rngState);
        }
        epochBarrier(control, workerCount, epoch + 1);
      }
      return null;
    },
  };
}
