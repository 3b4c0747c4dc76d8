// The approximate VectorIndex: an HNSW graph from usearch. usearch was chosen over
// hnswlib-node after measuring both on clustered data (test/bench/ann.bench.ts): equal or
// better recall at the same expansion, but it inserts and searches batches on all cores and
// takes typed arrays directly, where hnswlib-node adds one point at a time on one thread from
// a plain number[]. usearch also saves and loads its own file.
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { availableParallelism, endianness } from 'node:os';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { Index } from 'usearch';
import type { KnnGraph, VectorSet } from '../vectors.js';
import type { NeighbourResult, ProgressCallback, VectorIndex } from './vector-index.js';

/** Graph construction: usearch's defaults, which reach the recall target at 1M × 64 (see below). */
export const HNSW_CONNECTIVITY = 16;
export const HNSW_EXPANSION_ADD = 128;
/**
 * Candidates kept while searching (HNSW's "ef"). usearch searches with max(expansion, k),
 * so asking for more results than needed and keeping the first k sets the expansion per
 * call, and one built index serves both queries and the kNN graph. Measured on 1M × 64
 * clustered vectors (test/bench/ann.bench.ts), recall@10 / median query on 2 busy cores:
 * 0.93 / 0.44 ms at 64, 0.98 / 0.77 ms at 128, 0.99 / 0.96 ms at 192, 0.99 / 1.2 ms at 256.
 * 192 leaves a margin for real embeddings, which may be harder than the benchmark's blobs.
 */
export const DEFAULT_SEARCH_EXPANSION = 192;
/**
 * The kNN graph searches from every row, so its expansion sets the cost of UMAP's and LOF's
 * input. Measured at 1M × 64 for k = 15 (self excluded): recall 0.83 at 16, 0.90 at 32,
 * 0.96 at 64 (the whole graph in about 5 minutes on 2 cores). A round of neighbour-of-
 * neighbour refinement (NN-descent's local join) was tried on top of 16 and 32: it gained
 * less recall than spending the same time on a wider search, so it is not used.
 */
export const GRAPH_EXPANSION = 64;

// Rows added or searched per native call: small enough for steady progress reports and
// bounded result buffers (rows × expansion), large enough that thread start-up is noise.
const ROWS_PER_CALL = 16_384;

export interface HnswOptions {
  /** Threads for building and batched search; default: every core. */
  threads?: number;
  /** Expansion for search and searchMany; default DEFAULT_SEARCH_EXPANSION. Higher: better recall, slower. */
  searchExpansion?: number;
}

interface UsearchResult {
  keys: BigUint64Array;
  distances: Float32Array;
  counts?: BigUint64Array;
}

export class HnswIndex implements VectorIndex {
  readonly exact = false;
  readonly count: number;
  readonly dim: number;
  private readonly threads: number;
  private readonly searchExpansion: number;

  /** `vectors` are the rows the index holds; the kNN graph queries the index with them. */
  constructor(
    private readonly index: Index,
    private readonly vectors: VectorSet,
    options: HnswOptions = {},
  ) {
    this.count = vectors.count;
    this.dim = vectors.dim;
    this.threads = options.threads ?? availableParallelism();
    this.searchExpansion = options.searchExpansion ?? DEFAULT_SEARCH_EXPANSION;
  }

  search(query: Float32Array, k: number): NeighbourResult {
    if (query.length !== this.dim) throw new RangeError(`query has ${query.length} values, index dim is ${this.dim}`);
    return this.searchRows(query, k, this.searchExpansion, 1);
  }

  searchMany(queries: Float32Array, k: number): NeighbourResult {
    if (queries.length % this.dim !== 0)
      throw new RangeError(`query length ${queries.length} is not a multiple of dim ${this.dim}`);
    return this.searchRows(queries, k, this.searchExpansion, this.threads);
  }

