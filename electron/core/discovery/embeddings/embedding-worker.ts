// Worker-thread entry of the embedding task runner (see task-runner.ts): performs each task
// it is sent and posts back the result, transferring the result's buffer.
import { parentPort } from 'node:worker_threads';
import { newTaskState, performEmbeddingTask, transferableBuffers, type TaskMessage, type TaskReply } from './embedding-tasks.js';

const state = newTaskState();
const port = parentPort;
if (!port) throw new Error('embedding-worker must run in a worker thread');
port.on('message', ({ id, task }: TaskMessage) => {
  let reply: TaskReply;
  try {
    reply = { id, result: performEmbeddingTask(state, task) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply, 'result' in reply ? transferableBuffers(reply.result) : []);
});
