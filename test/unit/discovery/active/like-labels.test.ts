// "More like these" on two mirrored clusters: the positives' cluster comes first, with or
// without explicit negatives, and the point halfway between the clusters is the one the
// classifier is least sure about; the uncertain order puts the probability nearest 0.5 first.
import { describe, it, expect } from 'vitest';
import { leastSureFirst, likeLabels } from '../../../../electron/core/discovery/active/like-labels.js';
import { rowMask } from '../../../../electron/core/discovery/active/ranking-order.js';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';
import type { VectorSet } from '../../../../electron/core/discovery/vectors.js';

const DIM = 4;
const PER_CLUSTER = 40;

/**
 * Rows [0, 40) form cluster A around (+2, +2, +2, +2); rows [40, 80) are their exact mirror
 * images (cluster B); row 80 is the origin, halfway between them.
 */
function mirroredClusters(): VectorSet {
  const rng = new SeededRandom(11);
  const count = 2 * PER_CLUSTER + 1;
  const data = new Float32Array(count * DIM);
  for (let i = 0; i < PER_CLUSTER; i++) {
    for (let d = 0; d < DIM; d++) {
      const value = 2 + 0.5 * rng.nextGaussian();
      data[i * DIM + d] = value;
      data[(i + PER_CLUSTER) * DIM + d] = -value;
    }
  }
  return { data, count, dim: DIM };
}

const inA = (row: number): boolean => row < PER_CLUSTER;
const inB = (row: number): boolean => row >= PER_CLUSTER && row < 2 * PER_CLUSTER;
const MIDPOINT = 2 * PER_CLUSTER;

describe('likeLabels', () => {
  it('ranks the positives’ cluster first from positives alone', () => {
    const vectors = mirroredClusters();
    const result = likeLabels({ vectors, positives: [0, 1, 2], negatives: [] });
    expect(result.order.length).toBe(vectors.count - 3);
    const firstRows = Array.from(result.order.subarray(0, PER_CLUSTER - 3));
    expect(firstRows.every(inA)).toBe(true);
    let lowestA = 1;
    let highestB = 0;
    for (let i = 0; i < vectors.count; i++) {
      if (inA(i)) lowestA = Math.min(lowestA, result.probability[i]);
      if (inB(i)) highestB = Math.max(highestB, result.probability[i]);
    }
    expect(lowestA).toBeGreaterThan(highestB);
  });

  it('is least sure halfway between a positive and a negative cluster', () => {
    const vectors = mirroredClusters();
    // Mirrored examples and no background sample: the boundary is the mirror plane, through the midpoint.
    const result = likeLabels({
      vectors,
      positives: [0, 1, 2],
      negatives: [40, 41, 42],
      options: { backgroundSample: 0 },
    });
    expect(result.probability[MIDPOINT]).toBeCloseTo(0.5, 6);
    expect(result.uncertainty[MIDPOINT]).toBeCloseTo(1, 5);
    for (let i = 0; i < 2 * PER_CLUSTER; i++) {
      expect(result.uncertainty[i]).toBeLessThan(result.uncertainty[MIDPOINT]);
      expect(result.probability[i] > 0.5).toBe(inA(i));
      expect(result.uncertainty[i]).toBeCloseTo(1 - Math.abs(2 * result.probability[i] - 1), 12);
    }
    // The midpoint is the row a user should label next.
    let mostUncertain = 0;
    for (let i = 1; i < vectors.count; i++)
      if (result.uncertainty[i] > result.uncertainty[mostUncertain]) mostUncertain = i;
    expect(mostUncertain).toBe(MIDPOINT);
  });

  it('is deterministic and leaves the labelled rows out of the order', () => {
    const vectors = mirroredClusters();
    const a = likeLabels({ vectors, positives: [5, 7], negatives: [60] });
    const b = likeLabels({ vectors, positives: [5, 7], negatives: [60] });
    expect(Array.from(a.order)).toEqual(Array.from(b.order));
    expect(Array.from(a.probability)).toEqual(Array.from(b.probability));
    expect(Array.from(a.order)).not.toContain(5);
    expect(Array.from(a.order)).not.toContain(60);
  });

  it('refuses no positives and a row listed twice', () => {
    const vectors = mirroredClusters();
    expect(() => likeLabels({ vectors, positives: [], negatives: [1] })).toThrow(/positive/);
    expect(() => likeLabels({ vectors, positives: [1], negatives: [1] })).toThrow(/twice/);
  });
});

describe('the least sure first (the uncertain queue)', () => {
  it('orders by |p − 0.5| ascending, ties to the lower row, labelled rows out, NaN last', () => {
    // |p − 0.5|: 0.4, 0.125, (labelled), 0.375, 0.125, 0.25, NaN. 0.375 and 0.625 are exact in binary: a true tie.
    const probability = [0.9, 0.375, 0.5, 0.125, 0.625, 0.75, NaN];
    const labelled = rowMask(probability.length, [2]);
    expect(Array.from(leastSureFirst(probability, labelled))).toEqual([1, 4, 5, 3, 0, 6]);
    expect(Array.from(leastSureFirst(probability, labelled, 3))).toEqual([1, 4, 5]);
  });

  it('starts halfway between a positive and a negative example and walks outwards', () => {
    // x = 0..20 on a line, the positive at 0 and the negative at 20, no background: the fit is mirror-symmetric
    // about x = 10, where p = 0.5; rows 9 and 11 (then 8 and 12) are equally far from it.
    const count = 21;
    const vectors: VectorSet = { data: Float32Array.from({ length: count }, (_, i) => i), count, dim: 1 };
    const input = { vectors, positives: [0], negatives: [20], options: { backgroundSample: 0 } };
    const result = likeLabels({ ...input, orderBy: 'uncertainty' });
    const order = Array.from(result.order);
    expect(order).toHaveLength(count - 2);
    expect(order[0]).toBe(10);
    expect(result.probability[10]).toBeCloseTo(0.5, 9);
    expect(order.slice(1, 3).sort((a, b) => a - b)).toEqual([9, 11]);
    expect(order.slice(3, 5).sort((a, b) => a - b)).toEqual([8, 12]);
    expect(order.slice(-2).sort((a, b) => a - b)).toEqual([1, 19]);
    const page = likeLabels({ ...input, orderBy: 'uncertainty', limit: 5 });
    expect(Array.from(page.order)).toEqual(order.slice(0, 5));
    // The probabilities are like-labels' own: only the order differs.
    expect(Array.from(result.probability)).toEqual(Array.from(likeLabels(input).probability));
  });
});
