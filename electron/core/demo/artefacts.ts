// Instrumental anomalies, applied to the finished noisy cutout because they happen in the
// detector or the pipeline, not on the sky: satellite trails, cosmic rays, saturated stars
// with bleed trails, blank chip-edge regions and wholly corrupt frames. Each returns a record
// of what it did, which the tests use to check the artefact is where it claims to be.
import { NANOMAGGY_ZERO_POINT, type CutoutImage } from './cutout-image.js';
import { psfValue } from './psf.js';
import type { CutoutFormat } from './demo-types.js';
import type { ObservingConditions } from './sky.js';
import { paintStar, drawStarColourFluxes } from './stars.js';
import type { Random } from './prng.js';

export type ArtefactRecord =
  | {
      kind: 'satellite_trail';
      /** A point on the line and its direction (radians from +x). */
      x: number;
      y: number;
      angle: number;
      /** Gaussian sigma across the trail, pixels (FWHM 1–3 px). */
      sigma: number;
      /** Peak surface brightness per band (0 where the band is untouched). */
      peak: [number, number, number];
    }
  | { kind: 'cosmic_ray'; hits: { band: number; pixel: number }[] }
  | {
      kind: 'saturated_star';
      x: number;
      y: number;
      saturation: [number, number, number];
      /** Pixels set to the saturation level in any band (the core and its bleed trail), ascending. */
      clipped: number[];
    }
  | { kind: 'chip_edge'; fill: 'zero' | 'nan'; bands: number[]; blankedPixels: number; edge: ChipEdge }
  | { kind: 'corrupt_frame'; style: CorruptStyle };

/** A straight detector edge; `isBlankedPixel` says which side of it has no data. */
export interface ChipEdge {
  /** The edge runs along x (blanking rows) rather than along y (blanking columns). */
  horizontal: boolean;
  /** Slope of the edge against the pixel grid. */
  tilt: number;
  /** Depth of the blank band, pixels. */
  cut: number;
  /** The blank band is at low row (or column) numbers. */
  fromLowSide: boolean;
}

export type CorruptStyle = 'zeros' | 'nan' | 'noise' | 'stripes' | 'constant' | 'scrambled';

export function addSatelliteTrail(image: CutoutImage, conditions: ObservingConditions, rng: Random): ArtefactRecord {
  const { size } = image;
  const half = (size - 1) / 2;
  const x = half + rng.uniform(-0.25, 0.25) * size;
  const y = half + rng.uniform(-0.25, 0.25) * size;
  const angle = rng.uniform(0, Math.PI);
  const sigma = rng.uniform(1, 3) / 2.355;
  const brightness = rng.uniform(8, 40);
  const oneBand = rng.chance(0.35) ? rng.int(0, 2) : -1;
  const peak: [number, number, number] = [0, 0, 0];
  for (let band = 0; band < 3; band++) {
    if (oneBand < 0 || oneBand === band) peak[band] = brightness * conditions.skySigma[band] * rng.uniform(0.7, 1.3);
  }
  const nx = -Math.sin(angle);
  const ny = Math.cos(angle);
  const flickerPeriod = rng.uniform(15, 60);
  const flickerDepth = rng.uniform(0, 0.25);
  for (let band = 0; band < 3; band++) {
    if (peak[band] === 0) continue;
    const plane = image.bands[band];
    for (let py = 0; py < size; py++) {
      for (let px = 0; px < size; px++) {
        const across = (px - x) * nx + (py - y) * ny;
        if (Math.abs(across) > 5 * sigma) continue;
        const along = (px - x) * ny - (py - y) * nx;
        const flicker = 1 - flickerDepth * (0.5 + 0.5 * Math.sin((2 * Math.PI * along) / flickerPeriod));
        plane[py * size + px] += peak[band] * flicker * Math.exp(-(across * across) / (2 * sigma * sigma));
      }
    }
  }
  return { kind: 'satellite_trail', x, y, angle, sigma, peak };
}

export function addCosmicRays(image: CutoutImage, conditions: ObservingConditions, rng: Random): ArtefactRecord {
  const { size } = image;
  const hits: { band: number; pixel: number }[] = [];
  const events = rng.int(1, 5);
  for (let e = 0; e < events; e++) {
    const allBands = rng.chance(0.2);
    const band = rng.int(0, 2);
    // The first event lands near the target, where anyone inspecting the cutout looks.
    const spread = e === 0 ? size / 6 : size / 2;
    let x = (size - 1) / 2 + rng.uniform(-spread, spread);
    let y = (size - 1) / 2 + rng.uniform(-spread, spread);
    const length = rng.chance(0.35) ? 1 : rng.int(3, 14);
    const angle = rng.uniform(0, Math.PI);
    for (let step = 0; step < length; step++) {
      const px = Math.round(x);
      const py = Math.round(y);
      if (px >= 0 && py >= 0 && px < size && py < size) {
        const pixel = py * size + px;
        for (let b = 0; b < 3; b++) {
          if (!allBands && b !== band) continue;
          image.bands[b][pixel] += rng.uniform(30, 300) * conditions.skySigma[b];
          hits.push({ band: b, pixel });
        }
      }
      x += Math.cos(angle);
      y += Math.sin(angle);
    }
  }
  return { kind: 'cosmic_ray', hits };
}

