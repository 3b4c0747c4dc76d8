import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildVectorIndex,
  DEFAULT_EXACT_BELOW,
  loadVectorIndex,
} from '../../../../electron/core/discovery/neighbours/open-index.js';
import type { NeighbourResult, VectorIndex } from '../../../../electron/core/discovery/neighbours/vector-index.js';
import { exactKnnGraph, exactSearchMany } from '../../../../electron/core/discovery/neighbours/exact-knn.js';
import type { KnnGraph, VectorSet } from '../../../../electron/core/discovery/vectors.js';
import { clusteredVectors } from '../../../bench/clustered-data.js';
import { useSharedTempDir } from '../../../helpers/temp-dir.js';
import { knnRecall } from '../../../helpers/knn-recall.js';

const DIM = 16;
const COUNT = 3000;
const QUERIES = 100;
const K = 10;

function euclidean(vectors: VectorSet, row: number, query: Float32Array): number {
  let sum = 0;
  for (let d = 0; d < vectors.dim; d++) sum += (vectors.data[row * vectors.dim + d] - query[d]) ** 2;
  return Math.sqrt(sum);
}

describe('buildVectorIndex on clustered data (graph index)', () => {
  // Held-out queries come from the same distribution as the indexed rows.
  const all = clusteredVectors(COUNT + QUERIES, DIM, { seed: 5 }).vectors;
  const vectors: VectorSet = { data: all.data.slice(0, COUNT * DIM), count: COUNT, dim: DIM };
  const queries = all.data.slice(COUNT * DIM);
  let index: VectorIndex;
  const scratch = useSharedTempDir('serendip-ann-test-');

  beforeAll(() => {
    index = buildVectorIndex(vectors, { exactBelow: 0 });
  });

  it('is the approximate index when the collection is above the threshold', () => {
    expect(index.exact).toBe(false);
    expect(index.count).toBe(COUNT);
    expect(index.dim).toBe(DIM);
  });

  it('reaches recall@10 ≥ 0.95 against exact search, with true Euclidean distances in order', () => {
    const approx = index.searchMany(queries, K);
    const exact = exactSearchMany(vectors, queries, K);
    expect(knnRecall(approx.indices, exact.indices, QUERIES, K)).toBeGreaterThanOrEqual(0.95);
    for (let q = 0; q < QUERIES; q++) {
      const query = queries.subarray(q * DIM, (q + 1) * DIM);
      for (let j = 0; j < K; j++) {
        const row = approx.indices[q * K + j];
        expect(approx.distances[q * K + j]).toBeCloseTo(euclidean(vectors, row, query), 3);
        if (j > 0) expect(approx.distances[q * K + j]).toBeGreaterThanOrEqual(approx.distances[q * K + j - 1]);
      }
    }
  });

  it('gives one query the same answer alone as in a batch', () => {
    const batch = index.searchMany(queries.subarray(0, 3 * DIM), K);
    const single = index.search(queries.subarray(DIM, 2 * DIM), K);
    expect(Array.from(single.indices)).toEqual(Array.from(batch.indices.subarray(K, 2 * K)));
  });

  it('reads typed-array views at an offset (as the chunked build and graph pass them) correctly', () => {
    const view = queries.subarray(5 * DIM, 10 * DIM);
    expectSameResult(index.searchMany(view, K), index.searchMany(view.slice(), K));
    // An index over a view into a larger buffer must index the view's rows, not the buffer's first rows.
    const padded = new Float32Array(7 * DIM + vectors.data.length);
    padded.set(vectors.data, 7 * DIM);
    // One thread builds the same graph every time: a parallel build's graph varies with the
    // scheduling, and on a busy machine it once left row 99 out of reach of its own query.
    const offsetView = { data: padded.subarray(7 * DIM), count: COUNT, dim: DIM };
    const offsetIndex = buildVectorIndex(offsetView, { exactBelow: 0, threads: 1 });
    const found = offsetIndex.search(vectors.data.subarray(99 * DIM, 100 * DIM), 1);
    expect(found.indices[0]).toBe(99);
    expect(found.distances[0]).toBe(0);
  });

  it('finds a row of the set itself first, at distance 0', () => {
    const result = index.search(vectors.data.subarray(42 * DIM, 43 * DIM), 3);
    expect(result.indices[0]).toBe(42);
    expect(result.distances[0]).toBe(0);
  });

  it('builds a kNN graph that excludes self and agrees with the exact graph', () => {
    const progress: number[] = [];
    const graph = index.knnGraph(K, { onProgress: (done) => progress.push(done) });
    expect(graph.count).toBe(COUNT);
    expect(graph.k).toBe(K);
    for (let i = 0; i < COUNT; i++) expect(graph.indices.subarray(i * K, (i + 1) * K)).not.toContain(i);
    expect(graph.indices).not.toContain(-1);
    expect(knnRecall(graph.indices, exactKnnGraph(vectors, K).indices, COUNT, K)).toBeGreaterThanOrEqual(0.95);
    expect(progress.at(-1)).toBe(COUNT);
  });

  it('answers identically after a save and load, and leaves no temporary file behind', () => {
    const path = join(scratch(), 'run.usearch');
    index.save(path);
    expect(readdirSync(scratch())).toEqual(['run.usearch']);
    const loaded = loadVectorIndex(path, vectors);
    expect(loaded.exact).toBe(false);
    expectSameResult(loaded.searchMany(queries, K), index.searchMany(queries, K));
    expectSameGraph(loaded.knnGraph(5), index.knnGraph(5));
  });

  it('refuses to load an index against vectors of another shape', () => {
    const path = join(scratch(), 'shape.usearch');
    index.save(path);
    const fewer: VectorSet = { data: vectors.data.subarray(0, 100 * DIM), count: 100, dim: DIM };
    expect(() => loadVectorIndex(path, fewer)).toThrow(/100/);
  });
});

