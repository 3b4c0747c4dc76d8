import { describe, expect, it } from 'vitest';
import { centreCropBox, modelInputFromImage, resampleSquare } from '../../../electron/core/ingest/model-input.js';
import { flipRows } from '../../../electron/core/ingest/read-fits.js';
import { rgbBandOrder, stretchedPreview } from '../../../electron/core/ingest/thumbnail.js';

describe('model input', () => {
  it('centre-crops the largest square (or a fraction of it)', () => {
    expect(centreCropBox(100, 60, 1)).toEqual({ left: 20, top: 0, side: 60 });
    expect(centreCropBox(64, 64, 0.5)).toEqual({ left: 16, top: 16, side: 32 });
    expect(() => centreCropBox(64, 64, 0)).toThrow(/crop/);
  });

  it('area-averages when shrinking, skipping NaNs', () => {
    const plane = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, NaN, 16);
    const out = new Float32Array(4);
    resampleSquare(plane, 4, { left: 0, top: 0, side: 4 }, 2, out);
    expect(Array.from(out)).toEqual([
      (1 + 2 + 5 + 6) / 4,
      (3 + 4 + 7 + 8) / 4,
      (9 + 10 + 13 + 14) / 4,
      (11 + 12 + 16) / 3,
    ]);
  });

  it('normalises each band to asinh((x − median)/σ), HWC, finite even for NaN and blank bands', () => {
    const size = 32;
    const data = new Float32Array(2 * size * size);
    for (let i = 0; i < size * size; i++) {
      data[i] = 10 + (i % 3); // band 0: sky of 10–12
      data[size * size + i] = 0; // band 1: blank
    }
    data[(size / 2) * size + size / 2] = 1000; // a bright pixel in band 0
    data[5] = NaN;
    const input = modelInputFromImage({ width: size, height: size, bands: 2, data }, { size: 16, crop: 1 });
    expect(input).toHaveLength(16 * 16 * 2);
    expect(input.every(Number.isFinite)).toBe(true);
    const bright = (8 * 16 + 8) * 2;
    expect(input[bright]).toBeGreaterThan(3);
    expect(input[bright + 1]).toBe(0);
  });

  it('turns bottom-up FITS rows into top-down rows per band', () => {
    const flipped = flipRows(Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8), 2, 2, 2);
    expect(Array.from(flipped)).toEqual([3, 4, 1, 2, 7, 8, 5, 6]);
  });
});

describe('thumbnail stretch', () => {
  it('maps g,r,z to B,G,R and keeps one channel for single-band images', () => {
    expect(rgbBandOrder(3)).toEqual([2, 1, 0]);
    expect(rgbBandOrder(5)).toEqual([4, 2, 0]);
    expect(rgbBandOrder(1)).toEqual([0, 0, 0]);
    const size = 16;
    const data = new Float32Array(3 * size * size);
    for (let i = 0; i < size * size; i++) data[2 * size * size + i] = i % 2 ? 100 : 0; // only z has signal
    const preview = stretchedPreview({ width: size, height: size, bands: 3, data });
    expect(preview.channels).toBe(3);
    const red = preview.pixels.filter((_, i) => i % 3 === 0);
    const blue = preview.pixels.filter((_, i) => i % 3 === 2);
    expect(Math.max(...red)).toBe(255);
    expect(Math.max(...blue)).toBe(0);
  });
});

describe('fastAsinh', () => {
  it('matches Math.asinh across the range used', async () => {
    const { fastAsinh } = await import('../../../electron/core/ingest/model-input.js');
    for (const x of [-1e6, -30, -1, -1e-3, 0, 1e-6, 0.5, 2, 40, 1e5])
      expect(fastAsinh(x)).toBeCloseTo(Math.asinh(x), 9);
  });
});
