// Rotational asymmetry (Conselice 2000; statmorph's convention): A = Σ|I − I₁₈₀| / Σ|I| over
// the main segment and its 180° image, at the centre that minimises it, less the part that
// pure noise contributes. Centres are searched on a half-pixel grid, where a 180° rotation
// maps pixels exactly onto pixels, so no interpolation blurs the comparison. The search
// compares only the segment's brighter pixels (above 1/20 of its peak), which fix the
// centre, and the final value uses every pixel. The noise term is analytic: for Gaussian
// noise σ per pixel, E|n₁ − n₂| = 2σ/√π.
import { LABEL_MAIN } from './segmentation.js';

export interface AsymmetryResult {
  asymmetry: number;
  /** The centre that minimises the asymmetry, in pixels (a multiple of 0.5). */
  centreX: number;
  centreY: number;
}

/** Hill-climbing steps of half a pixel from the centroid; the centroid is rarely more than one step off. */
const MAX_CENTRE_STEPS = 3;
const NOISE_PAIR_MEAN = 2 / Math.sqrt(Math.PI);
/**
 * Pixels of the centre search: above this fraction of the segment's brightest, and at least MIN_SEARCH_PIXELS of them.
 */
const SEARCH_FRACTION_OF_PEAK = 0.05;
const MIN_SEARCH_PIXELS = 16;

interface Sums {
  difference: number;
  total: number;
  pixels: number;
}

/** The segment's pixels: index and coordinates. */
export interface SegmentPixels {
  pixels: Int32Array;
  xs: Int32Array;
  ys: Int32Array;
  count: number;
}

/**
 * Sums for a centre given in doubled coordinates (2x, 2y), so a 180° rotation maps (x, y) to (c2x − x, c2y − y).
 */
function asymmetrySums(
  image: Float32Array,
  size: number,
  segment: SegmentPixels,
  labels: Uint8Array,
  c2x: number,
  c2y: number,
): Sums {
  const { pixels, xs, ys, count } = segment;
  let difference = 0;
  let total = 0;
  let used = 0;
  for (let i = 0; i < count; i++) {
    const p = pixels[i];
    const x = xs[i];
    const y = ys[i];
    const rx = c2x - x;
    const ry = c2y - y;
    // A pixel whose partner falls off the frame cannot be compared: leave the pair out.
    if (rx < 0 || rx >= size || ry < 0 || ry >= size) continue;
    const q = ry * size + rx;
    const a = image[p];
    const b = image[q];
    // The union of the segment and its rotation: a pair inside the segment is met from both
    // ends, a pair half outside only from the inside end, so count that one twice.
    if (labels[q] === LABEL_MAIN) {
      difference += Math.abs(a - b);
      total += Math.abs(a);
      used += 1;
    } else {
      difference += 2 * Math.abs(a - b);
      total += Math.abs(a) + Math.abs(b);
      used += 2;
    }
  }
  return { difference, total, pixels: used };
}

function rawAsymmetry(sums: Sums): number {
  return sums.total > 0 ? sums.difference / sums.total : Infinity;
}

/**
 * Asymmetry of the main segment (labelled LABEL_MAIN in `labels`) of a sky-subtracted image
 * with per-pixel noise `sigma`, searching centres from (startX, startY). `searchScratch`
 * has room for a copy of the segment.
 */
export function rotationalAsymmetry(
  image: Float32Array,
  size: number,
  segment: SegmentPixels,
  labels: Uint8Array,
  startX: number,
  startY: number,
  sigma: number,
  searchScratch: SegmentPixels,
): AsymmetryResult {
  const search = brightPart(image, segment, searchScratch);
  let c2x = Math.round(2 * startX);
  let c2y = Math.round(2 * startY);
  // Centres already measured (offsets from the start, in half pixels), so a step never re-measures one.
  const span = 2 * MAX_CENTRE_STEPS + 3;
  const measured = new Float64Array(span * span).fill(NaN);
  const originX = c2x;
  const originY = c2y;
  const rawAt = (x2: number, y2: number): number => {
    const key = (y2 - originY + MAX_CENTRE_STEPS + 1) * span + (x2 - originX + MAX_CENTRE_STEPS + 1);
    let value = measured[key];
    if (Number.isNaN(value)) {
      value = rawAsymmetry(asymmetrySums(image, size, search, labels, x2, y2));
      measured[key] = value;
    }
    return value;
  };
  let best = rawAt(c2x, c2y);
  for (let step = 0; step < MAX_CENTRE_STEPS; step++) {
    let moveX = 0;
    let moveY = 0;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        if (dx === 0 && dy === 0) continue;
        const value = rawAt(c2x + dx, c2y + dy);
        if (value < best) {
          best = value;
          moveX = dx;
          moveY = dy;
        }
      }
    }
    if (moveX === 0 && moveY === 0) break;
    c2x += moveX;
    c2y += moveY;
  }
  const sums = asymmetrySums(image, size, segment, labels, c2x, c2y);
  let asymmetry = 0;
  if (sums.total > 0) asymmetry = (sums.difference - sums.pixels * NOISE_PAIR_MEAN * sigma) / sums.total;
  // Σ|I − I₁₈₀| ≤ 2Σ|I|; the noise correction can overshoot below 0 for faint sources.
  asymmetry = Math.min(2, Math.max(-1, asymmetry));
  return { asymmetry, centreX: c2x / 2, centreY: c2y / 2 };
}

/**
 * The segment's pixels above SEARCH_FRACTION_OF_PEAK of its brightest, copied into `into` (the whole segment when too
 * few).
 */
function brightPart(image: Float32Array, segment: SegmentPixels, into: SegmentPixels): SegmentPixels {
  let peak = 0;
  for (let i = 0; i < segment.count; i++) peak = Math.max(peak, image[segment.pixels[i]]);
  const floor = SEARCH_FRACTION_OF_PEAK * peak;
  let n = 0;
  for (let i = 0; i < segment.count; i++) {
    if (image[segment.pixels[i]] < floor) continue;
    into.pixels[n] = segment.pixels[i];
    into.xs[n] = segment.xs[i];
    into.ys[n] = segment.ys[i];
    n++;
  }
  if (n < MIN_SEARCH_PIXELS) return segment;
  into.count = n;
  return into;
}