export function addSaturatedStar(image: CutoutImage, conditions: ObservingConditions, rng: Random): ArtefactRecord {
  const { size } = image;
  const half = (size - 1) / 2;
  const distance = rng.uniform(0.18, 0.38) * size;
  const direction = rng.uniform(0, 2 * Math.PI);
  const x = half + distance * Math.cos(direction);
  const y = half + distance * Math.sin(direction);
  // Full well is set in detector counts, so in flux units it is similar in every band. The
  // star is drawn 4–40 times brighter at its peak than that, so it always saturates.
  const fullWell = rng.uniform(25, 80);
  const saturation: [number, number, number] = [0, 0, 0];
  for (let band = 0; band < 3; band++) saturation[band] = fullWell * rng.uniform(0.85, 1.15);
  const rFlux = (fullWell * rng.logUniform(4, 40)) / psfValue(conditions.psfs[1], 0, 0);
  const rMag = NANOMAGGY_ZERO_POINT - 2.5 * Math.log10(rFlux);
  paintStar(image, conditions.psfs, {
    x,
    y,
    fluxes: drawStarColourFluxes(rng, rMag),
    bright: true,
    spikeAngle: rng.uniform(-0.05, 0.05),
  });
  // Charge above full well spills up and down the column, half each way. The r band sets the
  // trail's extent for all three, as in a coadd whose masks join the bands' trails.
  const r = image.bands[1];
  const clippedSet = new Set<number>();
  for (let px = 0; px < size; px++) {
    let excess = 0;
    let low = -1;
    let high = -1;
    for (let py = 0; py < size; py++) {
      const value = r[py * size + px];
      if (value > saturation[1]) {
        excess += value - saturation[1];
        if (low < 0) low = py;
        high = py;
      }
    }
    const bleed = low < 0 ? 0 : Math.round(excess / saturation[1] / 2);
    for (let band = 0; band < 3; band++) {
      const plane = image.bands[band];
      const level = saturation[band];
      for (let py = 0; py < size; py++) {
        const i = py * size + px;
        const inTrail = low >= 0 && py >= low - bleed && py <= high + bleed;
        if (inTrail || plane[i] > level) {
          plane[i] = level;
          clippedSet.add(i);
        }
      }
    }
  }
  const clipped = [...clippedSet].sort((a, b) => a - b);
  return { kind: 'saturated_star', x, y, saturation, clipped };
}

export function addChipEdge(image: CutoutImage, rng: Random): ArtefactRecord {
  const { size } = image;
  const fill = rng.chance(0.5) ? 'zero' : 'nan';
  const bands = rng.chance(0.7) ? [0, 1, 2] : [rng.int(0, 2)];
  // A straight edge, close to the pixel grid, keeping 15–50% of the frame blank.
  const horizontal = rng.chance(0.5);
  const tilt = rng.chance(0.6) ? 0 : rng.uniform(-0.12, 0.12);
  const cut = rng.uniform(0.15, 0.5) * size;
  const edge: ChipEdge = { horizontal, tilt, cut, fromLowSide: rng.chance(0.5) };
  const value = fill === 'nan' ? Number.NaN : 0;
  let blankedPixels = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!isBlankedPixel(edge, size, x, y)) continue;
      blankedPixels++;
      for (const band of bands) image.bands[band][y * size + x] = value;
    }
  }
  return { kind: 'chip_edge', fill, bands, blankedPixels, edge };
}

/** Whether pixel (x, y) of a size×size cutout (FITS order) lies on the blank side of the edge. */
export function isBlankedPixel(edge: ChipEdge, size: number, x: number, y: number): boolean {
  const along = edge.horizontal ? x : y;
  const across = (edge.horizontal ? y : x) + edge.tilt * (along - size / 2);
  return edge.fromLowSide ? across < edge.cut : across > size - 1 - edge.cut;
}

export function corruptFrame(
  image: CutoutImage,
  conditions: ObservingConditions,
  format: CutoutFormat,
  rng: Random,
): ArtefactRecord {
  const styles: CorruptStyle[] =
    format === 'fits'
      ? ['zeros', 'nan', 'noise', 'stripes', 'constant', 'scrambled']
      : ['zeros', 'noise', 'stripes', 'constant', 'scrambled'];
  const style = rng.pick(styles);
  const { size } = image;
  const n = size * size;
  for (let band = 0; band < 3; band++) {
    const plane = image.bands[band];
    const sigma = conditions.skySigma[band];
    switch (style) {
      case 'zeros':
        plane.fill(0);
        break;
      case 'nan':
        plane.fill(Number.NaN);
        break;
      case 'constant':
        plane.fill(conditions.skyLevel[band] * rng.uniform(20, 200));
        break;
      case 'noise': {
        const scale = sigma * rng.logUniform(30, 3000);
        for (let i = 0; i < n; i++) plane[i] = scale * rng.normal();
        break;
      }
      case 'stripes': {
        // A readout fault: every row gets its own large offset.
        const scale = sigma * rng.logUniform(20, 500);
        for (let y = 0; y < size; y++) {
          const offset = scale * rng.normal();
          for (let x = 0; x < size; x++) plane[y * size + x] += offset;
        }
        break;
      }
      case 'scrambled': {
        // The right pixel values in the wrong places (a lost stride or byte offset).
        for (let i = n - 1; i > 0; i--) {
          const j = Math.floor(rng.next() * (i + 1));
          const t = plane[i];
          plane[i] = plane[j];
          plane[j] = t;
        }
        break;
      }
    }
  }
  return { kind: 'corrupt_frame', style };
}
