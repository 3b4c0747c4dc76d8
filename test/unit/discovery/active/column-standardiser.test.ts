// Scaling before a fit: z-scores per column, or one shared scale that keeps the ratio of the
// columns' spreads; constant columns drop out.
import { describe, it, expect } from 'vitest';
import { fitStandardiser, standardisedRows } from '../../../../electron/core/discovery/active/column-standardiser.js';

// Column 0: 1, 3 (mean 2, sd 1); column 1: 10, 50 (mean 30, sd 20); column 2: constant 7.
const vectors = { data: Float32Array.from([1, 10, 7, 3, 50, 7]), count: 2, dim: 3 };

describe('fitStandardiser', () => {
  it('gives z-scores per column and zero for a constant column', () => {
    const s = fitStandardiser(vectors);
    expect(Array.from(s.mean)).toEqual([2, 30, 7]);
    expect(Array.from(standardisedRows(vectors, s, [0, 1]))).toEqual([-1, -1, 0, 1, 1, 0]);
  });

  it('shares one scale, the RMS spread over the columns, when asked', () => {
    const s = fitStandardiser(vectors, 'shared');
    const rms = Math.sqrt((1 + 400 + 0) / 3);
    const rows = standardisedRows(vectors, s, [1]);
    expect(rows[0]).toBeCloseTo(1 / rms, 12);
    expect(rows[1]).toBeCloseTo(20 / rms, 12);
    expect(rows[2]).toBe(0);
  });
});
