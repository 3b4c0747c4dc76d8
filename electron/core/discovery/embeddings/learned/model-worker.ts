// Worker-thread entry of the learned models (see model-task.ts): runs the one task it is
// sent and posts every event back, transferring the large buffers. A failure is posted as
// an error event; cancelling terminates the thread (the last checkpoint is already saved).
import { parentPort } from 'node:worker_threads';
import { performModelTask, type ModelTask, type ModelTaskEvent } from './model-task.js';

export type ModelWorkerMessage = { event: ModelTaskEvent } | { error: string };

function transferablesOf(event: ModelTaskEvent): ArrayBuffer[] {
  switch (event.type) {
    case 'encoded':
      return [event.vectors.buffer as ArrayBuffer, ...(event.reconstructionError ? [event.reconstructionError.buffer as ArrayBuffer] : [])];
    case 'checkpoint':
      return [event.checkpoint.data.buffer as ArrayBuffer];
    default:
      return [];
  }
}

const port = parentPort;
if (!port) throw new Error('model-worker must run in a worker thread');
port.once('message', (task: ModelTask) => {
  const post = (event: ModelTaskEvent): void => port.postMessage({ event } satisfies ModelWorkerMessage, transferablesOf(event));
  performModelTask(task, post).then(
    () => port.close(),
    (err: unknown) => {
      port.postMessage({ error: err instanceof Error ? err.message : String(err) } satisfies ModelWorkerMessage);
      port.close();
    },
  );
});
