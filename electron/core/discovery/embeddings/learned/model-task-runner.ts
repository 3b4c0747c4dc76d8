// Runs a model task (model-task.ts) on its own worker thread, so training never blocks the
// main thread (the UI, the server, progress and cancel stay live), and several encode
// tasks run at once on separate cores. `inProcess` runs it here instead (tests). Aborting
// the signal terminates the worker at once; the task's completed checkpoints were already
// handed over. The models' code (tfjs) loads only where a task runs.
import { openWorkerPool, workerScript } from '../../../util/worker-pool.js';
import { serviceOnFirstTask } from '../../../util/worker-tasks.js';
import type { ModelTask, ModelTaskEvent } from './model-task.js';

export interface ModelTaskOptions {
  onEvent: (event: ModelTaskEvent) => void;
  signal?: AbortSignal;
  /** Run on the calling thread even when a worker script exists (tests). */
  inProcess?: boolean;
}

export function modelWorkerScript(): URL | null {
  return workerScript(import.meta.url, 'model-worker');
}

export async function runModelTask(task: ModelTask, options: ModelTaskOptions): Promise<void> {
  options.signal?.throwIfAborted();
  const pool = openWorkerPool<ModelTask, null, ModelTaskEvent>({
    name: 'model',
    script: options.inProcess ? null : modelWorkerScript(),
    threads: 1,
    inProcess: () => serviceOnFirstTask(async () => (await import('./model-task.js')).createModelService()),
  });
  try {
    await pool.run(task, { onEvent: options.onEvent, signal: options.signal });
  } finally {
    await pool.close();
  }
}
