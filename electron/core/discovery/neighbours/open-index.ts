// Builds and opens the vector index (see vector-index.ts) for an embedding run, choosing the
// implementation: brute force for small collections (exact, and faster to get than a graph
// index there), an HNSW graph (usearch) above that. The index is built once per embedding run
// and saved in the workspace next to the run's .npy.
import { closeSync, openSync, readSync } from 'node:fs';
import type { VectorSet } from '../vectors.js';
import type { ProgressCallback, VectorIndex } from './vector-index.js';
import { ExactIndex, isExactIndexFile, loadExactIndex } from './exact-index.js';
import { buildHnswIndex, loadHnswIndex } from './hnsw-index.js';

export interface BuildOptions {
  /**
   * Collections with fewer rows than this are searched by brute force. Default 10,000: there
   * an exact kNN graph takes about 2.5 s on one core, while above it the graph index wins
   * by a growing margin (see test/bench/ann.bench.ts).
   */
  exactBelow?: number;
  /** Threads for building and batched search; default: every core. A build with 1 thread is reproducible. */
  threads?: number;
  /** Graph index only: candidates kept per search (HNSW ef); default 192. Higher: better recall, slower queries. */
  searchExpansion?: number;
  onProgress?: ProgressCallback;
}

export type LoadOptions = Pick<BuildOptions, 'threads' | 'searchExpansion'>;

export const DEFAULT_EXACT_BELOW = 10_000;

export function buildVectorIndex(vectors: VectorSet, options: BuildOptions = {}): VectorIndex {
  checkVectors(vectors);
  if (vectors.count < (options.exactBelow ?? DEFAULT_EXACT_BELOW)) {
    options.onProgress?.(vectors.count, vectors.count);
    return new ExactIndex(vectors);
  }
  return buildHnswIndex(vectors, options);
}

/** Opens an index saved by `VectorIndex.save`; `vectors` must be the set it was built from. */
export function loadVectorIndex(path: string, vectors: VectorSet, options: LoadOptions = {}): VectorIndex {
  checkVectors(vectors);
  const head = readHead(path, 64);
  return isExactIndexFile(head) ? loadExactIndex(path, vectors) : loadHnswIndex(path, vectors, options);
}

function readHead(path: string, bytes: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const head = new Uint8Array(bytes);
    const read = readSync(fd, head, 0, bytes, 0);
    return head.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function checkVectors(vectors: VectorSet): void {
  if (!Number.isInteger(vectors.dim) || vectors.dim < 1)
    throw new RangeError(`dim must be a positive integer, got ${vectors.dim}`);
  if (vectors.data.length < vectors.count * vectors.dim)
    throw new RangeError('vector data is shorter than count × dim');
}
