// The filter panel's histogram counts and a column's extent, with known answers.
import { describe, expect, it } from 'vitest';
import { histogram } from '../../../renderer/src/state/filters.js';
import { finiteExtent } from '../../../electron/core/util/order-statistics.js';

describe('histogram', () => {
  it('counts values in equal bins, the maximum in the last, leaving out NaN and masked rows', () => {
    const values = Float32Array.from([0, 0.1, 0.5, 0.99, 1, NaN]);
    expect(finiteExtent(values)).toEqual({ min: 0, max: 1 });
    expect([...histogram(values, 0, 1, 4)]).toEqual([2, 0, 1, 2]);
    expect([...histogram(values, 0, 1, 4, Uint8Array.from([1, 0, 1, 0, 1, 1]))]).toEqual([1, 0, 1, 1]);
    expect(finiteExtent(Float32Array.from([NaN]))).toEqual({ min: NaN, max: NaN });
  });
});
