// Exact (brute-force) nearest neighbours in plain TypeScript: the search behind small
// collections, where building a graph index costs more than it saves, and the oracle that
// tests and benchmarks measure the approximate index against.
//
// Squared distances come from |q|² + |x|² − 2 q·x. Queries go four at a time through a
// register-blocked kernel, so each data value loaded feeds four multiply-adds; that roughly
// triples the throughput of a one-row loop in V8. Each row keeps a sorted top-k of
// (squared distance, index), ties broken by the lower index, so results are deterministic.
import type { KnnGraph, VectorSet } from '../vectors.js';
import type { NeighbourResult } from './vector-index.js';

const GROUP = 4;

/**
 * The k nearest rows of `vectors` to each row of `queries` (row-major, `vectors.dim` wide). Padded with -1 / Infinity
 * past `vectors.count`.
 */
export function exactSearchMany(
  vectors: VectorSet,
  queries: Float32Array,
  k: number,
  norms?: Float64Array,
): NeighbourResult {
  const { data, count, dim } = vectors;
  checkShape(vectors, queries, k);
  const queryCount = queries.length / dim;
  const dataNorms = norms ?? squaredNorms(data, count, dim);
  if (dataNorms.length !== count) throw new RangeError(`${dataNorms.length} norms for ${count} rows`);
  if (queryCount === 1) return searchOne(vectors, queries, k, dataNorms);
  const paddedRows = Math.ceil(queryCount / GROUP) * GROUP;
  const top = new TopK(paddedRows, k);
  const queryNorms = squaredNorms(queries, queryCount, dim);

  for (let g = 0; g < paddedRows; g += GROUP) {
    // Rows past the end repeat the last query; their results land in padding rows and are dropped.
    const last = queryCount - 1;
    const q0 = Math.min(g, last) * dim;
    const q1 = Math.min(g + 1, last) * dim;
    const q2 = Math.min(g + 2, last) * dim;
    const q3 = Math.min(g + 3, last) * dim;
    const n0 = queryNorms[q0 / dim];
    const n1 = queryNorms[q1 / dim];
    const n2 = queryNorms[q2 / dim];
    const n3 = queryNorms[q3 / dim];
    let w0 = top.worst(g);
    let w1 = top.worst(g + 1);
    let w2 = top.worst(g + 2);
    let w3 = top.worst(g + 3);
    for (let j = 0; j < count; j++) {
      const x = j * dim;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let d = 0; d < dim; d++) {
        const v = data[x + d];
        s0 += queries[q0 + d] * v;
        s1 += queries[q1 + d] * v;
        s2 += queries[q2 + d] * v;
        s3 += queries[q3 + d] * v;
      }
      const xn = dataNorms[j];
      const d0 = n0 + xn - 2 * s0;
      const d1 = n1 + xn - 2 * s1;
      const d2 = n2 + xn - 2 * s2;
      const d3 = n3 + xn - 2 * s3;
      if (d0 <= w0) w0 = top.push(g, d0, j);
      if (d1 <= w1) w1 = top.push(g + 1, d1, j);
      if (d2 <= w2) w2 = top.push(g + 2, d2, j);
      if (d3 <= w3) w3 = top.push(g + 3, d3, j);
    }
  }
  return top.toResult(queryCount);
}

/**
 * One query alone: the grouped kernel would repeat it four times over. The dot product is
 * summed in the same order as there, so the answers are the same to the bit.
 */
function searchOne(vectors: VectorSet, query: Float32Array, k: number, dataNorms: Float64Array): NeighbourResult {
  const { data, count, dim } = vectors;
  const top = new TopK(1, k);
  const queryNorm = squaredNorms(query, 1, dim)[0];
  let worst = top.worst(0);
  for (let j = 0; j < count; j++) {
    const x = j * dim;
    let s = 0;
    for (let d = 0; d < dim; d++) s += query[d] * data[x + d];
    const squared = queryNorm + dataNorms[j] - 2 * s;
    if (squared <= worst) worst = top.push(0, squared, j);
  }
  return top.toResult(1);
}

/** Squared length of each row: the |x|² term of every distance, which a caller searching often may keep. */
export function rowSquaredNorms(vectors: VectorSet): Float64Array {
  return squaredNorms(vectors.data, vectors.count, vectors.dim);
}

/** Exact nearest neighbours of one query. */
export function exactSearch(vectors: VectorSet, query: Float32Array, k: number): NeighbourResult {
  return exactSearchMany(vectors, query, k);
}

/**
 * The exact k-nearest-neighbour graph, self excluded. Each pair is computed once and offered
 * to both rows, which halves the work of running a search per row.
 */
