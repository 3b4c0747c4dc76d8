import { describe, expect, it } from 'vitest';
import {
  averageLinkage,
  clusterPoints,
  cutMerges,
  distanceMatrix,
  medianNearestDistance,
  nearestToCentroid,
} from '../../../../electron/core/discovery/explain/families-clustering.js';
import type { VectorSet } from '../../../../electron/core/discovery/vectors.js';

function points(rows: number[][]): VectorSet {
  return { data: Float32Array.from(rows.flat()), count: rows.length, dim: rows[0].length };
}

// 0, 1, 3, 7 on a line: nearest distances 1, 1, 2, 4; average linkage joins {0,1} at 1, adds 3 at
// (3 + 2) / 2 = 2.5, and 7 at (7 + 6 + 4) / 3.
const line = points([[0], [1], [3], [7]]);

describe('average linkage', () => {
  it('merges at the known average distances', () => {
    const merges = averageLinkage(distanceMatrix(line), 4);
    expect(merges.map((m) => m.height).sort((a, b) => a - b)).toEqual([1, 2.5, 17 / 3]);
  });

  it('cuts the dendrogram at the threshold', () => {
    const labels = cutMerges(averageLinkage(distanceMatrix(line), 4), 4, 3);
    expect(labels[0]).toBe(labels[1]);
    expect(labels[0]).toBe(labels[2]);
    expect(labels[3]).not.toBe(labels[0]);
  });

  it('takes the median nearest-neighbour distance and the member nearest the centroid', () => {
    expect(medianNearestDistance(distanceMatrix(line), 4)).toBe(1.5);
    // Centroid 2.75: the point at 3 (row 2).
    expect(nearestToCentroid(line, [0, 1, 2, 3])).toBe(2);
    expect(nearestToCentroid(line, [3])).toBe(3);
  });
});

describe('clusterPoints', () => {
  // Corners of a unit square (and its centre) around three far-apart centres, rows interleaved.
  const shape = [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
    [0.5, 0.5],
  ];
  const centres = [
    [0, 0],
    [100, 0],
    [0, 100],
  ];
  const sizes = [5, 4, 3];
  const rows: number[][] = [];
  const expected: number[][] = [[], [], []];
  for (let k = 0; k < 5; k++)
    for (let blob = 0; blob < 3; blob++) {
      if (k >= sizes[blob]) continue;
      expected[blob].push(rows.length);
      rows.push([centres[blob][0] + shape[k][0], centres[blob][1] + shape[k][1]]);
    }

  const sorted = (clusters: number[][]): number[][] => clusters.map((c) => [...c].sort((a, b) => a - b)).sort();

  it('finds three well-separated blobs with the right members', () => {
    const { clusters, threshold } = clusterPoints(points(rows));
    expect(sorted(clusters)).toEqual(sorted(expected));
    // Nearest distances: √½ in the five-point blob, 1 in the other seven points: median 1, and twice that.
    expect(threshold).toBe(2);
  });

  it('puts a far-off point in a family of its own', () => {
    const far = rows.length;
    const { clusters } = clusterPoints(points([...rows, [1000, -1000]]));
    expect(sorted(clusters)).toEqual(sorted([...expected, [far]]));
  });

  it('gives one family for one point and joins identical points', () => {
    expect(clusterPoints(points([[3, 4]])).clusters).toEqual([[0]]);
    expect(sorted(clusterPoints(points([[1], [1], [5]])).clusters)).toEqual([[0, 1], [2]]);
  });
});
