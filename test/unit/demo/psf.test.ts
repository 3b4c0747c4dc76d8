import { describe, it, expect } from 'vitest';
import { boxWidthsForGaussian, moffatLikePsf, psfValue, PsfConvolver } from '../../../electron/core/demo/psf.js';

describe('the two-Gaussian Moffat PSF', () => {
  const psf = moffatLikePsf(5.5);

  it('integrates to one', () => {
    let sum = 0;
    for (let y = -60; y <= 60; y++) for (let x = -60; x <= 60; x++) sum += psfValue(psf, x, y);
    expect(sum).toBeCloseTo(1, 3);
  });

  it('has the FWHM it was made with', () => {
    const peak = psfValue(psf, 0, 0);
    expect(psfValue(psf, 5.5 / 2, 0) / peak).toBeCloseTo(0.5, 1);
  });

  it('convolves a point into that shape, conserving flux', () => {
    const size = 64;
    const plane = new Float32Array(size * size);
    plane[32 * size + 32] = 1;
    new PsfConvolver().convolve(plane, size, psf);
    let sum = 0;
    for (const v of plane) sum += v;
    expect(sum).toBeCloseTo(1, 3);
    const peak = plane[32 * size + 32];
    // Half maximum falls between 2 and 3.5 px from the centre: FWHM 5.5 px within ~20%.
    expect(plane[32 * size + 34]).toBeGreaterThan(peak / 2);
    expect(plane[32 * size + 36]).toBeLessThan(peak / 2);
    // Symmetric in x and y.
    expect(plane[35 * size + 32]).toBeCloseTo(plane[32 * size + 35], 6);
    // The convolved peak matches the analytic PSF's pixel value within 10%.
    expect(Math.abs(peak / psfValue(psf, 0, 0) - 1)).toBeLessThan(0.1);
  });

  it('keeps a uniform sky uniform up to the edges', () => {
    const size = 40;
    const plane = new Float32Array(size * size).fill(3);
    new PsfConvolver().convolve(plane, size, psf);
    for (const v of plane) expect(v).toBeCloseTo(3, 4);
  });
});

describe('boxWidthsForGaussian', () => {
  it('chooses odd box widths whose summed variance matches the Gaussian', () => {
    for (const sigma of [2, 3.3, 6]) {
      const widths = boxWidthsForGaussian(sigma);
      for (const w of widths) expect(w % 2).toBe(1);
      const variance = widths.reduce((v, w) => v + (w * w - 1) / 12, 0);
      expect(Math.abs(Math.sqrt(variance) / sigma - 1)).toBeLessThan(0.1);
    }
  });
});
