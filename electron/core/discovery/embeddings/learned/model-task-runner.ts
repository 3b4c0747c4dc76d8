// Runs a model task (model-task.ts) on its own worker thread, so training never blocks the
// main thread (the UI, the server, progress and cancel stay live), and several encode
// tasks run at once on separate cores. Without a compiled worker script (the TypeScript
// sources under test) the task runs here instead. Aborting the signal terminates the
// worker at once; the task's completed checkpoints were already handed over.
import { Worker } from 'node:worker_threads';
import { compiledWorkerScript } from '../../../util/compiled-worker.js';
import { performModelTask, type ModelTask, type ModelTaskEvent } from './model-task.js';
import type { ModelWorkerMessage } from './model-worker.js';

const WORKER_FILE = 'model-worker.js';

export interface ModelTaskOptions {
  onEvent: (event: ModelTaskEvent) => void;
  signal?: AbortSignal;
  /** Run on the calling thread even when a worker script exists (tests). */
  inProcess?: boolean;
}

export function modelWorkerScript(): URL | null {
  return compiledWorkerScript(import.meta.url, WORKER_FILE);
}

function cancelled(signal: AbortSignal | undefined): Error {
  return signal?.reason instanceof Error ? signal.reason : new Error('cancelled');
}

export async function runModelTask(task: ModelTask, options: ModelTaskOptions): Promise<void> {
  options.signal?.throwIfAborted();
  const script = options.inProcess ? null : modelWorkerScript();
  if (!script) {
    // Between steps the trainer awaits its loss, so an abort gets through here too.
    await performModelTask(task, options.onEvent, () => options.signal?.aborted ?? false).catch((err: unknown) => {
      options.signal?.throwIfAborted();
      throw err;
    });
    return;
  }
  const worker = new Worker(script);
  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', abort);
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const abort = (): void => settle(cancelled(options.signal));
    options.signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (message: ModelWorkerMessage) => {
      if ('error' in message) return settle(new Error(message.error));
      try {
        options.onEvent(message.event);
      } catch (err) {
        return settle(err instanceof Error ? err : new Error(String(err)));
      }
      if (message.event.type === 'trained' || message.event.type === 'encoded') settle();
    });
    worker.on('error', (err) => settle(err));
    worker.on('exit', (code) => settle(new Error(`the model worker stopped unexpectedly (exit code ${code})`)));
    worker.postMessage(task);
  });
}
