import { describe, it, expect } from 'vitest';
import { trustworthiness } from '../../../../electron/core/discovery/umap/index.js';
import type { VectorSet } from '../../../../electron/core/discovery/vectors.js';

// 40 points on a 3-D curve, and two 2-D layouts of them.
const n = 40;
const high: VectorSet = {
  data: Float32Array.from({ length: n * 3 }, (_, e) => {
    const i = Math.floor(e / 3);
    return [Math.cos(i * 0.7), Math.sin(i * 1.3), i * 0.05][e % 3];
  }),
  count: n,
  dim: 3,
};
const dropMiddle = Float32Array.from({ length: n * 2 }, (_, e) => {
  const i = Math.floor(e / 2);
  return e % 2 === 0 ? Math.cos(i * 0.7) : i * 0.05;
});
const unrelated = Float32Array.from({ length: n * 2 }, (_, e) => {
  const i = Math.floor(e / 2);
  return e % 2 === 0 ? Math.sin(i * 2.1) : Math.cos(i * 0.37);
});

describe('trustworthiness', () => {
  it('matches sklearn.manifold.trustworthiness on known layouts', () => {
    // sklearn 1.2: trustworthiness(X, Y, n_neighbors=5) gave 0.865625 and 0.4940625.
    expect(trustworthiness(high, dropMiddle, 5)).toBeCloseTo(0.865625, 6);
    expect(trustworthiness(high, unrelated, 5)).toBeCloseTo(0.4940625, 6);
  });

  it('is 1 for a layout that keeps every neighbourhood', () => {
    const plane: VectorSet = {
      data: Float32Array.from({ length: n * 2 }, (_, e) => Math.sin(e * 1.7) * 3),
      count: n,
      dim: 2,
    };
    expect(trustworthiness(plane, plane.data, 5)).toBe(1);
  });

  it('estimates the full value from a sample of rows', () => {
    const full = trustworthiness(high, unrelated, 5);
    const sampled = trustworthiness(high, unrelated, 5, 20, 3);
    expect(sampled).not.toBe(full);
    expect(Math.abs(sampled - full)).toBeLessThan(0.1);
  });
});
