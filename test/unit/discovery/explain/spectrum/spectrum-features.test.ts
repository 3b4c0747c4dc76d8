// Spectrum features against direct computations on made-to-order spectra: a Gaussian line of
// known flux on a flat continuum has equivalent width flux / continuum (rest-frame: divided by
// 1 + z), absorption counts up, a two-level continuum gives its ratio, a step of F_ν at 4000 Å
// its D4000, and features whose windows leave the grid are NaN.
import { describe, expect, it } from 'vitest';
import {
  BREAK_4000,
  RED_TO_BLUE,
  SPECTRUM_FEATURE_NAMES,
  spectrumFeatures,
} from '../../../../../electron/core/discovery/explain/spectrum/spectrum-features.js';
import { EDGES, LENGTH, syntheticSpectrum } from './synthetic-spectra.js';

const H_ALPHA = 'Hα emission equivalent width';
const NA_D = 'Na D absorption equivalent width';
const valueOf = (values: Float64Array, name: string) => values[SPECTRUM_FEATURE_NAMES.indexOf(name)];

describe('spectrumFeatures', () => {
  it('measures a Gaussian emission line of known flux as its equivalent width, rest-frame at z', () => {
    const flat = syntheticSpectrum(() => 2, [{ at: 6564.61, flux: 30, sigma: 3 }]);
    expect(valueOf(spectrumFeatures(EDGES, flat, 0), H_ALPHA)).toBeCloseTo(15, 1);
    const z = 0.05;
    const shifted = syntheticSpectrum(() => 2, [{ at: 6564.61 * (1 + z), flux: 30, sigma: 3 * (1 + z) }]);
    // Observed EW 15 Å is 15 / (1 + z) in the rest frame.
    expect(valueOf(spectrumFeatures(EDGES, shifted, z), H_ALPHA)).toBeCloseTo(15 / (1 + z), 1);
    // Measured at the wrong redshift the line falls outside its window.
    expect(Math.abs(valueOf(spectrumFeatures(EDGES, shifted, 0), H_ALPHA))).toBeLessThan(0.1);
  });

  it('counts absorption up, and a line-free continuum as zero', () => {
    const absorbed = syntheticSpectrum(() => 4, [{ at: 5895.6, flux: -8, sigma: 4 }]);
    const values = spectrumFeatures(EDGES, absorbed, 0);
    expect(valueOf(values, NA_D)).toBeCloseTo(2, 1);
    expect(valueOf(values, H_ALPHA)).toBeCloseTo(0, 6);
  });

  it('gives the red-to-blue ratio of a two-level continuum and the D4000 of a step in F_ν', () => {
    const twoLevel = Float64Array.from({ length: LENGTH }, (_, k) => (k < LENGTH / 2 ? 1 : 3));
    expect(valueOf(spectrumFeatures(EDGES, twoLevel, 0), RED_TO_BLUE)).toBeCloseTo(3, 10);
    // F_λ = F_ν / λ²: F_ν 1 below the break and 1.7 above.
    const step = syntheticSpectrum((lambda) => (lambda < 3975 ? 1 : 1.7) / lambda ** 2);
    expect(valueOf(spectrumFeatures(EDGES, step, 0), BREAK_4000)).toBeCloseTo(1.7, 10);
  });

  it('is NaN where a window leaves the grid or the line window is masked', () => {
    const flat = syntheticSpectrum(() => 1);
    // At z = 0.6 Hα lands at 10,500 Å, past the optical grid; [O II] at 5,966 Å is still on it.
    const far = spectrumFeatures(EDGES, flat, 0.6);
    expect(valueOf(far, H_ALPHA)).toBeNaN();
    expect(valueOf(far, '[O II] 3727 emission equivalent width')).toBeCloseTo(0, 6);
    const masked = Float64Array.from(flat);
    const hAlphaBin = EDGES.findIndex((e) => e > 6564.61) - 1;
    masked[hAlphaBin] = NaN;
    expect(valueOf(spectrumFeatures(EDGES, masked, 0), H_ALPHA)).toBeNaN();
  });
});