export function exactKnnGraph(
  vectors: VectorSet,
  k: number,
  options: { onProgress?: (done: number, total: number) => void } = {},
): KnnGraph {
  const { data, count, dim } = vectors;
  checkShape(vectors, new Float32Array(0), k);
  const top = new TopK(count, k);
  const norms = squaredNorms(data, count, dim);
  const fullGroups = Math.floor(count / GROUP) * GROUP;
  // Progress in rows is uneven (the triangle narrows), so report by the pairs done instead.
  const totalPairs = (count * (count - 1)) / 2;
  let pairsDone = 0;
  let lastReport = 0;

  for (let g = 0; g < fullGroups; g += GROUP) {
    const q0 = g * dim;
    const q1 = q0 + dim;
    const q2 = q1 + dim;
    const q3 = q2 + dim;
    const n0 = norms[g];
    const n1 = norms[g + 1];
    const n2 = norms[g + 2];
    const n3 = norms[g + 3];
    for (let a = g; a < g + GROUP; a++) {
      for (let b = a + 1; b < g + GROUP; b++) offerPair(top, data, norms, dim, a, b);
    }
    let w0 = top.worst(g);
    let w1 = top.worst(g + 1);
    let w2 = top.worst(g + 2);
    let w3 = top.worst(g + 3);
    for (let j = g + GROUP; j < count; j++) {
      const x = j * dim;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let d = 0; d < dim; d++) {
        const v = data[x + d];
        s0 += data[q0 + d] * v;
        s1 += data[q1 + d] * v;
        s2 += data[q2 + d] * v;
        s3 += data[q3 + d] * v;
      }
      const xn = norms[j];
      const d0 = n0 + xn - 2 * s0;
      const d1 = n1 + xn - 2 * s1;
      const d2 = n2 + xn - 2 * s2;
      const d3 = n3 + xn - 2 * s3;
      if (d0 <= w0) w0 = top.push(g, d0, j);
      if (d1 <= w1) w1 = top.push(g + 1, d1, j);
      if (d2 <= w2) w2 = top.push(g + 2, d2, j);
      if (d3 <= w3) w3 = top.push(g + 3, d3, j);
      const wj = top.worst(j);
      if (d0 <= wj) top.push(j, d0, g);
      if (d1 <= top.worst(j)) top.push(j, d1, g + 1);
      if (d2 <= top.worst(j)) top.push(j, d2, g + 2);
      if (d3 <= top.worst(j)) top.push(j, d3, g + 3);
    }
    pairsDone += GROUP * (count - g) - (GROUP * (GROUP + 1)) / 2;
    if (options.onProgress && pairsDone - lastReport >= totalPairs / 100) {
      lastReport = pairsDone;
      options.onProgress(Math.round((pairsDone / totalPairs) * count), count);
    }
  }
  // The last few rows (fewer than a group) pair with each other only; earlier groups already offered them theirs.
  for (let a = fullGroups; a < count; a++) {
    for (let b = a + 1; b < count; b++) offerPair(top, data, norms, dim, a, b);
  }
  options.onProgress?.(count, count);
  const result = top.toResult(count);
  return { count, k, indices: result.indices, distances: result.distances };
}

function offerPair(top: TopK, data: Float32Array, norms: Float64Array, dim: number, a: number, b: number): void {
  let dot = 0;
  const xa = a * dim;
  const xb = b * dim;
  for (let d = 0; d < dim; d++) dot += data[xa + d] * data[xb + d];
  const squared = norms[a] + norms[b] - 2 * dot;
  if (squared <= top.worst(a)) top.push(a, squared, b);
  if (squared <= top.worst(b)) top.push(b, squared, a);
}

function squaredNorms(data: Float32Array, rows: number, dim: number): Float64Array {
  const norms = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let sum = 0;
    for (let d = i * dim, end = d + dim; d < end; d++) sum += data[d] * data[d];
    norms[i] = sum;
  }
  return norms;
}

function checkShape(vectors: VectorSet, queries: Float32Array, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (vectors.data.length < vectors.count * vectors.dim)
    throw new RangeError('vector data is shorter than count × dim');
  if (queries.length % vectors.dim !== 0)
    throw new RangeError(`query length ${queries.length} is not a multiple of dim ${vectors.dim}`);
}

/** A sorted top-k of (squared distance, index) for each of `rows` rows, in two flat arrays. */
class TopK {
  readonly squared: Float64Array;
  readonly indices: Int32Array;

  constructor(
    readonly rows: number,
    readonly k: number,
  ) {
    this.squared = new Float64Array(rows * k).fill(Infinity);
    this.indices = new Int32Array(rows * k).fill(-1);
  }

  worst(row: number): number {
    return this.squared[row * this.k + this.k - 1];
  }

  /** Offers a candidate already known to be no worse than the row's worst; returns the new worst. */
  push(row: number, squared: number, index: number): number {
    const start = row * this.k;
    let p = start + this.k - 1;
    const dist = this.squared;
    const idx = this.indices;
    // Equal to the worst: keep the lower index, so the answer does not depend on visiting order.
    if (squared === dist[p] && index > idx[p]) return dist[p];
    while (p > start && (dist[p - 1] > squared || (dist[p - 1] === squared && idx[p - 1] > index))) {
      dist[p] = dist[p - 1];
      idx[p] = idx[p - 1];
      p--;
    }
    dist[p] = squared;
    idx[p] = index;
    return dist[start + this.k - 1];
  }

  toResult(rows: number): NeighbourResult {
    const n = rows * this.k;
    const distances = new Float32Array(n);
    // Rounding in |q|²+|x|²−2q·x can dip just below zero for (near-)identical points.
    for (let i = 0; i < n; i++) distances[i] = Math.sqrt(Math.max(0, this.squared[i]));
    return { indices: this.indices.slice(0, n), distances };
  }
}
