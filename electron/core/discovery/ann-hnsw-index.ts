// The approximate VectorIndex: an HNSW graph from usearch. usearch was chosen over
// hnswlib-node after measuring both on clustered data (test/bench/ann.bench.ts): equal or
// better recall at the same expansion, but it inserts and searches batches on all cores and
// takes typed arrays directly, where hnswlib-node adds one point at a time on one thread from
// a plain number[]. usearch also saves and loads its own file.
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism, endianness } from 'node:os';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { Index, MetricKind, ScalarKind } from 'usearch';
import type { KnnGraph, VectorSet } from './vectors.js';
import type { NeighbourResult, ProgressCallback, VectorIndex } from './ann-index.js';

/**
 * Graph parameters, tuned on 1M × 64 clustered vectors for recall@10 ≥ 0.95 (measured
 * ≈0.99) with the median query far below 10 ms. Connectivity 16 is usearch's default; 32
 * bought no recall there and slowed batched search. expansion_search 128 keeps recall
 * above 0.97 at 1M where 64 slips; it is fixed when the index is constructed, so it also
 * sets the cost of the kNN graph.
 */
export const HNSW_CONNECTIVITY = 16;
export const HNSW_EXPANSION_ADD = 128;
export const HNSW_EXPANSION_SEARCH = 128;

// Rows added or searched per native call: small enough for steady progress reports,
// large enough that the per-call thread start-up is noise.
const ROWS_PER_CALL = 16_384;

interface UsearchResult {
  keys: BigUint64Array;
  distances: Float32Array;
  counts?: BigUint64Array;
}

export class HnswIndex implements VectorIndex {
  readonly exact = false;

  readonly count: number;
  readonly dim: number;

  /** `vectors` are the rows the index holds; the kNN graph queries the index with them. */
  constructor(
    private readonly index: Index,
    private readonly vectors: VectorSet,
    private readonly threads: number,
  ) {
    this.count = vectors.count;
    this.dim = vectors.dim;
  }

  search(query: Float32Array, k: number): NeighbourResult {
    if (query.length !== this.dim) throw new RangeError(`query has ${query.length} values, index dim is ${this.dim}`);
    return this.searchRows(query, k, 1);
  }

  searchMany(queries: Float32Array, k: number): NeighbourResult {
    if (queries.length % this.dim !== 0) throw new RangeError(`query length ${queries.length} is not a multiple of dim ${this.dim}`);
    return this.searchRows(queries, k, this.threads);
  }

  knnGraph(k: number, options: { onProgress?: ProgressCallback } = {}): KnnGraph {
    checkK(k);
    const { count, dim } = this;
    const indices = new Int32Array(count * k).fill(-1);
    const distances = new Float32Array(count * k).fill(Infinity);
    const data = this.vectors.data;
    for (let start = 0; start < count; start += ROWS_PER_CALL) {
      const end = Math.min(count, start + ROWS_PER_CALL);
      // One extra neighbour, because each row finds itself.
      const found = this.searchRows(data.subarray(start * dim, end * dim), k + 1, this.threads);
      for (let row = start; row < end; row++) dropSelf(found, (row - start) * (k + 1), row, k, indices, distances, row * k);
      options.onProgress?.(end, count);
    }
    return { count, k, indices, distances };
  }

  save(path: string): void {
    const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      this.index.save(temporary);
      const fd = openSync(temporary, 'r+');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, path);
    } catch (err) {
      rmSync(temporary, { force: true });
      throw err;
    }
  }

  private searchRows(queries: Float32Array, k: number, threads: number): NeighbourResult {
    checkK(k);
    const rows = queries.length / this.dim;
    const result = this.index.search(queries, k, threads) as unknown as UsearchResult;
    return toNeighbourResult(result, rows, k);
  }
}

export function buildHnswIndex(vectors: VectorSet, options: { threads?: number; onProgress?: ProgressCallback } = {}): HnswIndex {
  const { count, dim, data } = vectors;
  const threads = options.threads ?? availableParallelism();
  const index = newUsearchIndex(dim);
  for (let start = 0; start < count; start += ROWS_PER_CALL) {
    const end = Math.min(count, start + ROWS_PER_CALL);
    index.add(rowKeys(start, end), data.subarray(start * dim, end * dim), threads);
    options.onProgress?.(end, count);
  }
  return new HnswIndex(index, vectors, threads);
}

export function loadHnswIndex(path: string, vectors: VectorSet, options: { threads?: number } = {}): HnswIndex {
  const index = newUsearchIndex(vectors.dim);
  index.load(path);
  if (index.size() !== vectors.count || index.dimensions() !== vectors.dim) {
    throw new Error(`${path}: index holds ${index.size()} × ${index.dimensions()} vectors, given ${vectors.count} × ${vectors.dim}`);
  }
  return new HnswIndex(index, vectors, options.threads ?? availableParallelism());
}

function newUsearchIndex(dim: number): Index {
  return new Index({
    dimensions: dim,
    metric: MetricKind.L2sq,
    quantization: ScalarKind.F32,
    connectivity: HNSW_CONNECTIVITY,
    expansion_add: HNSW_EXPANSION_ADD,
    expansion_search: HNSW_EXPANSION_SEARCH,
    multi: false,
  });
}

/** Keys are row numbers, so search results index straight into the VectorSet. */
function rowKeys(start: number, end: number): BigUint64Array {
  const keys = new BigUint64Array(end - start);
  for (let i = start; i < end; i++) keys[i - start] = BigInt(i);
  return keys;
}

const littleEndian = endianness() === 'LE';

/** usearch pads short rows with garbage, so only the first counts[row] entries are read; squared L2 becomes Euclidean. */
function toNeighbourResult(result: UsearchResult, rows: number, k: number): NeighbourResult {
  const indices = new Int32Array(rows * k).fill(-1);
  const distances = new Float32Array(rows * k).fill(Infinity);
  // Keys are row numbers below 2^31, so on little-endian machines the low 32-bit word is the
  // whole key; reading it avoids a BigInt conversion per neighbour.
  const words = littleEndian ? new Uint32Array(result.keys.buffer, result.keys.byteOffset, result.keys.length * 2) : null;
  // A single query comes back without counts, already cut to the neighbours found.
  const stride = result.counts ? k : result.keys.length;
  for (let row = 0; row < rows; row++) {
    const found = result.counts ? Number(result.counts[row]) : result.keys.length;
    for (let j = 0; j < found; j++) {
      const from = row * stride + j;
      indices[row * k + j] = words ? words[2 * from] : Number(result.keys[from]);
      distances[row * k + j] = Math.sqrt(Math.max(0, result.distances[from]));
    }
  }
  return { indices, distances };
}

/** Copies row `self`'s k+1 neighbours into a k-wide graph row, leaving out `self` (or the farthest, if self was not found). */
function dropSelf(found: NeighbourResult, from: number, self: number, k: number, indices: Int32Array, distances: Float32Array, to: number): void {
  let written = 0;
  let skipped = false;
  for (let j = 0; j <= k && written < k; j++) {
    const neighbour = found.indices[from + j];
    if (neighbour === self && !skipped) {
      skipped = true;
      continue;
    }
    indices[to + written] = neighbour;
    distances[to + written] = found.distances[from + j];
    written++;
  }
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
}
