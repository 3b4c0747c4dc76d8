// What a read thread does: opens files and hands their objects over chunk by chunk. The next
// chunk is read only when asked for, so a long HDF5 collection never runs ahead of what ingest
// has committed. The same service runs on the calling thread when no threads are asked for.
import type { TaskService } from '../util/worker-tasks.js';
import { FILE_READERS } from './file-readers.js';
import type { ItemChunk } from './ingested-item.js';
import type { ReadResult, ReadTask } from './read-messages.js';

export function createReadService(): TaskService<ReadTask, ReadResult> {
  const open = new Map<number, AsyncIterator<ItemChunk>>();
  return {
    async perform(task) {
      if (task.type === 'stop') {
        const chunks = open.get(task.id);
        open.delete(task.id);
        await chunks?.return?.();
        return null;
      }
      if (task.type === 'read') {
        open.set(task.id, FILE_READERS[task.format](task.path, task.options)[Symbol.asyncIterator]());
      }
      const chunks = open.get(task.id);
      if (!chunks) return null;
      try {
        const next = await chunks.next();
        if (next.done) open.delete(task.id);
        return next.done ? null : next.value;
      } catch (err) {
        open.delete(task.id);
        throw err;
      }
    },
  };
}
