import { describe, expect, it } from 'vitest';
import {
  familyPhrase,
  jointPoints,
  sharedFeatures,
  standardiseColumns,
  totalVariance,
} from '../../../../electron/core/discovery/explain/family-features.js';

describe('the joint space', () => {
  it('standardises each column over the rows, a constant one to 0', () => {
    // Column 0: 1, 3 → mean 2, sd 1 (population) → −1, +1. Column 1: constant → 0.
    expect([...standardiseColumns(Float32Array.from([1, 5, 3, 5]), 2, 2)]).toEqual([-1, 0, 1, 0]);
  });

  it('sums the columns’ variances', () => {
    // Column 0: 0, 2 → variance 1; column 1: 0, 4 → variance 4.
    expect(totalVariance(Float32Array.from([0, 0, 2, 4]), 2, 2)).toBe(5);
  });

  it('gives each block a total variance of 1, the embedding first', () => {
    // Embedding 0, 10 (variance 25) → −0 / 2; features 1, 3 → z −1, 1 (variance 1).
    const joint = jointPoints({ data: Float32Array.from([0, 10]), count: 2, dim: 1 }, Float32Array.from([1, 3]), 1);
    expect(joint.dim).toBe(2);
    expect([...joint.data]).toEqual([0, -1, 2, 1]);
    expect(
      totalVariance(
        joint.data.filter((_, i) => i % 2 === 0),
        2,
        1,
      ),
    ).toBeCloseTo(1, 6);
    expect(
      totalVariance(
        joint.data.filter((_, i) => i % 2 === 1),
        2,
        1,
      ),
    ).toBeCloseTo(1, 6);
  });
});

describe('shared features', () => {
  const names = ['asymmetry', 'colour', 'empty'];
  // Typical objects: asymmetry 0, 2 (mean 1, sd √2), colour 0, 2 (same), empty always 0.
  const typical = Float32Array.from([0, 0, 0, 2, 2, 0]);

  it('keeps features every member differs in the same way, the strongest first, in σ of typical objects', () => {
    // Asymmetry 5, 7, 9: median 7 → (7 − 1)/√2 = 4.24σ, all above.
    // Colour −1, 3, 5: median 3, but one member lies below the typical mean.
    // Empty 1, 1, 1 where typical objects all have 0: no spread, first.
    const members = [Float32Array.from([5, -1, 1]), Float32Array.from([7, 3, 1]), Float32Array.from([9, 5, 1])];
    const shared = sharedFeatures(names, members, typical, 2);
    expect(shared.map((s) => s.name)).toEqual(['empty', 'asymmetry']);
    expect(shared[0].sigma).toBeNull();
    expect(shared[0].phrase).toBe('empty 1 where typical objects all have 0');
    expect(shared[1].sigma).toBeCloseTo(6 / Math.SQRT2, 5);
    expect(shared[1].phrase).toBe('asymmetry +4.2σ above typical objects');
  });

  it('drops features nearer than 1σ, and says below for negative σ', () => {
    // Asymmetry 0.5 → −0.35σ: dropped. Colour −3 → −2.83σ.
    const shared = sharedFeatures(names, [Float32Array.from([0.5, -3, 0])], typical, 2);
    expect(shared.map((s) => s.name)).toEqual(['colour']);
    expect(shared[0].phrase).toBe('colour −2.8σ below typical objects');
  });

  it('names at most three', () => {
    const many = ['a', 'b', 'c', 'd'];
    const shared = sharedFeatures(
      many,
      [Float32Array.from([9, 8, 7, 6])],
      Float32Array.from([0, 0, 0, 0, 1, 1, 1, 1]),
      2,
    );
    expect(shared.map((s) => s.name)).toEqual(['a', 'b', 'c']);
  });

  it('phrases a positive σ as above', () => {
    expect(familyPhrase('size', 3, 1, 2.04)).toBe('size +2.0σ above typical objects');
  });
});
