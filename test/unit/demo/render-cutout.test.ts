import { describe, it, expect } from 'vitest';
import { planDemoCollection } from '../../../electron/core/demo/collection-plan.js';
import { createCutoutImage, fluxesToGMinusR } from '../../../electron/core/demo/cutout-image.js';
import type { AnomalyKind, CutoutPlan } from '../../../electron/core/demo/demo-types.js';
import { CutoutRenderer, renderCutout, type RenderedCutout } from '../../../electron/core/demo/render-cutout.js';
import { addNoise, drawObservingConditions } from '../../../electron/core/demo/sky.js';
import { Random } from '../../../electron/core/demo/prng.js';

const plans = planDemoCollection(2000, 1);
const ofKind = (kind: AnomalyKind): CutoutPlan[] => plans.filter((p) => p.anomaly === kind);

function apertureFlux(image: RenderedCutout, band: number, radius: number): number {
  let sum = 0;
  const { size, centre } = image;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if ((x - centre.x) ** 2 + (y - centre.y) ** 2 <= radius * radius) sum += image.bands[band][y * size + x];
    }
  }
  return sum;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

describe('renderCutout', () => {
  it('renders the same pixels for the same plan, on any renderer', () => {
    const plan = plans[5];
    const first = renderCutout(plan);
    const again = new CutoutRenderer().render(plan);
    expect(again.size).toBe(first.size);
    for (let band = 0; band < 3; band++)
      expect(Buffer.from(again.bands[band].buffer).equals(Buffer.from(first.bands[band].buffer))).toBe(true);
    const other = renderCutout(plans[6]);
    expect(Buffer.from(other.bands[1].buffer).equals(Buffer.from(first.bands[1].buffer))).toBe(false);
  });

  it('makes square cutouts of 64–128 px in several sizes with the target at the centre', () => {
    const sizes = new Set<number>();
    for (const plan of plans.slice(0, 60)) {
      const image = renderCutout(plan);
      expect(image.size).toBeGreaterThanOrEqual(64);
      expect(image.size).toBeLessThanOrEqual(128);
      expect(image.size % 8).toBe(0);
      expect(Math.abs(image.centre.x - (image.size - 1) / 2)).toBeLessThanOrEqual(1);
      expect(Math.abs(image.centre.y - (image.size - 1) / 2)).toBeLessThanOrEqual(1);
      sizes.add(image.size);
    }
    expect(sizes.size).toBeGreaterThanOrEqual(4);
  });

  it('renders ellipticals redder in g − r than spirals', () => {
    const colour = (type: string): number => {
      const chosen = plans.filter((p) => !p.anomaly && p.galaxyType === type).slice(0, 15);
      return median(
        chosen.map((plan) => {
          const image = renderCutout(plan);
          const radius = image.size / 4;
          return fluxesToGMinusR(apertureFlux(image, 0, radius), apertureFlux(image, 1, radius));
        }),
      );
    };
    const elliptical = colour('elliptical');
    const spiral = colour('spiral');
    expect(elliptical).toBeGreaterThan(0.6);
    expect(elliptical - spiral).toBeGreaterThan(0.2);
  });

  it('draws satellite trails as bright straight lines across the whole cutout', () => {
    let oneBandTrails = 0;
    for (const plan of ofKind('satellite_trail')) {
      const image = renderCutout(plan);
      const trail = image.artefact;
      if (trail?.kind !== 'satellite_trail') throw new Error('no trail recorded');
      const { size } = image;
      const along = [Math.cos(trail.angle), Math.sin(trail.angle)];
      const across = [-along[1], along[0]];
      const sample = (band: number, t: number, offset: number): number | null => {
        const x = Math.round(trail.x + t * along[0] + offset * across[0]);
        const y = Math.round(trail.y + t * along[1] + offset * across[1]);
        return x >= 0 && y >= 0 && x < size && y < size ? image.bands[band][y * size + x] : null;
      };
      for (let band = 0; band < 3; band++) {
        const sigma = image.conditions.skySigma[band];
        // Four stretches of the line, each compared with sky 10 px to either side of it.
        const stretches: number[] = [];
        for (let part = 0; part < 4; part++) {
          let excess = 0;
          let count = 0;
          for (let t = -size; t <= size; t += 1) {
            if (Math.floor(((t + size) / (2 * size)) * 4) !== part) continue;
            const on = sample(band, t, 0);
            const left = sample(band, t, -10);
            const right = sample(band, t, 10);
            if (on === null || left === null || right === null) continue;
            excess += on - (left + right) / 2;
            count++;
          }
          if (count > 5) stretches.push(excess / count / sigma);
        }
        expect(stretches.length).toBeGreaterThanOrEqual(2);
        if (trail.peak[band] > 0) for (const s of stretches) expect(s).toBeGreaterThan(3);
        else for (const s of stretches) expect(Math.abs(s)).toBeLessThan(3);
      }
      if (trail.peak.filter((p) => p > 0).length === 1) oneBandTrails++;
      expect(trail.sigma * 2.355).toBeGreaterThanOrEqual(1);
      expect(trail.sigma * 2.355).toBeLessThanOrEqual(3);
    }
    expect(ofKind('satellite_trail').length).toBeGreaterThan(oneBandTrails);
  });

  it('makes cosmic-ray hits sharp: each stands far above its neighbours', () => {
    for (const plan of ofKind('cosmic_ray')) {
      const image = renderCutout(plan);
      if (image.artefact?.kind !== 'cosmic_ray') throw new Error('no cosmic rays recorded');
      const hits = image.artefact.hits;
      expect(hits.length).toBeGreaterThan(0);
      const hitSet = new Set(hits.map((h) => `${h.band}:${h.pixel}`));
      const { size } = image;
      for (const { band, pixel } of hits) {
        const x = pixel % size;
        const y = Math.floor(pixel / size);
        const around: number[] = [];
        for (const [dx, dy] of [
          [-1, 0],
          [1, 0],
          [0, -1],
          [0, 1],
          [-1, -1],
          [1, 1],
          [-1, 1],
          [1, -1],
        ]) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= size || ny >= size || hitSet.has(`${band}:${ny * size + nx}`)) continue;
          around.push(image.bands[band][ny * size + nx]);
        }
        if (around.length < 3) continue;
        expect(image.bands[band][pixel] - median(around)).toBeGreaterThan(10 * image.conditions.skySigma[band]);
      }
    }
  });

  it('gives saturated stars flat tops and a bleed trail along a column', () => {
    for (const plan of ofKind('saturated_star')) {
      const image = renderCutout(plan);
      if (image.artefact?.kind !== 'saturated_star') throw new Error('no saturated star recorded');
      const { size } = image;
      const level = Math.fround(image.artefact.saturation[1]);
      const r = image.bands[1];
      let flat = 0;
      let longestColumn = 0;
      let widestRow = 0;
      for (let x = 0; x < size; x++) {
        let run = 0;
        for (let y = 0; y < size; y++) run += r[y * size + x] === level ? 1 : 0;
        longestColumn = Math.max(longestColumn, run);
        flat += run;
      }
      for (let y = 0; y < size; y++) {
        let run = 0;
        for (let x = 0; x < size; x++) run += r[y * size + x] === level ? 1 : 0;
        widestRow = Math.max(widestRow, run);
      }
      expect(flat).toBeGreaterThan(4);
      expect(Math.max(...r)).toBe(level);
      expect(longestColumn).toBeGreaterThan(widestRow);
    }
  });

  it('blanks a chip edge with zeros or NaN over the region it reports', () => {
    for (const plan of ofKind('chip_edge')) {
      const image = renderCutout(plan);
      if (image.artefact?.kind !== 'chip_edge') throw new Error('no chip edge recorded');
      const { fill, bands, blankedPixels } = image.artefact;
      expect(blankedPixels).toBeGreaterThanOrEqual(0.1 * image.size * image.size);
      for (const band of bands) {
        const blank = image.bands[band].filter((v) => (fill === 'nan' ? Number.isNaN(v) : v === 0)).length;
        expect(blank).toBe(blankedPixels);
      }
    }
  });

  it('replaces corrupt frames wholesale', () => {
    for (const plan of ofKind('corrupt_frame')) {
      const image = renderCutout(plan);
      if (image.artefact?.kind !== 'corrupt_frame') throw new Error('no corruption recorded');
      const r = image.bands[1];
      switch (image.artefact.style) {
        case 'zeros':
          expect(r.every((v) => v === 0)).toBe(true);
          break;
        case 'nan':
          expect(r.every((v) => Number.isNaN(v))).toBe(true);
          break;
        case 'constant':
          expect(r.every((v) => v === r[0] && v > 0)).toBe(true);
          break;
        default: {
          const mean = r.reduce((a, b) => a + b, 0) / r.length;
          const spread = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / r.length);
          expect(spread).toBeGreaterThan(5 * image.conditions.skySigma[1]);
        }
      }
    }
  });

  it('renders ordinary objects free of NaN', () => {
    for (const plan of plans.filter((p) => !p.anomaly).slice(0, 20)) {
      for (const band of renderCutout(plan).bands) expect(band.every(Number.isFinite)).toBe(true);
    }
  });
});

describe('addNoise', () => {
  it('adds sky noise with each band’s sigma despite smoothing it like a resampled coadd', () => {
    const conditions = drawObservingConditions(new Random(9));
    const image = createCutoutImage(128);
    addNoise(image, conditions, new Random(10));
    for (let band = 0; band < 3; band++) {
      const values = image.bands[band];
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const sigma = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
      expect(Math.abs(sigma / conditions.skySigma[band] - 1)).toBeLessThan(0.05);
      // Neighbouring pixels correlate, as in a resampled coadd (white noise would give ≈ 0).
      let product = 0;
      for (let i = 0; i + 1 < values.length; i++) product += (values[i] - mean) * (values[i + 1] - mean);
      expect(product / (values.length - 1) / sigma ** 2).toBeGreaterThan(0.3);
    }
  });
});
