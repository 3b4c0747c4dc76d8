// Where demo cutouts get rendered: on a small pool of worker threads, or on the calling
// thread. Both give identical files, because every object renders from its own seed
// whichever thread draws it.
import { availableParallelism } from 'node:os';
import { openWorkerPool, workerScript } from '../util/worker-pool.js';
import { createRenderService, type CutoutJob, type CutoutOutcome } from './produce-cutout.js';

export interface CutoutProducer {
  /** How many jobs may usefully be outstanding at once. */
  readonly capacity: number;
  /** Worker threads in use; 0 when rendering on the calling thread. */
  readonly threads: number;
  produce(job: CutoutJob): Promise<CutoutOutcome>;
  /** Waits for outstanding jobs, then releases the threads. */
  close(): Promise<void>;
}

/** Jobs queued per worker, so it starts the next while its last reply is in transit. */
const JOBS_PER_WORKER = 2;

export function findRenderWorkerScript(): URL | null {
  return workerScript(import.meta.url, 'render-worker');
}

export function defaultThreadCount(): number {
  return Math.min(2, Math.max(1, availableParallelism()));
}

/** A producer with `threads` workers (0 = render on this thread). */
export function openCutoutProducer(threads: number): CutoutProducer {
  const pool = openWorkerPool<CutoutJob, CutoutOutcome>({
    name: 'demo render',
    script: threads > 0 ? findRenderWorkerScript() : null,
    threads,
    inProcess: createRenderService,
  });
  return {
    threads: pool.threads,
    capacity: Math.max(1, pool.threads * JOBS_PER_WORKER),
    // The least busy worker takes it: cutouts differ several-fold in cost.
    produce: (job) => pool.run(job),
    // Let workers finish what they hold: terminating mid-write would strand temporary files.
    close: () => pool.close({ drain: true }),
  };
}
