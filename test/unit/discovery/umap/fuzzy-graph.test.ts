import { describe, it, expect } from 'vitest';
import { fuzzySimplicialSet, type FuzzyGraph } from '../../../../electron/core/discovery/umap/fuzzy-simplicial-set.js';
import { edgeSchedule, pruneWeakEdges } from '../../../../electron/core/discovery/umap/edge-schedule.js';
import { connectedComponents } from '../../../../electron/core/discovery/umap/connected-components.js';
import type { KnnGraph } from '../../../../electron/core/discovery/vectors.js';

function weightOf(graph: FuzzyGraph, i: number, j: number): number {
  for (let e = graph.rowStart[i]; e < graph.rowStart[i + 1]; e++) if (graph.columns[e] === j) return graph.weights[e];
  return 0;
}

function fromEdges(count: number, edges: [number, number, number][]): FuzzyGraph {
  const rows: [number, number][][] = Array.from({ length: count }, () => []);
  for (const [i, j, w] of edges) {
    rows[i].push([j, w]);
    rows[j].push([i, w]);
  }
  const rowStart = new Int32Array(count + 1);
  rows.forEach((row, i) => (rowStart[i + 1] = rowStart[i] + row.length));
  return {
    count,
    rowStart,
    columns: Int32Array.from(rows.flat().map(([j]) => j)),
    weights: Float32Array.from(rows.flat().map(([, w]) => w)),
  };
}

describe('fuzzySimplicialSet', () => {
  // Three points, k = 2. Point 2 lists 0 and 1; points 0 and 1 list each other and 2.
  const knn: KnnGraph = {
    count: 3,
    k: 2,
    indices: Int32Array.from([1, 2, 0, 2, 0, 1]),
    distances: Float32Array.from([1, 2, 1, 3, 2, 3]),
  };
  const sigmas = Float64Array.from([1, 2, 0.5]);
  const rhos = Float64Array.from([1, 1, 2]);

  it('combines the two directions by fuzzy union w_ij + w_ji - w_ij*w_ji', () => {
    const graph = fuzzySimplicialSet(knn, { sigmas, rhos });
    const w02 = Math.exp(-(2 - 1) / 1); // 0 → 2
    const w20 = 1; // 2 → 0 is at rho_2
    const w12 = Math.exp(-(3 - 1) / 2);
    const w21 = Math.exp(-(3 - 2) / 0.5);
    expect(weightOf(graph, 0, 1)).toBeCloseTo(1, 6); // both directions at rho: 1 + 1 - 1
    expect(weightOf(graph, 0, 2)).toBeCloseTo(w02 + w20 - w02 * w20, 6);
    expect(weightOf(graph, 1, 2)).toBeCloseTo(w12 + w21 - w12 * w21, 6);
  });

  it('is symmetric and has no self edges', () => {
    const graph = fuzzySimplicialSet(knn, { sigmas, rhos });
    for (let i = 0; i < 3; i++) {
      expect(weightOf(graph, i, i)).toBe(0);
      for (let j = 0; j < 3; j++) expect(weightOf(graph, i, j)).toBeCloseTo(weightOf(graph, j, i), 7);
    }
    expect(graph.columns.length).toBe(6);
  });

  it('adds the reverse of a one-way edge with the same weight', () => {
    // Point 2's neighbours are 0 and 1, but nobody lists 2.
    const oneWay: KnnGraph = {
      count: 3,
      k: 1,
      indices: Int32Array.from([1, 0, 0]),
      distances: Float32Array.from([1, 1, 2]),
    };
    const graph = fuzzySimplicialSet(oneWay, {
      sigmas: Float64Array.from([1, 1, 1]),
      rhos: Float64Array.from([1, 1, 2]),
    });
    expect(weightOf(graph, 2, 0)).toBeCloseTo(1, 6);
    expect(weightOf(graph, 0, 2)).toBeCloseTo(1, 6);
    expect(graph.columns.length).toBe(4);
  });
});

describe('edge schedule', () => {
  it('drops edges lighter than max/nEpochs and samples the rest every max/w epochs', () => {
    const graph = fromEdges(4, [
      [0, 1, 1],
      [1, 2, 0.5],
      [2, 3, 0.001],
    ]);
    const pruned = pruneWeakEdges(graph, 200);
    expect(pruned.columns.length).toBe(4);
    const schedule = edgeSchedule(pruned);
    const periods = new Map<string, number>();
    for (let e = 0; e < schedule.head.length; e++)
      periods.set(`${schedule.head[e]}-${schedule.tail[e]}`, schedule.epochsPerSample[e]);
    expect(periods.get('0-1')).toBeCloseTo(1, 6);
    expect(periods.get('1-0')).toBeCloseTo(1, 6);
    expect(periods.get('2-1')).toBeCloseTo(2, 6);
    expect(periods.has('2-3')).toBe(false);
  });
});

describe('connectedComponents', () => {
  it('labels components by decreasing size', () => {
    const graph = fromEdges(7, [
      [0, 5, 1],
      [1, 2, 1],
      [2, 3, 1],
      [3, 4, 1],
    ]);
    const { labels, sizes } = connectedComponents(graph);
    expect(Array.from(sizes)).toEqual([4, 2, 1]);
    expect(Array.from(labels)).toEqual([1, 0, 0, 0, 0, 1, 2]);
  });
});
