// Resampling spectra onto the model grid against known answers: a constant stays constant, a
// line keeps its flux, inverse-variance weights combine as they should, and masked, zero-ivar
// or NaN pixels never leak into a bin.
import { describe, expect, it } from 'vitest';
import type { Spectrum1D } from '../../../electron/core/formats/spectra/spectrum.js';
import {
  SPECTRUM_GRID,
  type SpectrumGrid,
  gridStep,
  pixelEdges,
  resampleSpectrum,
  spectrumGridEdges,
  spectrumGridWavelengths,
} from '../../../electron/core/ingest/spectrum-grid.js';
import {
  SPECTRUM_CHANNELS,
  spectrumModelInput,
  spectrumScale,
} from '../../../electron/core/ingest/spectrum-model-input.js';

/** A spectrum on an SDSS-like grid (log10 steps of 1e-4) from `from` to `to` Å. */
function logSpectrum(
  from: number,
  to: number,
  flux: (wavelength: number, i: number) => number,
  ivar: number | null = 1,
): Spectrum1D {
  const n = Math.floor(Math.log10(to / from) / 1e-4);
  const wavelength = Float64Array.from({ length: n }, (_, i) => 10 ** (Math.log10(from) + i * 1e-4));
  return {
    wavelength,
    flux: Float32Array.from(wavelength, (w, i) => flux(w, i)),
    ivar: ivar === null ? null : new Float32Array(n).fill(ivar),
    mask: new Uint32Array(n),
    z: null,
    class: null,
    ra: null,
    dec: null,
    fluxUnit: null,
    hdu: 1,
    layout: 'sdss-coadd',
  };
}

/** ∫ f dλ over the input pixels (flux density × pixel width in Å). */
function inputIntegral(s: Spectrum1D): number {
  const edges = pixelEdges(s.wavelength);
  let sum = 0;
  for (let i = 0; i < s.flux.length; i++) sum += s.flux[i] * (edges[i + 1] - edges[i]);
  return sum;
}

describe('the model grid', () => {
  it('spans 3600–9800 Å in 2048 log-linear bins', () => {
    const edges = spectrumGridEdges();
    const centres = spectrumGridWavelengths();
    expect(centres).toHaveLength(2048);
    expect(edges[0]).toBeCloseTo(3600, 9);
    expect(edges[2048]).toBeCloseTo(9800, 9);
    expect(gridStep()).toBeCloseTo(2.1237e-4, 7);
    expect(centres[0]).toBeCloseTo(Math.sqrt(edges[0] * edges[1]), 9);
    for (let k = 1; k < 2048; k++) expect(centres[k] / centres[k - 1]).toBeCloseTo(10 ** gridStep(), 12);
  });

  it('puts input pixel edges halfway in log λ, outer ones half a pixel out', () => {
    const edges = pixelEdges(Float64Array.of(1000, 1100, 1210));
    expect(Array.from(edges).map((e) => +e.toFixed(6))).toEqual(
      [1000 / Math.sqrt(1.1), Math.sqrt(1.1e6), Math.sqrt(1100 * 1210), 1210 * Math.sqrt(1.1)].map(
        (e) => +e.toFixed(6),
      ),
    );
  });
});