describe('buildVectorIndex below the exact threshold', () => {
  const vectors = clusteredVectors(500, 8, { seed: 9 }).vectors;
  const index = buildVectorIndex(vectors, { exactBelow: 1000 });

  it('uses brute force, whose answers are the exact ones', () => {
    expect(index.exact).toBe(true);
    const queries = vectors.data.subarray(0, 20 * 8);
    expectSameResult(index.searchMany(queries, 7), exactSearchMany(vectors, queries, 7));
    expectSameGraph(index.knnGraph(4), exactKnnGraph(vectors, 4));
  });

  it('switches to the graph index at the threshold', () => {
    expect(buildVectorIndex(vectors, { exactBelow: 500 }).exact).toBe(false);
  });

  it('uses brute force by default for a collection below DEFAULT_EXACT_BELOW', () => {
    expect(vectors.count).toBeLessThan(DEFAULT_EXACT_BELOW);
    expect(buildVectorIndex(vectors).exact).toBe(true);
  });

  it('round-trips through save and load, and checks the shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'serendip-exact-test-'));
    try {
      const path = join(dir, 'small.index');
      index.save(path);
      const loaded = loadVectorIndex(path, vectors);
      expect(loaded.exact).toBe(true);
      expectSameResult(loaded.search(vectors.data.subarray(8, 16), 5), index.search(vectors.data.subarray(8, 16), 5));
      expect(() => loadVectorIndex(path, { data: vectors.data, count: 499, dim: 8 })).toThrow(/500/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function expectSameResult(actual: NeighbourResult, expected: NeighbourResult): void {
  expect(Array.from(actual.indices)).toEqual(Array.from(expected.indices));
  expect(Array.from(actual.distances)).toEqual(Array.from(expected.distances));
}

function expectSameGraph(actual: KnnGraph, expected: KnnGraph): void {
  expect(actual.k).toBe(expected.k);
  expectSameResult(actual, expected);
}
