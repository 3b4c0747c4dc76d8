// The demo spectra's physics against known answers: lines at (1+z)·λ_rest, the 4000 Å break of
// passive galaxies, the signatures of each anomaly, masks that agree with the inverse
// variance, and the plan's mix of kinds, classes and redshifts.
import { describe, it, expect } from 'vitest';
import { planDemoSpectra, spectrumAnomalyCount } from '../../../../electron/core/demo/spectra/spectra-plan.js';
import { renderSpectrum, type RenderedSpectrum } from '../../../../electron/core/demo/spectra/render-spectrum.js';
import { NEBULAR, SKY_LINES } from '../../../../electron/core/demo/spectra/line-lists.js';
import { PIXEL_MASK } from '../../../../electron/core/demo/spectra/pixel-mask.js';
import { LOGLAM_STEP, pixelOf } from '../../../../electron/core/demo/spectra/spectral-grid.js';
import { encodeSpecFile } from '../../../../electron/core/demo/spectra/spec-file.js';
import {
  SPECTRUM_ANOMALY_KINDS,
  type SpectrumKind,
  type SpectrumPlan,
} from '../../../../electron/core/demo/spectra/spectrum-types.js';

const PLANS = planDemoSpectra(1000, 11);
const first = (kind: SpectrumKind, n: number) => PLANS.filter((p) => p.kind === kind).slice(0, n);

/** Continuum-subtracted flux-weighted centre (pixels) of the line nearest `lambda`, within ±4 pixels. */
function lineCentre(spectrum: RenderedSpectrum, flux: ArrayLike<number>, lambda: number): number {
  const expected = Math.round(pixelOf(spectrum.grid, lambda));
  let peak = expected;
  for (let i = expected - 3; i <= expected + 3; i++) if (flux[i] > flux[peak]) peak = i;
  // Continuum from the median of a window either side of the line.
  const side = [
    ...Array.from({ length: 20 }, (_, k) => flux[peak - 25 + k]),
    ...Array.from({ length: 20 }, (_, k) => flux[peak + 6 + k]),
  ].sort((a, b) => a - b);
  const continuum = side[side.length >> 1];
  let sum = 0;
  let weighted = 0;
  for (let i = peak - 2; i <= peak + 2; i++) {
    const excess = Math.max(0, flux[i] - continuum);
    sum += excess;
    weighted += excess * i;
  }
  return weighted / sum;
}

/** D4000 (Balogh et al. 1999): mean f_ν over 4000–4100 Å over mean f_ν over 3850–3950 Å, rest frame. */
function d4000(spectrum: RenderedSpectrum, z: number, flux: ArrayLike<number>, ivar?: ArrayLike<number>): number {
  const band = (lo: number, hi: number) => {
    let sum = 0;
    let n = 0;
    for (let i = 0; i < spectrum.grid.length; i++) {
      const rest = spectrum.grid.lambda[i] / (1 + z);
      if (rest < lo || rest > hi || (ivar && ivar[i] === 0)) continue;
      sum += flux[i] * spectrum.grid.lambda[i] ** 2; // f_ν ∝ λ² f_λ
      n++;
    }
    return sum / n;
  };
  return band(4000, 4100) / band(3850, 3950);
}

describe('demo spectra: the plan', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(planDemoSpectra(1000, 11)).toEqual(PLANS);
    expect(planDemoSpectra(1000, 12).map((p) => p.name)).not.toEqual(PLANS.map((p) => p.name));
  });

  it('names spectra SDSS-style, uniquely, with fibres 1–1000 on plates of at most 1000', () => {
    expect(new Set(PLANS.map((p) => p.name)).size).toBe(PLANS.length);
    for (const p of PLANS) {
      expect(p.name).toMatch(/^spec-\d{4}-\d{5}-\d{4}$/);
      expect(p.name).toBe(`spec-${String(p.plate).padStart(4, '0')}-${p.mjd}-${String(p.fiber).padStart(4, '0')}`);
      expect(p.fiber).toBeGreaterThanOrEqual(1);
      expect(p.fiber).toBeLessThanOrEqual(1000);
      // Within the plate's 1.49° radius.
      const dRa = (p.ra - p.plateRa) * Math.cos((p.plateDec * Math.PI) / 180);
      expect(Math.hypot(dRa, p.dec - p.plateDec)).toBeLessThan(1.5);
    }
  });

  it('injects 4% anomalies, every kind several times, with classes and redshifts that fit the kind', () => {
    const anomalies = PLANS.filter((p) => !['passive', 'star-forming'].includes(p.kind));
    expect(anomalies).toHaveLength(spectrumAnomalyCount(1000));
    expect(anomalies.length).toBe(40);
    for (const kind of SPECTRUM_ANOMALY_KINDS) expect(first(kind, 100).length, kind).toBeGreaterThanOrEqual(5);
    for (const p of PLANS) {
      const expected = p.source === 'qso' || p.source === 'bal_qso' ? 'QSO' : p.source === 'star' ? 'STAR' : 'GALAXY';
      expect(p.class).toBe(expected);
      if (p.class === 'GALAXY') expect(p.z).toBeGreaterThanOrEqual(0);
      if (p.class === 'GALAXY') expect(p.z).toBeLessThanOrEqual(0.6);
      if (p.class === 'STAR') expect(Math.abs(p.z)).toBeLessThan(0.0011);
      if (p.source === 'bal_qso') expect(p.z).toBeGreaterThan(1.6);
    }
    expect(Math.max(...first('qso', 100).map((p) => p.z))).toBeGreaterThan(2.2);
    const normal = PLANS.filter((p) => p.kind === 'passive' || p.kind === 'star-forming');
    expect(normal.filter((p) => p.kind === 'passive').length / normal.length).toBeGreaterThan(0.35);
    expect(normal.filter((p) => p.kind === 'passive').length / normal.length).toBeLessThan(0.55);
  });
});

