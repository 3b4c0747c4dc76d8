import { describe, it, expect } from 'vitest';
import {
  exactKnnGraph,
  exactSearch,
  exactSearchMany,
  rowSquaredNorms,
} from '../../../../electron/core/discovery/neighbours/exact-knn.js';
import type { VectorSet } from '../../../../electron/core/discovery/vectors.js';
import { gaussianVectors } from '../../../helpers/random-vectors.js';

function set(rows: number[][]): VectorSet {
  return { data: Float32Array.from(rows.flat()), count: rows.length, dim: rows[0].length };
}

/** The obvious O(n²) answer: every distance, sorted by (distance, index). */
function naiveNeighbours(
  vectors: VectorSet,
  query: Float32Array,
  k: number,
  skip = -1,
): { indices: number[]; distances: number[] } {
  const all: [number, number][] = [];
  for (let j = 0; j < vectors.count; j++) {
    if (j === skip) continue;
    let sum = 0;
    for (let d = 0; d < vectors.dim; d++) sum += (vectors.data[j * vectors.dim + d] - query[d]) ** 2;
    all.push([Math.sqrt(sum), j]);
  }
  all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const top = all.slice(0, k);
  return { indices: top.map((p) => p[1]), distances: top.map((p) => p[0]) };
}

describe('exactKnnGraph', () => {
  // Points on a line at 0, 1, 3, 6, 10: every neighbour list can be read off by eye.
  const line = set([[0], [1], [3], [6], [10]]);

  it('finds hand-computed neighbours on a line, self excluded, nearest first', () => {
    const graph = exactKnnGraph(line, 2);
    expect(graph.count).toBe(5);
    expect(graph.k).toBe(2);
    expect(Array.from(graph.indices)).toEqual([1, 2, 0, 2, 1, 0, 2, 4, 3, 2]);
    expect(Array.from(graph.distances)).toEqual([1, 3, 1, 2, 2, 3, 3, 4, 4, 7]);
  });

  it('pads with -1 and Infinity when there are fewer than k other points', () => {
    const graph = exactKnnGraph(
      set([
        [0, 0],
        [3, 4],
      ]),
      3,
    );
    expect(Array.from(graph.indices)).toEqual([1, -1, -1, 0, -1, -1]);
    expect(Array.from(graph.distances)).toEqual([5, Infinity, Infinity, 5, Infinity, Infinity]);
  });

  it('breaks distance ties by the lower index', () => {
    // The centre point (row 4) has four neighbours all at distance 1.
    const square = set([
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, -1],
      [0, 0],
    ]);
    const graph = exactKnnGraph(square, 3);
    expect(Array.from(graph.indices.subarray(4 * 3, 5 * 3))).toEqual([0, 1, 2]);
  });

  it('matches the naive answer on random points, including the rows after the last group of four', () => {
    const vectors = gaussianVectors(103, 7, 11);
    const k = 6;
    const graph = exactKnnGraph(vectors, k);
    for (let i = 0; i < vectors.count; i++) {
      const expected = naiveNeighbours(vectors, vectors.data.subarray(i * 7, (i + 1) * 7), k, i);
      expect(Array.from(graph.indices.subarray(i * k, (i + 1) * k))).toEqual(expected.indices);
      const distances = Array.from(graph.distances.subarray(i * k, (i + 1) * k));
      distances.forEach((d, j) => expect(d).toBeCloseTo(expected.distances[j], 4));
    }
  });

  it('reports progress ending at the full count', () => {
    const calls: [number, number][] = [];
    exactKnnGraph(gaussianVectors(400, 3, 2), 4, { onProgress: (done, total) => calls.push([done, total]) });
    expect(calls.at(-1)).toEqual([400, 400]);
    for (let i = 1; i < calls.length; i++) expect(calls[i][0]).toBeGreaterThanOrEqual(calls[i - 1][0]);
  });

  it('rejects k below 1', () => {
    expect(() => exactKnnGraph(line, 0)).toThrow(RangeError);
  });
});

describe('exactSearchMany', () => {
  it('finds hand-computed neighbours of a 2-D query', () => {
    const vectors = set([
      [0, 0],
      [3, 4],
      [1, 1],
      [-2, 0],
    ]);
    const result = exactSearch(vectors, Float32Array.of(0, 0.5), 3);
    expect(Array.from(result.indices)).toEqual([0, 2, 3]);
    expect(result.distances[0]).toBeCloseTo(0.5, 6);
    expect(result.distances[1]).toBeCloseTo(Math.sqrt(1 + 0.25), 6);
    expect(result.distances[2]).toBeCloseTo(Math.sqrt(4 + 0.25), 6);
  });

  it('includes a query that is itself in the set, at distance 0', () => {
    const vectors = set([
      [5, 5],
      [1, 2],
      [0, 0],
    ]);
    const result = exactSearch(vectors, Float32Array.of(1, 2), 1);
    expect(result.indices[0]).toBe(1);
    expect(result.distances[0]).toBe(0);
  });

  it('matches the naive answer for a batch whose size is not a multiple of four', () => {
    const vectors = gaussianVectors(250, 5, 3);
    const queries = gaussianVectors(7, 5, 4).data;
    const k = 9;
    const result = exactSearchMany(vectors, queries, k);
    expect(result.indices.length).toBe(7 * k);
    for (let q = 0; q < 7; q++) {
      const expected = naiveNeighbours(vectors, queries.subarray(q * 5, (q + 1) * 5), k);
      expect(Array.from(result.indices.subarray(q * k, (q + 1) * k))).toEqual(expected.indices);
    }
  });

  it('answers one query alone exactly as within a batch, with or without precomputed norms', () => {
    const vectors = gaussianVectors(300, 6, 7);
    const queries = gaussianVectors(3, 6, 8).data;
    const k = 11;
    const batch = exactSearchMany(vectors, queries, k);
    const norms = rowSquaredNorms(vectors);
    for (let q = 0; q < 3; q++) {
      const query = queries.slice(q * 6, (q + 1) * 6);
      for (const alone of [exactSearchMany(vectors, query, k), exactSearchMany(vectors, query, k, norms)]) {
        expect(Array.from(alone.indices)).toEqual(Array.from(batch.indices.subarray(q * k, (q + 1) * k)));
        expect(Array.from(alone.distances)).toEqual(Array.from(batch.distances.subarray(q * k, (q + 1) * k)));
      }
      expect(Array.from(exactSearchMany(vectors, query, k).indices)).toEqual(
        naiveNeighbours(vectors, query, k).indices,
      );
    }
    expect(() => exactSearchMany(vectors, queries, k, new Float64Array(5))).toThrow(/norms/);
  });

  it('rejects queries whose length is not a multiple of dim', () => {
    expect(() => exactSearchMany(set([[1, 2]]), Float32Array.of(1, 2, 3), 1)).toThrow(RangeError);
  });
});
