// The shapes every discovery algorithm shares: a dense row-major set of vectors and a
// k-nearest-neighbour graph, both as flat typed arrays so they move between workers cheaply.

/** `count` rows of `dim` float32 values, row-major. */
export interface VectorSet {
  data: Float32Array;
  count: number;
  dim: number;
}

/**
 * For each of `count` points, its `k` nearest other points (self excluded), nearest first.
 * Row i occupies [i*k, (i+1)*k) of both arrays; distances are Euclidean (not squared).
 * A missing neighbour (fewer than k points) has index -1 and distance Infinity.
 */
export interface KnnGraph {
  count: number;
  k: number;
  indices: Int32Array;
  distances: Float32Array;
}

export function vectorRow(set: VectorSet, i: number): Float32Array {
  return set.data.subarray(i * set.dim, (i + 1) * set.dim);
}

/** A new set of `set`'s rows `rows`, in that order (copied, so it outlives `set`'s buffer). */
export function vectorRows(set: VectorSet, rows: readonly number[]): VectorSet {
  const data = new Float32Array(rows.length * set.dim);
  rows.forEach((row, i) => data.set(vectorRow(set, row), i * set.dim));
  return { data, count: rows.length, dim: set.dim };
}
