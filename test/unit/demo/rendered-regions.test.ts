// Truth regions of rendered demo objects: every kind with a place gets a region inside its
// cutout, and it holds what the anomaly did. Artefacts are checked against the same plan
// rendered without them (the renderer applies them last, so everything else is identical);
// arcs against their own light painted alone; a merger's place against its model.
import { describe, it, expect } from 'vitest';
import { planDemoCollection } from '../../../electron/core/demo/collection-plan.js';
import { createCutoutImage } from '../../../electron/core/demo/cutout-image.js';
import type { AnomalyKind, CutoutPlan } from '../../../electron/core/demo/demo-types.js';
import { drawMerger } from '../../../electron/core/demo/anomaly-sources.js';
import { paintArc } from '../../../electron/core/demo/profiles.js';
import { Random } from '../../../electron/core/demo/prng.js';
import { renderCutout, type RenderedCutout } from '../../../electron/core/demo/render-cutout.js';
import { flipMaskRows, truthRegionOf, type TruthRegion } from '../../../electron/core/demo/truth-regions.js';

const plans = planDemoCollection(2000, 1);
const ofKind = (kind: AnomalyKind, count = 3): CutoutPlan[] => plans.filter((p) => p.anomaly === kind).slice(0, count);

function regionOf(image: RenderedCutout): TruthRegion {
  const region = truthRegionOf(image);
  if (!region) throw new Error('no region');
  return region;
}

/** The region is non-empty, its box lies in the frame and is the mask's own bounding box. */
function expectWellFormed(region: TruthRegion, size: number): void {
  const [x0, y0, x1, y1] = region.box;
  expect(region.mask).toHaveLength(size * size);
  expect(0 <= x0 && x0 <= x1 && x1 < size && 0 <= y0 && y0 <= y1 && y1 < size).toBe(true);
  let inside = 0;
  for (let i = 0; i < region.mask.length; i++) {
    if (!region.mask[i]) continue;
    inside++;
    const x = i % size;
    const y = Math.floor(i / size);
    expect(x >= x0 && x <= x1 && y >= y0 && y <= y1).toBe(true);
  }
  expect(inside).toBeGreaterThan(0);
}

/** FITS-order index of the pixel the artefact changed most (summed over bands; NaN counts most). */
function mostChangedPixel(withArtefact: RenderedCutout, without: RenderedCutout): number {
  let best = -1;
  let at = -1;
  for (let i = 0; i < withArtefact.size * withArtefact.size; i++) {
    let change = 0;
    for (let band = 0; band < 3; band++) {
      const after = withArtefact.bands[band][i];
      change += Number.isNaN(after) ? Infinity : Math.abs(after - without.bands[band][i]);
    }
    if (change > best) {
      best = change;
      at = i;
    }
  }
  return at;
}

describe('truth regions of rendered artefacts', () => {
  for (const kind of ['satellite_trail', 'cosmic_ray', 'saturated_star', 'chip_edge'] as const) {
    it(`${kind}: the region lies in the cutout and holds the pixel the artefact changed most`, () => {
      const chosen = ofKind(kind);
      expect(chosen.length).toBeGreaterThan(0);
      for (const plan of chosen) {
        const image = renderCutout(plan);
        const region = regionOf(image);
        expectWellFormed(region, image.size);
        const plain = renderCutout({ ...plan, anomaly: '' });
        const at = mostChangedPixel(image, plain);
        expect(flipMaskRows(region.mask, image.size)[at]).toBe(1);
        const [x0, y0, x1, y1] = region.box;
        const x = at % image.size;
        const row = image.size - 1 - Math.floor(at / image.size);
        expect(x >= x0 && x <= x1 && row >= y0 && row <= y1).toBe(true);
      }
    });
  }

  it('chip_edge: the mask is exactly the blanked pixels', () => {
    for (const plan of ofKind('chip_edge')) {
      const image = renderCutout(plan);
      if (image.artefact?.kind !== 'chip_edge') throw new Error('no chip edge recorded');
      const { fill, bands, blankedPixels } = image.artefact;
      const fits = flipMaskRows(regionOf(image).mask, image.size);
      const plane = image.bands[bands[0]];
      const blank = Uint8Array.from(plane, (v) => ((fill === 'nan' ? Number.isNaN(v) : v === 0) ? 1 : 0));
      expect(fits).toEqual(blank);
      expect(fits.reduce((sum, v) => sum + v, 0)).toBe(blankedPixels);
    }
  });

  it('cosmic_ray: the mask covers every hit and its neighbours, and nothing two pixels away', () => {
    for (const plan of ofKind('cosmic_ray')) {
      const image = renderCutout(plan);
      if (image.artefact?.kind !== 'cosmic_ray') throw new Error('no cosmic rays recorded');
      const { size } = image;
      const fits = flipMaskRows(regionOf(image).mask, size);
      const hits = image.artefact.hits.map((h) => [h.pixel % size, Math.floor(h.pixel / size)]);
      for (const [x, y] of hits) {
        for (const [dx, dy] of [
          [0, 0],
          [1, 0],
          [-1, 0],
          [0, 1],
          [0, -1],
          [1, 1],
          [-1, -1],
        ]) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx >= 0 && yy >= 0 && xx < size && yy < size) expect(fits[yy * size + xx]).toBe(1);
        }
      }
      for (let i = 0; i < fits.length; i++) {
        if (!fits[i]) continue;
        const x = i % size;
        const y = Math.floor(i / size);
        expect(hits.some(([hx, hy]) => Math.abs(hx - x) <= 1 && Math.abs(hy - y) <= 1)).toBe(true);
      }
    }
  });

  it('ordinary objects, extreme colours and corrupt frames have no region', () => {
    const none = [plans.find((p) => !p.anomaly)!, ...ofKind('extreme_colour', 2), ...ofKind('corrupt_frame', 2)];
    for (const plan of none) expect(truthRegionOf(renderCutout(plan))).toBeNull();
  });
});

