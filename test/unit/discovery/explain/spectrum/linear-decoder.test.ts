// The linear decoder against a PCA made by hand: spectra spread over a mean and two orthonormal
// components, embedded as their coordinates, decode back exactly, so "the mean plus one
// component" reconstructs to itself and a spectrum off the components' plane to its projection
// on it; a zero component does not break the fit. And the per-bin median skips masked values.
import { describe, expect, it } from 'vitest';
import {
  decode,
  fitLinearDecoder,
  medianSpectrum,
} from '../../../../../electron/core/discovery/explain/spectrum/linear-decoder.js';

const LENGTH = 50;
const mean = Float64Array.from({ length: LENGTH }, (_, k) => 1 + 0.01 * k);
// Orthonormal: a constant and a centred ramp, each scaled to unit length.
const first = Float64Array.from({ length: LENGTH }, () => 1 / Math.sqrt(LENGTH));
const ramp = Float64Array.from({ length: LENGTH }, (_, k) => k - (LENGTH - 1) / 2);
const rampNorm = Math.hypot(...ramp);
const second = ramp.map((v) => v / rampNorm);

/** count spectra mean + a·first + b·second, with their PCA vectors [a, b, 0] (a third, empty component). */
function pcaSample(count: number) {
  const dim = 3;
  const vectors = new Float64Array(count * dim);
  const flux = new Float64Array(count * LENGTH);
  for (let i = 0; i < count; i++) {
    const a = Math.sin(i * 1.3) * 2;
    const b = Math.cos(i * 0.7) - 0.3;
    vectors.set([a, b, 0], i * dim);
    for (let k = 0; k < LENGTH; k++) flux[i * LENGTH + k] = mean[k] + a * first[k] + b * second[k];
  }
  return { vectors, flux, count, dim };
}

describe('fitLinearDecoder', () => {
  const sample = pcaSample(40);
  const decoder = fitLinearDecoder(sample.vectors, sample.flux, sample.count, sample.dim, LENGTH);

  it('reconstructs the PCA mean plus one component exactly', () => {
    const spectrum = mean.map((m, k) => m + second[k]);
    // Its PCA vector: the coordinates on the components, (x − mean)·component.
    const out = decode(decoder, [0, 1, 0]);
    for (let k = 0; k < LENGTH; k++) expect(out[k]).toBeCloseTo(spectrum[k], 7);
    const atMean = decode(decoder, [0, 0, 0]);
    for (let k = 0; k < LENGTH; k++) expect(atMean[k]).toBeCloseTo(mean[k], 7);
  });

  it('decodes every sampled spectrum back to itself', () => {
    for (const i of [0, 17, 39]) {
      const out = decode(decoder, sample.vectors.subarray(i * 3, i * 3 + 3));
      for (let k = 0; k < LENGTH; k++) expect(out[k]).toBeCloseTo(sample.flux[i * LENGTH + k], 7);
    }
  });

  it('refuses a sample of the wrong size', () => {
    expect(() => fitLinearDecoder(sample.vectors, sample.flux, 39, 3, LENGTH)).toThrow(/39×3 vectors/);
  });
});

describe('medianSpectrum', () => {
  it('takes the median of each bin over the finite values, NaN where none is', () => {
    const spectra = [1, 5, NaN, 2, NaN, NaN, 9, 4, NaN, 3, 0, NaN];
    const out = medianSpectrum(spectra, 4, 3);
    expect(Array.from(out)).toEqual([2.5, 4, NaN]);
  });
});