describe('resampling', () => {
  it('keeps a constant spectrum constant, every bin good', () => {
    const out = resampleSpectrum(logSpectrum(3500, 10_000, () => 3, 4));
    expect(out.good.every((g) => g === 1)).toBe(true);
    for (const f of out.flux) expect(f).toBeCloseTo(3, 5);
    // A bin holds 2.124 pixels' width in 3–4 pieces: its ivar lies between 2.124 and 4 pixels' worth.
    for (const w of out.ivar!) {
      expect(w).toBeGreaterThanOrEqual(4 * 2.1237 * (1 - 1e-6));
      expect(w).toBeLessThanOrEqual(4 * 4);
    }
  });

  it('propagates ivar so that the resampled noise has the variance it claims', () => {
    // Gaussian noise of σ = 0.5 (ivar 4) from a seeded generator: (F − 3)·√ivar must have unit variance.
    let state = 12345;
    const uniform = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
    const gauss = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    const out = resampleSpectrum(logSpectrum(3500, 10_000, () => 3 + 0.5 * gauss(), 4));
    let sum = 0;
    for (let k = 0; k < out.flux.length; k++) sum += (out.flux[k] - 3) ** 2 * out.ivar![k];
    expect(sum / out.flux.length).toBeGreaterThan(0.92);
    expect(sum / out.flux.length).toBeLessThan(1.08);
  });

  it('conserves the flux of an emission line, on log-linear and linear input grids', () => {
    const line = (w: number) => 50 * Math.exp(-0.5 * ((w - 6000.3) / 2.5) ** 2);
    const sdss = logSpectrum(5800, 6200, line);
    const linear: Spectrum1D = {
      ...logSpectrum(5800, 6200, line),
      wavelength: Float64Array.from({ length: 500 }, (_, i) => 5800 + 0.8 * i),
    };
    linear.flux = Float32Array.from(linear.wavelength, line);
    linear.ivar = new Float32Array(500).fill(1);
    linear.mask = new Uint32Array(500);
    const edges = spectrumGridEdges();
    for (const s of [sdss, linear]) {
      const out = resampleSpectrum(s);
      let resampled = 0;
      for (let k = 0; k < out.flux.length; k++) if (out.good[k]) resampled += out.flux[k] * (edges[k + 1] - edges[k]);
      const truth = inputIntegral(s);
      expect(truth).toBeCloseTo(50 * 2.5 * Math.sqrt(2 * Math.PI), 3);
      expect(Math.abs(resampled - truth) / truth).toBeLessThan(1e-6);
      // The peak lands in the bin that holds 6000.3 Å.
      const peak = out.flux.indexOf(Math.max(...out.flux));
      expect(edges[peak]).toBeLessThanOrEqual(6000.3);
      expect(edges[peak + 1]).toBeGreaterThan(6000.3);
    }
  });

  it('weights pixels by inverse variance and propagates it', () => {
    // A one-bin grid [1000, 1000·10^2e-4] Å that holds exactly input pixels 1 and 2.
    const grid: SpectrumGrid = { logMin: 3, logMax: 3 + 2e-4, length: 1 };
    const wavelength = Float64Array.from([-0.5, 0.5, 1.5, 2.5], (p) => 10 ** (3 + p * 1e-4));
    const s: Spectrum1D = {
      ...logSpectrum(1000, 1001, () => 0),
      wavelength,
      flux: Float32Array.of(99, 10, 20, 99),
      ivar: Float32Array.of(1, 1, 3, 1),
      mask: new Uint32Array(4),
    };
    const out = resampleSpectrum(s, grid);
    const edges = pixelEdges(wavelength);
    const [o1, o2] = [edges[2] - edges[1], edges[3] - edges[2]];
    expect(out.flux[0]).toBeCloseTo((10 * o1 + 20 * 3 * o2) / (o1 + 3 * o2), 5);
    expect(out.flux[0]).toBeCloseTo(17.5, 2);
    expect(out.ivar![0]).toBeCloseTo((o1 + 3 * o2) ** 2 / (o1 * o1 + 3 * o2 * o2), 4);
    expect(out.ivar![0]).toBeCloseTo(4, 2);
  });

  it('leaves masked, zero-ivar and NaN pixels out, marks bins without enough good pixels bad', () => {
    const s = logSpectrum(3500, 10_000, () => 2);
    // 300 masked pixels (0.03 dex) near 5000 Å, a zero-ivar run near 7000 Å and NaNs near 8000 Å, all with absurd
    // flux.
    const at = (w: number) => Math.round(Math.log10(w / 3500) / 1e-4);
    for (let i = at(5000); i < at(5000) + 300; i++) [s.mask[i], s.flux[i]] = [1 << 23, 1e6];
    for (let i = at(7000); i < at(7000) + 50; i++) [s.ivar![i], s.flux[i]] = [0, -1e6];
    for (let i = at(8000); i < at(8000) + 50; i++) s.flux[i] = NaN;
    const out = resampleSpectrum(s);
    for (let k = 0; k < out.flux.length; k++) {
      expect(out.good[k] === 1 ? out.flux[k] : 0).toBeCloseTo(out.good[k] === 1 ? 2 : 0, 5);
      if (!out.good[k]) expect([out.flux[k], out.ivar![k]]).toEqual([0, 0]);
    }
    const bad = out.good.reduce((n, g) => n + (1 - g), 0);
    // 400 bad input pixels ≈ 400 / 2.124 bins, give or take a partly covered bin at each end of each run.
    expect(bad).toBeGreaterThanOrEqual(Math.floor(400 / 2.124) - 3);
    expect(bad).toBeLessThanOrEqual(Math.ceil(400 / 2.124) + 3);
    const bin = (w: number) => Math.floor((Math.log10(w) - SPECTRUM_GRID.logMin) / gridStep());
    expect(out.good[bin(5050)]).toBe(0);
    expect(out.good[bin(4900)]).toBe(1);
  });

  it('marks bins outside the spectrum, or less than half covered by it, bad', () => {
    const s = logSpectrum(4000, 6000, () => 1, null);
    const out = resampleSpectrum(s);
    expect(out.ivar).toBeNull();
    const edges = spectrumGridEdges();
    const first = out.good.indexOf(1);
    const last = out.good.lastIndexOf(1);
    const inputEdges = pixelEdges(s.wavelength);
    // The first good bin is the first one at least half covered by the input.
    expect(
      Math.min(edges[first + 1], inputEdges.at(-1)!) - Math.max(edges[first], inputEdges[0]),
    ).toBeGreaterThanOrEqual(0.5 * (edges[first + 1] - edges[first]));
    expect(edges[first - 1 + 1] - inputEdges[0]).toBeLessThan(0.5 * (edges[first] - edges[first - 1]));
    expect(inputEdges.at(-1)! - edges[last]).toBeGreaterThanOrEqual(0.5 * (edges[last + 1] - edges[last]));
    expect(out.good.slice(first, last + 1).every((g) => g === 1)).toBe(true);
  });
});

