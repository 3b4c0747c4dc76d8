// Worker-thread entry of the read pool (read-pool.ts): decodes the files it is sent, so the
// calling thread (the app's server, the Electron main process) only commits what comes back
// and stays free to answer. A file's chunks go back one at a time; the next is read only
// when asked for, so a long HDF5 collection never runs ahead of what ingest has committed.
import { parentPort } from 'node:worker_threads';
import { FILE_READERS } from './file-readers.js';
import type { ItemChunk } from './ingested-item.js';
import type { ReadReply, ReadRequest } from './read-messages.js';

const port = parentPort;
if (!port) throw new Error('read-worker must run in a worker thread');
const open = new Map<number, AsyncIterator<ItemChunk>>();

function reply(message: ReadReply): void {
  port!.postMessage(message);
}

async function advance(id: number): Promise<void> {
  const chunks = open.get(id);
  if (!chunks) return;
  try {
    const next = await chunks.next();
    if (next.done) {
      open.delete(id);
      reply({ id, done: true });
    } else reply({ id, chunk: next.value });
  } catch (err) {
    open.delete(id);
    reply({ id, error: err instanceof Error ? err.message || String(err) : String(err) });
  }
}

port.on('message', (request: ReadRequest) => {
  switch (request.type) {
    case 'read':
      open.set(request.id, FILE_READERS[request.format](request.path, request.options)[Symbol.asyncIterator]());
      void advance(request.id);
      return;
    case 'next':
      void advance(request.id);
      return;
    case 'stop': {
      const chunks = open.get(request.id);
      open.delete(request.id);
      void chunks?.return?.();
    }
  }
});
