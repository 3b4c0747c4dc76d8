// The isolation forest's rank spread across seeds, on known data: two tight 2-D clusters, one
// point far from both and one point on a cluster's edge. Forests from one seed agree exactly
// (zero width); the far point is first whatever the seed; the edge point's rank moves with it.
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';
import {
  extraSeeds,
  scoreWithSeeds,
  seedRankSpread,
} from '../../../../electron/core/discovery/anomaly/seed-rank-spread.js';
import type { VectorSet } from '../../../../electron/core/discovery/vectors.js';

const PER_CLUSTER = 200;
const OUTLIER = 2 * PER_CLUSTER;
const EDGE = OUTLIER + 1;

/** Clusters at (0, 0) and (10, 0) with σ = 1, then the outlier at (5, 40) and the edge point at (0, 3.2). */
function clustersWithOutlier(): VectorSet {
  const random = new SeededRandom(11);
  const points: number[] = [];
  for (const centre of [0, 10])
    for (let i = 0; i < PER_CLUSTER; i++) points.push(centre + random.nextGaussian(), random.nextGaussian());
  points.push(5, 40, 0, 3.2);
  return { data: Float32Array.from(points), count: points.length / 2, dim: 2 };
}

const width = (spread: Float32Array, row: number) => spread[2 * row + 1] - spread[2 * row];

describe('seedRankSpread', () => {
  it('has zero width everywhere when every forest has the same seed', () => {
    const vectors = clustersWithOutlier();
    const spread = seedRankSpread(scoreWithSeeds(vectors, [7, 7, 7]), vectors.count);
    for (let row = 0; row < vectors.count; row++) expect(width(spread, row)).toBe(0);
  });

  it('keeps an obvious outlier first across seeds, and gives a cluster-edge object a wider interval', () => {
    const vectors = clustersWithOutlier();
    const spread = seedRankSpread(scoreWithSeeds(vectors, [0, ...extraSeeds(0)]), vectors.count);
    expect([spread[2 * OUTLIER], spread[2 * OUTLIER + 1]]).toEqual([1, 1]);
    expect(width(spread, EDGE)).toBeGreaterThan(width(spread, OUTLIER));
    // Every row has an interval with best ≤ worst, inside 1..count.
    for (let row = 0; row < vectors.count; row++) {
      expect(spread[2 * row]).toBeGreaterThanOrEqual(1);
      expect(spread[2 * row + 1]).toBeGreaterThanOrEqual(spread[2 * row]);
      expect(spread[2 * row + 1]).toBeLessThanOrEqual(vectors.count);
    }
  });

  it('takes the best and the worst of the forests’ ranks, tied scores sharing the best place', () => {
    // Ranks: forest A 1 2 3 3, forest B 4 1 2 3 (scores as float32, as saved).
    const a = Float64Array.from([0.9, 0.8, 0.5, 0.5]);
    const b = Float64Array.from([0.1, 0.9, 0.7, 0.3]);
    expect(Array.from(seedRankSpread([a, b], 4))).toEqual([1, 4, 1, 2, 2, 3, 3, 3]);
  });

  it('seeds the extra forests after the saved one’s', () => {
    expect(extraSeeds(3)).toEqual([4, 5, 6, 7]);
  });
});