describe('spectrum model input', () => {
  it('divides by the median |flux| of good bins and interleaves flux with the good mask', () => {
    const s = logSpectrum(3000, 7000, (w) => (w < 5000 ? -2 : 6));
    const out = resampleSpectrum(s);
    expect(spectrumScale(out)).toBeCloseTo(6, 5);
    const input = spectrumModelInput(out);
    expect(input).toHaveLength(2048 * SPECTRUM_CHANNELS);
    const bin = (w: number) => Math.floor((Math.log10(w) - SPECTRUM_GRID.logMin) / gridStep());
    expect(Array.from(input.subarray(2 * bin(4000), 2 * bin(4000) + 2))).toEqual([expect.closeTo(-1 / 3, 5), 1]);
    expect(Array.from(input.subarray(2 * bin(6000), 2 * bin(6000) + 2))).toEqual([expect.closeTo(1, 5), 1]);
    expect(Array.from(input.subarray(2 * bin(9000), 2 * bin(9000) + 2))).toEqual([0, 0]);
  });

  it('clips spikes to a range float16 holds, and copes with an all-zero spectrum', () => {
    const spiky = resampleSpectrum(logSpectrum(3500, 10_000, (_, i) => (i === 2000 ? 1e12 : 1)));
    const input = spectrumModelInput(spiky);
    expect(Math.max(...input)).toBe(1e4);
    const blank = resampleSpectrum(logSpectrum(3500, 10_000, () => 0));
    expect(spectrumScale(blank)).toBe(1);
    expect(spectrumModelInput(blank).every(Number.isFinite)).toBe(true);
  });
});
