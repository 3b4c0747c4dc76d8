import { describe, it, expect } from 'vitest';
import {
  applyColumnScaling,
  robustColumnScaling,
  robustStandardise,
} from '../../../../../electron/core/discovery/embeddings/morphology/standardise.js';

/** A rows × cols matrix from column arrays. */
function matrixOf(columns: number[][]): Float32Array {
  const rows = columns[0].length;
  const out = new Float32Array(rows * columns.length);
  columns.forEach((column, c) => column.forEach((v, r) => (out[r * columns.length + c] = v)));
  return out;
}

describe('robust standardisation', () => {
  it('centres on the median and scales by IQR / 1.349', () => {
    const values = Array.from({ length: 101 }, (_, i) => i); // median 50, quartiles 25 and 75
    const scaling = robustColumnScaling(matrixOf([values]), 101, 1);
    expect(scaling.centre[0]).toBe(50);
    expect(scaling.scale[0]).toBeCloseTo(50 / 1.349, 10);
  });

  it('is not moved by outliers, and clips them', () => {
    const values = Array.from({ length: 100 }, (_, i) => (i % 10) + 0.5);
    // Replace a low and a high value by huge ones: the median stays 5, and the quartiles 2.5 and 7.5.
    values[0] = 1e9;
    values[9] = -1e9;
    const matrix = matrixOf([values]);
    const scaling = robustStandardise(matrix, 100, 1, 10);
    expect(scaling.centre[0]).toBe(5);
    expect(scaling.scale[0]).toBeCloseTo(5 / 1.349, 6);
    expect(matrix[0]).toBe(10);
    expect(matrix[9]).toBe(-10);
  });

  it('falls back to the standard deviation for rare flags and to 1 for constant columns', () => {
    const flag = Array.from({ length: 100 }, (_, i) => (i < 4 ? 1 : 0)); // IQR 0, σ = √(0.04 · 0.96)
    const constant = new Array(100).fill(7);
    const matrix = matrixOf([flag, constant]);
    const scaling = robustStandardise(matrix, 100, 2);
    expect(scaling.scale[0]).toBeCloseTo(Math.sqrt(0.04 * 0.96), 6);
    expect(matrix[0]).toBeCloseTo(1 / Math.sqrt(0.04 * 0.96), 4);
    expect(matrix[10 * 2]).toBe(0);
    expect(scaling.scale[1]).toBe(1);
    for (let r = 0; r < 100; r++) expect(matrix[r * 2 + 1]).toBe(0);
  });

  it('ignores non-finite values in the statistics and maps them to 0', () => {
    const values = [1, 2, NaN, 3, Infinity, 4, 5];
    const matrix = matrixOf([values]);
    const scaling = robustColumnScaling(matrix, values.length, 1);
    expect(scaling.centre[0]).toBe(3);
    applyColumnScaling(matrix, values.length, 1, scaling);
    expect(matrix[2]).toBe(0);
    expect(matrix[4]).toBe(0);
    expect(matrix[0]).toBeCloseTo((1 - 3) / (2 / 1.349), 5);
  });
});