describe('demo spectra: the physics', () => {
  it('renders the same bytes for the same plan', () => {
    const plan = PLANS[7];
    expect(encodeSpecFile(plan, renderSpectrum(plan)).equals(encodeSpecFile(plan, renderSpectrum(plan)))).toBe(true);
  });

  it('lays the grid out in log10 λ steps of 1e-4 from about 3.5800 to 3.9640', () => {
    for (const plan of PLANS.slice(0, 20)) {
      const { grid } = renderSpectrum(plan);
      expect(grid.loglam[0]).toBeGreaterThanOrEqual(3.58 - 1e-12);
      expect(grid.loglam[0]).toBeLessThanOrEqual(3.5808 + 1e-12);
      expect(grid.loglam[grid.length - 1]).toBeGreaterThanOrEqual(3.9632 - 1e-12);
      expect(grid.loglam[grid.length - 1]).toBeLessThanOrEqual(3.964 + 1e-12);
      let worst = 0;
      for (let i = 1; i < grid.length; i++)
        worst = Math.max(worst, Math.abs(grid.loglam[i] - grid.loglam[i - 1] - LOGLAM_STEP));
      expect(worst).toBeLessThan(1e-9);
    }
  });

  it('puts emission lines of star-forming galaxies at (1+z)·λ_rest to within a pixel', () => {
    let checked = 0;
    for (const plan of first('star-forming', 25)) {
      const spectrum = renderSpectrum(plan);
      for (const rest of [NEBULAR.Halpha, NEBULAR.OIII_5008, NEBULAR.Hbeta]) {
        const expected = pixelOf(spectrum.grid, rest * (1 + plan.z));
        if (expected < 30 || expected > spectrum.grid.length - 30) continue;
        expect(
          Math.abs(lineCentre(spectrum, spectrum.source.flux, rest * (1 + plan.z)) - expected),
          `${plan.name} ${rest}`,
        ).toBeLessThan(1);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('puts [O III] 5008 of extreme emission-line galaxies at (1+z)·λ in the noisy flux, with EW > 500 Å', () => {
    for (const plan of first('eelg', 5)) {
      const spectrum = renderSpectrum(plan);
      const lambda = NEBULAR.OIII_5008 * (1 + plan.z);
      expect(
        Math.abs(lineCentre(spectrum, spectrum.observed.flux, lambda) - pixelOf(spectrum.grid, lambda)),
      ).toBeLessThan(1);
      // Equivalent width from the noise-free model: line flux over the continuum beside it.
      const flux = spectrum.source.flux;
      const centre = Math.round(pixelOf(spectrum.grid, lambda));
      const side = [...flux.slice(centre - 60, centre - 30), ...flux.slice(centre + 30, centre + 60)].sort(
        (a, b) => a - b,
      );
      const continuum = side[side.length >> 1];
      let ew = 0;
      for (let i = centre - 15; i <= centre + 15; i++)
        ew += ((flux[i] - continuum) / continuum) * spectrum.grid.lambda[i] * Math.LN10 * LOGLAM_STEP;
      expect(ew / (1 + plan.z)).toBeGreaterThan(500);
    }
  });

  it('gives passive galaxies a 4000 Å break, stronger than in star-forming ones', () => {
    const passive = first('passive', 30).map((plan) => {
      const s = renderSpectrum(plan);
      return { model: d4000(s, plan.z, s.source.flux), observed: d4000(s, plan.z, s.observed.flux, s.observed.ivar) };
    });
    for (const d of passive) {
      expect(d.model).toBeGreaterThan(1.6);
      expect(d.observed).toBeGreaterThan(1);
    }
    const starForming = first('star-forming', 30).map((plan) => {
      const s = renderSpectrum(plan);
      return d4000(s, plan.z, s.source.flux);
    });
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(passive.map((d) => d.model))).toBeGreaterThan(mean(starForming) + 0.3);
  });

  it('sets ivar to 0 exactly where and_mask is set, and keeps flux and ivar finite', () => {
    let masked = 0;
    for (const plan of PLANS.slice(0, 80)) {
      const { observed } = renderSpectrum(plan);
      const bad: string[] = [];
      for (let i = 0; i < observed.flux.length; i++) {
        const { flux, ivar, andMask, orMask } = observed;
        if (andMask[i] !== 0) masked++;
        if (!Number.isFinite(flux[i]) || !Number.isFinite(ivar[i]) || ivar[i] < 0)
          bad.push(`pixel ${i}: flux ${flux[i]}, ivar ${ivar[i]}`);
        if ((andMask[i] !== 0) !== (ivar[i] === 0)) bad.push(`pixel ${i}: and_mask ${andMask[i]}, ivar ${ivar[i]}`);
        if ((orMask[i] & andMask[i]) !== andMask[i]) bad.push(`pixel ${i}: or_mask lacks and_mask bits`);
      }
      expect(bad, plan.name).toEqual([]);
    }
    expect(masked).toBeGreaterThan(0);
  });

  it('makes the inverse variance dip at the bright sky lines', () => {
    const plan = first('passive', 1)[0];
    const { grid, observed } = renderSpectrum(plan);
    for (const line of SKY_LINES.oxygen.slice(0, 2)) {
      const at = Math.round(pixelOf(grid, line.lambda));
      const beside = observed.ivar[at + 15] || observed.ivar[at - 15];
      expect(observed.ivar[at]).toBeLessThan(beside / 3);
      expect(observed.orMask[at] & PIXEL_MASK.BRIGHTSKY).toBeTruthy();
    }
  });

  it('leaves each instrumental anomaly its signature', () => {
    for (const plan of first('dead_pixels', 3)) {
      const { observed } = renderSpectrum(plan);
      let run = 0;
      let longest = 0;
      for (let i = 0; i < observed.flux.length; i++) {
        run = observed.flux[i] === 0 && observed.ivar[i] > 0 ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
      expect(longest).toBeGreaterThanOrEqual(15);
    }
    for (const plan of first('flux_jump', 3)) {
      const { grid, observed, instrument } = renderSpectrum(plan);
      const ratio = (lo: number, hi: number) => {
        let f = 0;
        let m = 0;
        for (let i = 0; i < grid.length; i++) {
          if (grid.lambda[i] < lo || grid.lambda[i] > hi || observed.ivar[i] === 0) continue;
          f += observed.flux[i];
          m += observed.model[i];
        }
        return f / m;
      };
      const jump = ratio(instrument.dichroic + 100, 7000) / ratio(4500, instrument.dichroic - 100);
      expect(jump < 0.8 || jump > 1.3, `${plan.name}: ${jump}`).toBe(true);
    }
    // Residual χ² at the sky lines: far above 1 for bad sky subtraction, about 1 otherwise.
    const skyChi2 = (plan: SpectrumPlan) => {
      const { sky, flux, model, ivar } = renderSpectrum(plan).observed;
      let chi2 = 0;
      let n = 0;
      for (let i = 0; i < sky.length; i++) {
        if (ivar[i] === 0 || sky[i] < 20) continue;
        chi2 += (flux[i] - model[i]) ** 2 * ivar[i];
        n++;
      }
      return chi2 / n;
    };
    for (const plan of first('sky_residual', 3)) expect(skyChi2(plan)).toBeGreaterThan(4);
    for (const plan of first('passive', 3)) expect(skyChi2(plan)).toBeLessThan(2);
  });

  it('gives quasars broad lines and BAL quasars troughs blueward of C IV', () => {
    for (const plan of first('qso', 5)) {
      const { source } = renderSpectrum(plan);
      expect(source.subclass).toBe('BROADLINE');
    }
    for (const plan of first('bal_qso', 3)) {
      const { grid, source } = renderSpectrum(plan);
      // The noise-free flux blueward of C IV (in the trough's velocity range) falls far below
      // the flux just redward of the line's wing.
      const at = (rest: number) => source.flux[Math.round(pixelOf(grid, rest * (1 + plan.z)))];
      let deepest = Infinity;
      for (let rest = 1420; rest < 1530; rest += 2) deepest = Math.min(deepest, at(rest));
      expect(deepest / at(1700)).toBeLessThan(0.7);
    }
  });
});
