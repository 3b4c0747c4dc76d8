import { describe, expect, it } from 'vitest';
import { medianAndSigma } from '../../../electron/core/ingest/robust-stats.js';
import { quantileInPlace, selectKth } from '../../../electron/core/util/order-statistics.js';
import { zscale } from '../../../electron/core/ingest/zscale.js';

describe('robust statistics', () => {
  it('selects the k-th smallest value like a sort would, on random, sorted and constant data', () => {
    let state = 7;
    const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (const make of [() => random() * 100, (i: number) => i, () => 3, (i: number) => 1000 - i]) {
      const values = Float32Array.from({ length: 1001 }, (_, i) => make(i));
      const sorted = Float32Array.from(values).sort();
      for (const k of [0, 1, 500, 999, 1000]) expect(selectKth(Float32Array.from(values), k)).toBe(sorted[k]);
    }
  });

  it('interpolates quantiles between order statistics', () => {
    expect(quantileInPlace(Float32Array.of(4, 1, 3, 2), 0.5)).toBe(2.5);
    expect(quantileInPlace(Float32Array.of(10, 0), 0.25)).toBe(2.5);
    expect(quantileInPlace(new Float32Array(0), 0.5)).toBeNaN();
  });

  it('gives median and MAD-based sigma over finite values only', () => {
    const values = Float32Array.of(1, 2, 3, 4, 100, NaN, Infinity);
    const { median, sigma } = medianAndSigma(values);
    expect(median).toBe(3);
    expect(sigma).toBeCloseTo(1.4826 * 1, 6);
  });

  it('stays finite on blank and empty frames', () => {
    expect(medianAndSigma(new Float32Array(100).fill(5))).toEqual({ median: 5, sigma: 1 });
    expect(medianAndSigma(new Float32Array(10).fill(NaN))).toEqual({ median: 0, sigma: 1 });
    const mostlyFlat = new Float32Array(100).fill(0);
    mostlyFlat[0] = 60;
    expect(medianAndSigma(mostlyFlat).sigma).toBe(10);
  });

  it('zscale brackets Gaussian sky around the median and ignores a few bright pixels', () => {
    let state = 3;
    const gauss = () => {
      const u = ((state = (state * 1103515245 + 12345) >>> 0) + 1) / 2 ** 32;
      const v = ((state = (state * 1103515245 + 12345) >>> 0) + 1) / 2 ** 32;
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    };
    const sky = Float32Array.from({ length: 10000 }, () => 100 + 5 * gauss());
    for (let i = 0; i < 50; i++) sky[i * 97] = 5000;
    const { z1, z2 } = zscale(sky);
    expect(z1).toBeLessThan(100);
    expect(z2).toBeGreaterThan(100);
    expect(z1).toBeGreaterThan(50);
    expect(z2).toBeLessThan(150);
  });
});

describe('sortInPlace', () => {
  it('sorts like a numeric sort, in ranges, for long, short, sorted, reversed and constant data', async () => {
    const { sortInPlace } = await import('../../../electron/core/util/order-statistics.js');
    let state = 11;
    const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (const make of [() => random() * 100 - 50, (i: number) => i, (i: number) => -i, () => 7]) {
      for (const length of [0, 1, 5, 16, 17, 1000]) {
        const values = Float32Array.from({ length }, (_, i) => make(i));
        const expected = Float32Array.from(values).sort();
        sortInPlace(values);
        expect(Array.from(values)).toEqual(Array.from(expected));
      }
    }
    const partial = Float64Array.of(9, 5, 4, 3, 2, 1, 0);
    sortInPlace(partial, 1, 5);
    expect(Array.from(partial)).toEqual([9, 2, 3, 4, 5, 1, 0]);
  });
});
