import { describe, it, expect } from 'vitest';
import {
  defaultPixelBin,
  pixelVectorLength,
  pixelVectorsFromHalf,
  vectorLength,
  vectorsFromHalf,
} from '../../../../../electron/core/discovery/embeddings/pca/pixel-vectors.js';
import { toFloat16Bits } from '../../../../../electron/core/formats/arrays/float16.js';

describe('pixel vectors', () => {
  it('averages bin×bin blocks band by band, counting NaN as 0', () => {
    // A 4×4×2 frame: band 0 holds y·4 + x, band 1 holds 100 + the same, one band-1 value is NaN.
    const frame = new Float32Array(4 * 4 * 2);
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 4; x++) {
        frame[(y * 4 + x) * 2] = y * 4 + x;
        frame[(y * 4 + x) * 2 + 1] = 100 + y * 4 + x;
      }
    }
    frame[(3 * 4 + 3) * 2 + 1] = NaN;
    const half = toFloat16Bits(Float32Array.of(...frame, ...frame.map((v) => -v)));
    expect(pixelVectorLength(4, 2, 2)).toBe(8);
    const out = new Float32Array(3 * 8).fill(-1);
    pixelVectorsFromHalf(half, 2, 4, 2, 2, out, 1);
    // Block (0,0) holds 0,1,4,5; (1,0) 2,3,6,7; (0,1) 8,9,12,13; (1,1) 10,11,14,15.
    expect(Array.from(out.subarray(0, 8))).toEqual(new Array(8).fill(-1));
    expect(Array.from(out.subarray(8, 16))).toEqual([2.5, 102.5, 4.5, 104.5, 10.5, 110.5, 12.5, (110 + 111 + 114) / 4]);
    expect(out[16]).toBe(-2.5);
  });

  it('copies values unbinned with bin 1, and bins by 2 from 32 pixels up', () => {
    const half = toFloat16Bits(Float32Array.of(1, 2, 3, 4));
    const out = new Float32Array(4);
    pixelVectorsFromHalf(half, 1, 2, 1, 1, out);
    expect(Array.from(out)).toEqual([1, 2, 3, 4]);
    expect([defaultPixelBin(16), defaultPixelBin(32), defaultPixelBin(64), defaultPixelBin(33)]).toEqual([1, 2, 2, 1]);
  });

  it("reads a spectrum's flux channel only, binned along wavelength", () => {
    // Two spectra of 6 bins × [flux, mask]: flux k (and 10 k for the second), mask 1 except bin 5 of the second.
    const rows = new Float32Array(2 * 6 * 2);
    for (let k = 0; k < 6; k++) {
      rows[k * 2] = k;
      rows[k * 2 + 1] = 1;
      rows[12 + k * 2] = 10 * k;
      rows[12 + k * 2 + 1] = k === 5 ? 0 : 1;
    }
    const geometry = { size: 6, bands: 2, bin: 2, spectrum: true };
    expect(vectorLength(geometry)).toBe(3);
    const out = new Float32Array(2 * 3);
    vectorsFromHalf(toFloat16Bits(rows), 2, geometry, out);
    expect(Array.from(out)).toEqual([0.5, 2.5, 4.5, 5, 25, 45]);
    const unbinned = new Float32Array(6);
    vectorsFromHalf(toFloat16Bits(rows.subarray(0, 12)), 1, { ...geometry, bin: 1 }, unbinned);
    expect(Array.from(unbinned)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
