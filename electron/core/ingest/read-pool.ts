// Files are decoded on worker threads (read-worker.ts), a few in flight on each, and their
// objects come back to be committed here. Decoding is most of ingest's CPU time, in
// JavaScript (FITS parsing, stretches, resampling) as well as in libvips; on the calling
// thread it held up the app's server for tens of milliseconds per file, and several files'
// work could run back to back. With no threads asked for, files are read on the calling
// thread instead, by the same service.
import { openWorkerPool, workerScript, WorkerTaskError } from '../util/worker-pool.js';
import type { SourceFormat } from './file-types.js';
import { type ItemChunk, type ReadOptions, UnreadableFileError } from './ingested-item.js';
import type { ReadResult, ReadTask } from './read-messages.js';
import { createReadService } from './read-service.js';

export interface ReadPool {
  /** Worker threads in use; 0 when files are read on the calling thread. */
  readonly threads: number;
  /** The file's objects, chunk by chunk; `return()` stops reading it. */
  read(path: string, format: SourceFormat, options: ReadOptions): AsyncIterator<ItemChunk>;
  close(): Promise<void>;
}

export function readWorkerScript(): URL | null {
  return workerScript(import.meta.url, 'read-worker');
}

/** Thumbnails cross the thread boundary as plain Uint8Arrays; the store writes Buffers. */
function asBuffers(chunk: ItemChunk): ItemChunk {
  for (const item of chunk.items) {
    const bytes = item.thumbnail as Uint8Array;
    if (!Buffer.isBuffer(bytes)) item.thumbnail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return chunk;
}

export function openReadPool(threads: number): ReadPool {
  const pool = openWorkerPool<ReadTask, ReadResult>({
    name: 'read',
    script: threads > 0 ? readWorkerScript() : null,
    threads,
    inProcess: createReadService,
  });
  let nextId = 1;
  return {
    threads: pool.threads,
    read(path, format, options) {
      // A file's chunks must come from the thread that opened it.
      const lane = pool.lane();
      const id = nextId++;
      let started = false;
      let finished = false;
      return {
        async next(): Promise<IteratorResult<ItemChunk>> {
          if (finished) return { done: true, value: undefined };
          let chunk: ReadResult;
          try {
            chunk = await lane.run(started ? { type: 'next', id } : { type: 'read', id, path, format, options });
          } catch (err) {
            finished = true;
            throw err instanceof WorkerTaskError ? new UnreadableFileError(err.message) : err;
          }
          started = true;
          if (chunk === null) {
            finished = true;
            return { done: true, value: undefined };
          }
          return { done: false, value: asBuffers(chunk) };
        },
        async return(): Promise<IteratorResult<ItemChunk>> {
          if (!finished && started && !lane.failed) void lane.run({ type: 'stop', id }).catch(() => undefined);
          finished = true;
          return { done: true, value: undefined };
        },
      };
    },
    close: () => pool.close(),
  };
}
