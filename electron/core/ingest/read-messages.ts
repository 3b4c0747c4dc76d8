// What the read pool asks of its threads (see read-pool.ts, read-service.ts).
import type { SourceFormat } from './file-types.js';
import type { ItemChunk, ReadOptions } from './ingested-item.js';

export type ReadTask =
  /** Open the file and send its first chunk. */
  | { type: 'read'; id: number; path: string; format: SourceFormat; options: ReadOptions }
  /** Send the file's next chunk. */
  | { type: 'next'; id: number }
  /** The caller wants no more of this file: close it. */
  | { type: 'stop'; id: number };

/** A chunk, or null once the file has no more. */
export type ReadResult = ItemChunk | null;
