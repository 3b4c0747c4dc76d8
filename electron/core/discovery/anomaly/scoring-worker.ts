// Worker-thread entry of the scoring runner (scoring-runner.ts): loads the embedding it is
// pointed at (once per run), performs each scoring task, posts progress and then the
// result, transferring the result's buffers.
import { parentPort } from 'node:worker_threads';
import { loadRunArray } from '../run-arrays.js';
import { performScoringTask, resultBuffers, type ScoringEmbedding, type ScoringMessage, type ScoringReply } from './scoring-tasks.js';

const port = parentPort;
if (!port) throw new Error('scoring-worker must run in a worker thread');
let loaded: ScoringEmbedding | null = null;

port.on('message', ({ id, target, task }: ScoringMessage) => {
  let reply: ScoringReply;
  try {
    if (loaded?.run.id !== target.run.id) {
      const array = loadRunArray(target.paths.embeddings, target.run.id);
      loaded = { run: target.run, vectors: { data: array.data, count: array.rows, dim: array.columns } };
    }
    const result = performScoringTask(loaded, target.paths, task, (done, total) => port.postMessage({ id, progress: [done, total] } satisfies ScoringReply));
    reply = { id, result };
  } catch (err) {
    reply = { id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  port.postMessage(reply, 'result' in reply ? resultBuffers(reply.result) : []);
});
