// What the read pool and its workers say to each other (see read-pool.ts, read-worker.ts).
import type { SourceFormat } from './file-types.js';
import type { ItemChunk, ReadOptions } from './ingested-item.js';

export type ReadRequest =
  | { type: 'read'; id: number; path: string; format: SourceFormat; options: ReadOptions }
  /** Send the file's next chunk. */
  | { type: 'next'; id: number }
  /** The caller wants no more of this file: close it. */
  | { type: 'stop'; id: number };

export type ReadReply = { id: number; chunk: ItemChunk } | { id: number; done: true } | { id: number; error: string };
