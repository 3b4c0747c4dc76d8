import { describe, it, expect } from 'vitest';
import { fitCurveParameters } from '../../../../electron/core/discovery/umap/curve-fit.js';

describe('fitCurveParameters', () => {
  it('matches umap-learn for min_dist 0.1, spread 1 (a≈1.577, b≈0.895)', () => {
    const { a, b } = fitCurveParameters(0.1, 1);
    expect(a).toBeCloseTo(1.5769, 3);
    expect(b).toBeCloseTo(0.8951, 3);
  });

  it('matches umap-learn for other settings', () => {
    // Values printed by umap.umap_.find_ab_params (umap-learn 0.5.3).
    const tight = fitCurveParameters(0.001, 1);
    expect(tight.a).toBeCloseTo(1.929, 2);
    expect(tight.b).toBeCloseTo(0.7915, 2);
    const loose = fitCurveParameters(0.5, 1);
    expect(loose.a).toBeCloseTo(0.583, 2);
    expect(loose.b).toBeCloseTo(1.3341, 2);
  });

  it('gives a curve near 1 inside min_dist and near the exponential beyond it', () => {
    const { a, b } = fitCurveParameters(0.1, 1);
    const curve = (x: number): number => 1 / (1 + a * Math.pow(x, 2 * b));
    expect(curve(0.05)).toBeGreaterThan(0.95);
    expect(Math.abs(curve(1) - Math.exp(-0.9))).toBeLessThan(0.05);
  });

  it('rejects a min_dist beyond the spread', () => {
    expect(() => fitCurveParameters(2, 1)).toThrow(RangeError);
  });
});
