import { describe, it, expect } from 'vitest';
import {
  attractCoefficient,
  buildGradientTables,
  repelCoefficient,
  TABLE_BASE,
  TABLE_MAX,
  TABLE_MIN,
  TABLE_SHIFT,
} from '../../../../electron/core/discovery/umap/gradient-tables.js';

function lookup(table: Float64Array, d2: number): number {
  const bits = new Int32Array(Float32Array.of(d2).buffer)[0];
  const bin = ((bits >> TABLE_SHIFT) - TABLE_BASE) << 1;
  return table[bin] + table[bin + 1] * d2;
}

describe('gradient tables', () => {
  const a = 1.577;
  const b = 0.895;
  const tables = buildGradientTables(a, b, 1);

  it('match the exact coefficients within 1e-4 relative over the whole range', () => {
    let worst = 0;
    for (let step = 0; step <= 20_000; step++) {
      const d2 = TABLE_MIN * Math.pow(TABLE_MAX / TABLE_MIN, step / 20_000) * (1 - 1e-12);
      worst = Math.max(worst, Math.abs(lookup(tables.attract, d2) / attractCoefficient(d2, a, b) - 1));
      worst = Math.max(worst, Math.abs(lookup(tables.repel, d2) / repelCoefficient(d2, a, b, 1) - 1));
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it('have the signs of attraction and repulsion', () => {
    expect(lookup(tables.attract, 0.5)).toBeLessThan(0);
    expect(lookup(tables.repel, 0.5)).toBeGreaterThan(0);
    // At d² = 1: attract = -2ab/(a+1), repel = 2b/(1.001·(a+1)).
    expect(attractCoefficient(1, a, b)).toBeCloseTo((-2 * a * b) / (a + 1), 12);
    expect(repelCoefficient(1, a, b, 1)).toBeCloseTo((2 * b) / (1.001 * (a + 1)), 12);
  });
});
