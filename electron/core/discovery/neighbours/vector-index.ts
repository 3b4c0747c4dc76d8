// The vector index every discovery step searches: "similar to this object", kNN graphs for
// UMAP and LOF, "more like these". One interface with two implementations: brute force for
// small collections (exact-index.ts) and an HNSW graph (hnsw-index.ts); open-index.ts picks
// between them. Only types live here: the implementations and the selector depend on this
// file, and no implementation depends on the selector.
import type { KnnGraph } from '../vectors.js';

/**
 * Row indices into the VectorSet and Euclidean distances, nearest first; row-major for batches.
 * -1 / Infinity pad missing neighbours.
 */
export interface NeighbourResult {
  indices: Int32Array;
  distances: Float32Array;
}

export type ProgressCallback = (done: number, total: number) => void;

export interface VectorIndex {
  readonly count: number;
  readonly dim: number;
  /** True when answers are exact (brute force); false for the approximate graph index. */
  readonly exact: boolean;
  /** The k nearest rows to one query. Includes the query's own row when the query is in the set. */
  search(query: Float32Array, k: number): NeighbourResult;
  /** The k nearest rows to each of several row-major queries, using every core the library can. */
  searchMany(queries: Float32Array, k: number): NeighbourResult;
  /** Every row's k nearest other rows (self excluded). */
  knnGraph(k: number, options?: { onProgress?: ProgressCallback }): KnnGraph;
  /** Writes the index to `path` atomically (a temporary name, then a rename). */
  save(path: string): void;
}
