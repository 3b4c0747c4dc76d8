// Where in its cutout each injected anomaly sits, for the truth table: a mask and its bounding
// box, so an explanation (a residual or saliency peak) can be checked against the place the
// anomaly was put. Masks are built from what the renderer recorded (artefact records, the
// model's anomaly place), in the cutout's own FITS order, then turned to image rows (row 0 at
// the top), the order of the PNG files and of every image ingest decodes (FITS rows flipped).
//
// What each kind covers:
// - satellite trail: pixels within max(2.5σ, 1.5) px of the line (the trail crosses the frame);
// - cosmic rays: the hit pixels, dilated by 1 px (3×3);
// - saturated star: the pixels clipped to the saturation level in any band (the core and its
//   bleed trail up and down the column), dilated by 1 px;
// - chip edge: the blanked pixels;
// - merger: the companion's half-light ellipse scaled by 1.5, broadened by the seeing FWHM;
// - lens and ring: the painted arc's annulus, ±(2·width + FWHM) about the ridge; for lensed
//   arcs only the angles where the arc holds ≥ 10% of its peak brightness (the visible arcs;
//   a single arc's faint counter-image is left out);
// - extreme colour, corrupt frame, ordinary objects: no place (the whole object or frame), null.
//
// Ingest's model input is the whole cutout resized, not a window cut from it: the centre crop
// at the store's crop fraction (1 by default, keeping the whole square), area-averaged to the
// store's size (64 px by default), in image rows. `regionOnModelGrid`
// maps a mask the same way, so a model-input pixel can be asked whether it lies in the region.
import { isBlankedPixel, type ArtefactRecord, type ChipEdge } from './artefacts.js';
import type { AnomalyPlace } from './galaxy-model.js';
import type { RenderedCutout } from './render-cutout.js';
import { centreCropBox, resampleSquare } from '../ingest/model-input.js';

/** Inclusive pixel indices [x0, y0, x1, y1], image rows (row 0 at the top). */
export type RegionBox = [x0: number, y0: number, x1: number, y1: number];

export interface TruthRegion {
  /** size×size, 1 inside, 0 outside; image rows (row 0 at the top). */
  mask: Uint8Array;
  box: RegionBox;
}

/** A trail's half-width in pixels: 2.5σ of its profile, never under 1.5 px. */
export function trailHalfWidth(sigma: number): number {
  return Math.max(2.5 * sigma, 1.5);
}

/** Pixels (FITS order) within a trail's half-width of its line. */
export function trailMask(size: number, trail: { x: number; y: number; angle: number; sigma: number }): Uint8Array {
  const mask = new Uint8Array(size * size);
  const nx = -Math.sin(trail.angle);
  const ny = Math.cos(trail.angle);
  const reach = trailHalfWidth(trail.sigma);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      if (Math.abs((px - trail.x) * nx + (py - trail.y) * ny) <= reach) mask[py * size + px] = 1;
    }
  }
  return mask;
}

/** The given pixels (plane indices) and every pixel within `radius` of one, in x and in y. */
export function dilatedPixelMask(size: number, pixels: Iterable<number>, radius = 1): Uint8Array {
  const mask = new Uint8Array(size * size);
  for (const pixel of pixels) {
    const x = pixel % size;
    const y = Math.floor(pixel / size);
    for (let yy = Math.max(0, y - radius); yy <= Math.min(size - 1, y + radius); yy++)
      for (let xx = Math.max(0, x - radius); xx <= Math.min(size - 1, x + radius); xx++) mask[yy * size + xx] = 1;
  }
  return mask;
}

export function chipEdgeMask(size: number, edge: ChipEdge): Uint8Array {
  const mask = new Uint8Array(size * size);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) if (isBlankedPixel(edge, size, x, y)) mask[y * size + x] = 1;
  return mask;
}

/** Companion radii are its half-light ellipse times this. */
const COMPANION_RE_SCALE = 1.5;
/** Arc angles holding less than this share of the arc's peak brightness are left out. */
const ARC_MIN_ANGULAR_SHARE = 0.1;