  knnGraph(k: number, options: { onProgress?: ProgressCallback } = {}): KnnGraph {
    checkK(k);
    const { count, dim } = this;
    const graph: KnnGraph = {
      count,
      k,
      indices: new Int32Array(count * k).fill(-1),
      distances: new Float32Array(count * k).fill(Infinity),
    };
    const data = this.vectors.data;
    for (let start = 0; start < count; start += ROWS_PER_CALL) {
      const end = Math.min(count, start + ROWS_PER_CALL);
      // One extra neighbour, because each row finds itself.
      const found = this.searchRows(data.subarray(start * dim, end * dim), k + 1, GRAPH_EXPANSION, this.threads);
      for (let row = start; row < end; row++) dropSelf(found, (row - start) * (k + 1), row, k, graph, row * k);
      options.onProgress?.(end, count);
    }
    return graph;
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

  /** Searches in bounded chunks; asks usearch for `expansion` results to search that widely, keeps k. */
  private searchRows(queries: Float32Array, k: number, expansion: number, threads: number): NeighbourResult {
    checkK(k);
    const rows = queries.length / this.dim;
    const wanted = Math.max(k, expansion);
    const indices = new Int32Array(rows * k).fill(-1);
    const distances = new Float32Array(rows * k).fill(Infinity);
    for (let start = 0; start < rows; start += ROWS_PER_CALL) {
      const end = Math.min(rows, start + ROWS_PER_CALL);
      const chunk = queries.subarray(start * this.dim, end * this.dim);
      const result = this.index.search(chunk, wanted, threads) as unknown as UsearchResult;
      copyResults(result, end - start, wanted, k, indices, distances, start * k);
    }
    return { indices, distances };
  }
}

export function buildHnswIndex(
  vectors: VectorSet,
  options: HnswOptions & { onProgress?: ProgressCallback } = {},
): HnswIndex {
  const { count, dim, data } = vectors;
  const threads = options.threads ?? availableParallelism();
  const index = newUsearchIndex(dim);
  for (let start = 0; start < count; start += ROWS_PER_CALL) {
    const end = Math.min(count, start + ROWS_PER_CALL);
    index.add(rowKeys(start, end), data.subarray(start * dim, end * dim), threads);
    options.onProgress?.(end, count);
  }
  return new HnswIndex(index, vectors, options);
}

export function loadHnswIndex(path: string, vectors: VectorSet, options: HnswOptions = {}): HnswIndex {
  const index = newUsearchIndex(vectors.dim);
  index.load(path);
  if (index.size() !== vectors.count || index.dimensions() !== vectors.dim) {
    throw new Error(
      `${path}: index holds ${index.size()} × ${index.dimensions()} vectors, given ${vectors.count} × ${vectors.dim}`,
    );
  }
  return new HnswIndex(index, vectors, options);
}

let usearch: typeof import('usearch') | null = null;

/**
 * usearch, loaded with the first index (not at start-up), and through its CommonJS build: its
 * ES module build finds its native addon from the call stack, and from a compiled bundle or
 * another working folder it finds none (or overflows the stack).
 */
function loadUsearch(): typeof import('usearch') {
  usearch ??= createRequire(import.meta.url)('usearch') as typeof import('usearch');
  return usearch;
}

function newUsearchIndex(dim: number): Index {
  const { Index, MetricKind, ScalarKind } = loadUsearch();
  return new Index({
    dimensions: dim,
    metric: MetricKind.L2sq,
    quantization: ScalarKind.F32,
    connectivity: HNSW_CONNECTIVITY,
    expansion_add: HNSW_EXPANSION_ADD,
    // The floor only: each call asks for as many results as the expansion it wants.
    expansion_search: 16,
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

/**
 * Copies the first k of each row's `wanted` results (entries past counts[row] are padding,
 * not neighbours) and turns squared L2 into Euclidean.
 */
function copyResults(
  result: UsearchResult,
  rows: number,
  wanted: number,
  k: number,
  indices: Int32Array,
  distances: Float32Array,
  offset: number,
): void {
  // Keys are row numbers below 2^31, so on little-endian machines the low 32-bit word is the
  // whole key; reading it avoids a BigInt conversion per neighbour.
  const words = littleEndian
    ? new Uint32Array(result.keys.buffer, result.keys.byteOffset, result.keys.length * 2)
    : null;
  // A single query comes back without counts, already cut to the neighbours found.
  const stride = result.counts ? wanted : result.keys.length;
  for (let row = 0; row < rows; row++) {
    const found = Math.min(k, result.counts ? Number(result.counts[row]) : result.keys.length);
    for (let j = 0; j < found; j++) {
      const from = row * stride + j;
      indices[offset + row * k + j] = words ? words[2 * from] : Number(result.keys[from]);
      distances[offset + row * k + j] = Math.sqrt(Math.max(0, result.distances[from]));
    }
  }
}

/**
 * Copies row `self`'s k+1 neighbours into a k-wide graph row, leaving out `self` (or the farthest, if self was not
 * found).
 */
function dropSelf(found: NeighbourResult, from: number, self: number, k: number, graph: KnnGraph, to: number): void {
  let written = 0;
  let skipped = false;
  for (let j = 0; j <= k && written < k; j++) {
    const neighbour = found.indices[from + j];
    if (neighbour === self && !skipped) {
      skipped = true;
      continue;
    }
    graph.indices[to + written] = neighbour;
    graph.distances[to + written] = found.distances[from + j];
    written++;
  }
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
}
