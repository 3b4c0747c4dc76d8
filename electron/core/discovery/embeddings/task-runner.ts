// Runs embedding tasks on worker threads or on the calling thread, behind one interface (the
// shared worker pool). On the calling thread a task waits a turn of the event loop first, so
// progress and cancellation still get through.
import { openWorkerPool, workerScript } from '../../util/worker-pool.js';
import {
  createEmbeddingService,
  type EmbeddingTask,
  type EmbeddingTaskResult,
  type TaskResult,
} from './embedding-tasks.js';

export interface EmbeddingTaskRunner {
  /** Worker threads in use; 0 when tasks run on the calling thread. */
  readonly threads: number;
  /**
   * Runs a task on the least busy thread. Buffers in `transfer` move to that thread and are unusable here afterwards.
   */
  run<T extends EmbeddingTask>(task: T, transfer?: ArrayBuffer[]): Promise<EmbeddingTaskResult<T>>;
  /** Runs a task on every thread (for the stateful `attach-*` tasks). */
  broadcast(task: EmbeddingTask): Promise<void>;
  close(): Promise<void>;
}

/** The worker entry module, or null when it is missing. */
export function embeddingWorkerScript(): URL | null {
  return workerScript(import.meta.url, 'embedding-worker');
}

/** A runner with `threads` workers, or one on the calling thread when threads is 0. */
export function createTaskRunner(threads: number): EmbeddingTaskRunner {
  const pool = openWorkerPool<EmbeddingTask, TaskResult>({
    name: 'embedding',
    script: threads > 0 ? embeddingWorkerScript() : null,
    threads,
    inProcess: createEmbeddingService,
  });
  return {
    threads: pool.threads,
    run: <T extends EmbeddingTask>(task: T, transfer: ArrayBuffer[] = []) =>
      pool.run(task, { transfer }) as Promise<EmbeddingTaskResult<T>>,
    broadcast: async (task) => {
      await pool.broadcast(task);
    },
    close: () => pool.close(),
  };
}