/** The place of an astrophysical anomaly (FITS order), its offsets taken from (cx, cy). */
export function placeMask(size: number, cx: number, cy: number, place: AnomalyPlace, fwhm: number): Uint8Array {
  const mask = new Uint8Array(size * size);
  const x0 = cx + place.dx;
  const y0 = cy + place.dy;
  const cosA = Math.cos(place.pa);
  const sinA = Math.sin(place.pa);
  // The same disk-plane coordinates the painters use: major axis u, minor axis v (unsquashed).
  const planeCoords = (x: number, y: number) => {
    const u = (x - x0) * cosA + (y - y0) * sinA;
    return { u, w: -(x - x0) * sinA + (y - y0) * cosA };
  };
  if (place.kind === 'companion') {
    const a = Math.hypot(COMPANION_RE_SCALE * place.re, fwhm);
    const b = Math.hypot(COMPANION_RE_SCALE * place.re * place.q, fwhm);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const { u, w } = planeCoords(x, y);
        if ((u / a) ** 2 + (w / b) ** 2 <= 1) mask[y * size + x] = 1;
      }
    }
    return mask;
  }
  const halfWidth = 2 * place.width + fwhm;
  const windows = place.windows;
  const angularAt = (theta: number) =>
    windows
      ? windows.reduce((sum, win) => sum + win.weight * Math.exp(win.kappa * (Math.cos(theta - win.angle) - 1)), 0)
      : 1;
  let peak = 0;
  for (let k = 0; k < 720; k++) peak = Math.max(peak, angularAt((k / 720) * 2 * Math.PI));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const { u, w } = planeCoords(x, y);
      const v = w / place.q;
      if (Math.abs(Math.sqrt(u * u + v * v) - place.radius) > halfWidth) continue;
      if (angularAt(Math.atan2(v, u)) < ARC_MIN_ANGULAR_SHARE * peak) continue;
      mask[y * size + x] = 1;
    }
  }
  return mask;
}

/** The anomaly's mask in FITS order, or null when it has no place. */
function fitsOrderMask(image: RenderedCutout): Uint8Array | null {
  const { size } = image;
  if (image.place) return placeMask(size, image.centre.x, image.centre.y, image.place, image.conditions.psfs[1].fwhm);
  const record: ArtefactRecord | undefined = image.artefact;
  switch (record?.kind) {
    case 'satellite_trail':
      return trailMask(size, record);
    case 'cosmic_ray':
      return dilatedPixelMask(
        size,
        record.hits.map((h) => h.pixel),
      );
    case 'saturated_star':
      return dilatedPixelMask(size, record.clipped);
    case 'chip_edge':
      return chipEdgeMask(size, record.edge);
    default:
      return null;
  }
}

/** A FITS-order plane (row 0 at the bottom) in image rows (row 0 at the top), or back. */
export function flipMaskRows(mask: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = 0; y < size; y++) out.set(mask.subarray(y * size, (y + 1) * size), (size - 1 - y) * size);
  return out;
}

/** The smallest box holding every pixel of the mask, or null when it is empty. */
export function maskBox(mask: Uint8Array, size: number): RegionBox | null {
  let x0 = size;
  let y0 = size;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!mask[y * size + x]) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  return x1 < 0 ? null : [x0, y0, x1, y1];
}

/** The rendered cutout's truth region in image rows, or null where its anomaly has no place. */
export function truthRegionOf(image: RenderedCutout): TruthRegion | null {
  const plane = fitsOrderMask(image);
  if (!plane) return null;
  const mask = flipMaskRows(plane, image.size);
  const box = maskBox(mask, image.size);
  return box ? { mask, box } : null;
}

/** The truth table's text for a box: "x0 y0 x1 y1", '' for none. */
export function formatRegionBox(box: RegionBox | null): string {
  return box ? box.join(' ') : '';
}

export function parseRegionBox(text: string): RegionBox | null {
  if (text.trim() === '') return null;
  const parts = text.trim().split(/\s+/).map(Number);
  if (parts.length !== 4 || !parts.every(Number.isInteger)) throw new Error(`not a region box "x0 y0 x1 y1": ${text}`);
  return parts as RegionBox;
}

/**
 * A cutout mask (size×size, image rows) on the model-input grid (modelSize×modelSize): 1 where
 * the model pixel's area takes in any region pixel, through ingest's own crop box and area
 * average. `crop` is the store's centre-crop fraction. PNGs go through the same average when
 * their thumbnail is the whole cutout (cutouts up to the thumbnail size, model inputs no larger).
 */
export function regionOnModelGrid(mask: Uint8Array, size: number, modelSize: number, crop = 1): Uint8Array {
  const plane = Float32Array.from(mask, (v) => (v ? 1 : 0));
  const averaged = new Float32Array(modelSize * modelSize);
  resampleSquare(plane, size, centreCropBox(size, size, crop), modelSize, averaged);
  return Uint8Array.from(averaged, (v) => (v > 0 ? 1 : 0));
}