describe('truth regions of astrophysical anomalies', () => {
  for (const kind of ['lens', 'ring'] as const) {
    it(`${kind}: the region holds at least 90% of the arc's own light`, () => {
      for (const plan of ofKind(kind)) {
        const image = renderCutout(plan);
        const region = regionOf(image);
        expectWellFormed(region, image.size);
        const place = image.place;
        if (place?.kind !== 'arc') throw new Error('no arc recorded');
        const alone = createCutoutImage(image.size);
        const at = { x: image.centre.x + place.dx, y: image.centre.y + place.dy };
        paintArc(alone, { ...place, ...at }, [1, 1, 1]);
        const fits = flipMaskRows(region.mask, image.size);
        let inside = 0;
        alone.bands[1].forEach((v, i) => (inside += fits[i] ? v : 0));
        expect(inside).toBeGreaterThan(0.9);
        // The region is the arc, not the frame: well under half of it.
        expect(fits.reduce((sum, v) => sum + v, 0)).toBeLessThan(0.5 * image.size * image.size);
      }
    });
  }

  it("merger: the place is the companion's nucleus and half-light radius, and the region holds its centre", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const model = drawMerger(new Random(seed));
      const place = model.place;
      if (place?.kind !== 'companion') throw new Error('no companion recorded');
      // The companion's Sérsic components sit at its offset with its axis ratio and angle; its
      // largest is an elliptical's outer part (1.12 r_e) or a spiral's disk (r_e).
      const nucleus = model.components.filter(
        (c) => c.kind === 'sersic' && c.dx === place.dx && c.dy === place.dy && (place.dx !== 0 || place.dy !== 0),
      );
      expect(nucleus.length).toBeGreaterThanOrEqual(2);
      const largest = Math.max(...nucleus.map((c) => (c.kind === 'sersic' ? c.re : 0)));
      expect(largest / place.re).toBeGreaterThanOrEqual(1 - 1e-9);
      expect(largest / place.re).toBeLessThanOrEqual(1.12 + 1e-9);
      expect(nucleus.some((c) => c.q === place.q && c.pa === place.pa)).toBe(true);
    }
    for (const plan of ofKind('merger')) {
      const image = renderCutout(plan);
      const region = regionOf(image);
      expectWellFormed(region, image.size);
      const place = image.place;
      if (place?.kind !== 'companion') throw new Error('no companion recorded');
      const x = Math.round(image.centre.x + place.dx);
      const row = image.size - 1 - Math.round(image.centre.y + place.dy);
      expect(region.mask[row * image.size + x]).toBe(1);
      // The target's own centre lies outside unless the companion is big enough to reach it.
      const reach = Math.hypot(1.5 * place.re, image.conditions.psfs[1].fwhm);
      const targetRow = image.size - 1 - Math.round(image.centre.y);
      const targetInside = region.mask[targetRow * image.size + Math.round(image.centre.x)] === 1;
      if (Math.hypot(place.dx, place.dy) > reach + 1) expect(targetInside).toBe(false);
    }
  });
});
