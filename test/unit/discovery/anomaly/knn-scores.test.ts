// kNN distance and local outlier factor on small graphs built here by brute force, checked
// against hand-worked values and numbers scikit-learn 1.2 gave for the same points.
import { describe, it, expect } from 'vitest';
import { knnDistanceScore, localOutlierFactor } from '../../../../electron/core/discovery/anomaly/knn-scores.js';
import type { KnnGraph } from '../../../../electron/core/discovery/vectors.js';

/** Exact kNN graph of 2-D points (self excluded; ties broken by index), padded with -1 / Infinity. */
function bruteForceGraph(points: number[][], k: number): KnnGraph {
  const count = points.length;
  const indices = new Int32Array(count * k).fill(-1);
  const distances = new Float32Array(count * k).fill(Infinity);
  for (let i = 0; i < count; i++) {
    const others = points
      .map((p, j) => ({ j, d: Math.hypot(...p.map((v, a) => v - points[i][a])) }))
      .filter((o) => o.j !== i)
      .sort((a, b) => a.d - b.d || a.j - b.j)
      .slice(0, k);
    others.forEach((o, n) => {
      indices[i * k + n] = o.j;
      distances[i * k + n] = o.d;
    });
  }
  return { count, k, indices, distances };
}

function grid(side: number): number[][] {
  const points: number[][] = [];
  for (let x = 0; x < side; x++) for (let y = 0; y < side; y++) points.push([x, y]);
  return points;
}

describe('knnDistanceScore', () => {
  const line = [[0], [1], [3], [7]];
  const graph = bruteForceGraph(line, 2);

  it('is the distance to the k-th neighbour by default', () => {
    // Neighbours of 0: 1 (1), 3 (3); of 1: 0 (1), 3 (2); of 3: 1 (2), 0 (3); of 7: 3 (4), 1 (6).
    expect(Array.from(knnDistanceScore(graph))).toEqual([3, 2, 3, 6]);
    expect(Array.from(knnDistanceScore(graph, { k: 1 }))).toEqual([1, 1, 2, 4]);
  });

  it('can average the k distances', () => {
    expect(Array.from(knnDistanceScore(graph, { aggregate: 'mean' }))).toEqual([2, 1.5, 2.5, 5]);
  });

  it('uses the neighbours present when fewer than k exist', () => {
    const padded = bruteForceGraph([[0], [2]], 3);
    expect(Array.from(knnDistanceScore(padded))).toEqual([2, 2]);
    expect(Array.from(knnDistanceScore(bruteForceGraph([[0]], 2)))).toEqual([0]);
  });

  it('rejects k beyond the graph', () => {
    expect(() => knnDistanceScore(graph, { k: 3 })).toThrow(/k must be/);
  });
});

describe('localOutlierFactor', () => {
  it('matches scikit-learn LocalOutlierFactor(n_neighbors=3) on seven points', () => {
    const points = [
      [0, 0],
      [1, 0.1],
      [0.2, 1.1],
      [1.3, 1.2],
      [0.6, 0.5],
      [3.1, 2.7],
      [2.2, 0.3],
    ];
    // -negative_outlier_factor_ from scikit-learn 1.2.1.
    const expected = [
      0.9667274165452778, 0.9452871143104599, 0.9452871143104599, 1.0331826621671933, 1.110886157113793,
      2.4126206288137517, 1.2757736538643003,
    ];
    const lof = localOutlierFactor(bruteForceGraph(points, 3));
    // Graph distances are float32, so agreement is to float32 precision.
    expect(lof.length).toBe(7);
    lof.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });

  it('uses the first k neighbours of a wider graph', () => {
    const points = [
      [0, 0],
      [1, 0.1],
      [0.2, 1.1],
      [1.3, 1.2],
      [0.6, 0.5],
      [3.1, 2.7],
      [2.2, 0.3],
    ];
    expect(localOutlierFactor(bruteForceGraph(points, 5), 3)).toEqual(localOutlierFactor(bruteForceGraph(points, 3)));
  });

  it('applies the 1e-10 guard on duplicates as scikit-learn does', () => {
    // scikit-learn 1.2.1 with n_neighbors=2: [1, 1, 1, 10000000001.0, 33685480127.11436].
    const lof = localOutlierFactor(
      bruteForceGraph(
        [
          [0, 0],
          [0, 0],
          [0, 0],
          [1, 0],
          [5, 5],
        ],
        2,
      ),
    );
    expect(Array.from(lof.subarray(0, 3))).toEqual([1, 1, 1]);
    expect(lof[3] / 10000000001.0).toBeCloseTo(1, 6);
    expect(lof[4] / 33685480127.11436).toBeCloseTo(1, 6);
  });

  it('is 1 inside a uniform grid and large for an isolated point', () => {
    const points = grid(12);
    points.push([30, 30]);
    const k = 4;
    const lof = localOutlierFactor(bruteForceGraph(points, k));
    // Three steps from every edge, a point and its neighbours' neighbours all have k-distance 1.
    for (let x = 3; x < 9; x++) {
      for (let y = 3; y < 9; y++) expect(lof[x * 12 + y]).toBeCloseTo(1, 9);
    }
    const isolated = lof[points.length - 1];
    expect(isolated).toBeGreaterThan(10);
    expect(Math.max(...lof.subarray(0, points.length - 1))).toBeLessThan(2);
  });
});
