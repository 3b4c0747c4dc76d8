// Files are decoded on worker threads (read-worker.ts), a few in flight on each, and their
// objects come back to be committed here. Decoding is most of ingest's CPU time, in
// JavaScript (FITS parsing, stretches, resampling) as well as in libvips; on the calling
// thread it held up the app's server for tens of milliseconds per file, and several files'
// work could run back to back. Without a compiled worker script (the project not built) or
// with no threads asked for, files are read on the calling thread instead.
import { Worker } from 'node:worker_threads';
import { compiledWorkerScript } from '../util/compiled-worker.js';
import { FILE_READERS } from './file-readers.js';
import type { SourceFormat } from './file-types.js';
import { type ItemChunk, type ReadOptions, UnreadableFileError } from './ingested-item.js';
import type { ReadReply, ReadRequest } from './read-messages.js';

const WORKER_FILE = 'read-worker.js';

export interface ReadPool {
  /** Worker threads in use; 0 when files are read on the calling thread. */
  readonly threads: number;
  /** The file's objects, chunk by chunk; `return()` stops reading it. */
  read(path: string, format: SourceFormat, options: ReadOptions): AsyncIterator<ItemChunk>;
  close(): Promise<void>;
}

export function readWorkerScript(): URL | null {
  return compiledWorkerScript(import.meta.url, WORKER_FILE);
}

export function openReadPool(threads: number): ReadPool {
  const script = threads > 0 ? readWorkerScript() : null;
  return script ? new WorkerReadPool(script, threads) : new InProcessReadPool();
}

class InProcessReadPool implements ReadPool {
  readonly threads = 0;

  read(path: string, format: SourceFormat, options: ReadOptions): AsyncIterator<ItemChunk> {
    return FILE_READERS[format](path, options)[Symbol.asyncIterator]();
  }

  async close(): Promise<void> {}
}

interface Waiting {
  resolve: (reply: ReadReply) => void;
  reject: (err: Error) => void;
}

class ReadSlot {
  readonly waiting = new Map<number, Waiting>();
  active = 0;
  failure: Error | null = null;
  readonly worker: Worker;

  constructor(script: URL) {
    this.worker = new Worker(script);
    this.worker.on('message', (reply: ReadReply) => {
      const waiting = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      waiting?.resolve(reply);
    });
    const fail = (err: Error): void => {
      this.failure ??= err;
      for (const waiting of this.waiting.values()) waiting.reject(err);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the read worker stopped (code ${code})`)));
  }

  ask(request: ReadRequest): Promise<ReadReply> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }
}

/** Thumbnails cross the thread boundary as plain Uint8Arrays; the store writes Buffers. */
function asBuffers(chunk: ItemChunk): ItemChunk {
  for (const item of chunk.items) {
    const bytes = item.thumbnail as Uint8Array;
    if (!Buffer.isBuffer(bytes)) item.thumbnail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return chunk;
}

class WorkerReadPool implements ReadPool {
  private readonly slots: ReadSlot[];
  private nextId = 1;
  private closed = false;

  constructor(private readonly script: URL, readonly threads: number) {
    this.slots = Array.from({ length: threads }, () => new ReadSlot(script));
  }

  /** The least busy worker; one that died (a native crash in a decoder) is replaced. */
  private pick(): ReadSlot {
    let best = 0;
    for (let i = 0; i < this.slots.length; i++) {
      if (this.slots[i].failure && !this.closed) {
        void this.slots[i].worker.terminate();
        this.slots[i] = new ReadSlot(this.script);
      }
      if (this.slots[i].active < this.slots[best].active) best = i;
    }
    return this.slots[best];
  }

  read(path: string, format: SourceFormat, options: ReadOptions): AsyncIterator<ItemChunk> {
    const slot = this.pick();
    const id = this.nextId++;
    slot.active++;
    let started = false;
    let finished = false;
    const finish = (): void => {
      if (!finished) slot.active--;
      finished = true;
    };
    return {
      async next(): Promise<IteratorResult<ItemChunk>> {
        if (finished) return { done: true, value: undefined };
        let reply: ReadReply;
        try {
          reply = await slot.ask(started ? { type: 'next', id } : { type: 'read', id, path, format, options });
        } catch (err) {
          finish();
          throw err;
        }
        started = true;
        if ('error' in reply) {
          finish();
          throw new UnreadableFileError(reply.error);
        }
        if ('done' in reply) {
          finish();
          return { done: true, value: undefined };
        }
        return { done: false, value: asBuffers(reply.chunk) };
      },
      async return(): Promise<IteratorResult<ItemChunk>> {
        if (!finished && started && !slot.failure) slot.worker.postMessage({ type: 'stop', id } satisfies ReadRequest);
        finish();
        return { done: true, value: undefined };
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }
}
