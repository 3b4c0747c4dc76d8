// The sky level and noise of one cutout, measured where the galaxy is least likely to be: the
// four corners outside the frame's inscribed circle (about 220 pixels each at 64²). Each
// corner gets its own median and MAD, and the frame takes the median of the four, so that a
// bright star or a neighbour's halo in one corner does not inflate σ (and hide the galaxy
// below the detection threshold). The corners turn and flip with the frame, so the features
// that depend on σ do too. Medians come from quickselect in a reused buffer, because sorting
// a fresh copy for each of 10^5 cutouts would cost more than every feature together.
import { medianInPlace } from '../../../util/order-statistics.js';

/** Pixels with a centre distance above this fraction of the size form the background region. */
const OUTER_RADIUS_FRACTION = 0.5;
/** MAD × 1.4826 estimates σ for Gaussian noise. */
const MAD_TO_SIGMA = 1.4826;

const cornerCache = new Map<number, Int32Array[]>();

/** Indices of the background pixels of a size×size frame, one array per corner, cached per size. */
export function backgroundCorners(size: number): Int32Array[] {
  let corners = cornerCache.get(size);
  if (!corners) {
    const centre = (size - 1) / 2;
    const limit = (OUTER_RADIUS_FRACTION * size) ** 2;
    const lists: number[][] = [[], [], [], []];
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        if ((x - centre) ** 2 + (y - centre) ** 2 <= limit) continue;
        lists[(y > centre ? 2 : 0) + (x > centre ? 1 : 0)].push(y * size + x);
      }
    }
    corners = lists.map((list) => Int32Array.from(list));
    cornerCache.set(size, corners);
  }
  return corners;
}

export interface Background {
  /** Median of the corner medians (0 when no corner pixel is finite). */
  level: number;
  /** Median of the corners' robust σ; 0 when the corners are constant or empty (not measurable). */
  sigma: number;
}

// Per-corner results, reused.
const cornerLevels = new Float32Array(4);
const cornerSigmas = new Float32Array(4);

/** Median and robust σ of `image` over the `corners`, ignoring non-finite pixels; `scratch` holds ≥ one corner. */
export function measureBackground(image: Float32Array, corners: Int32Array[], scratch: Float32Array): Background {
  let measured = 0;
  for (const corner of corners) {
    let n = 0;
    for (let i = 0; i < corner.length; i++) {
      const v = image[corner[i]];
      if (Number.isFinite(v)) scratch[n++] = v;
    }
    if (n === 0) continue;
    const level = medianInPlace(scratch, n);
    for (let i = 0; i < n; i++) scratch[i] = Math.abs(scratch[i] - level);
    cornerLevels[measured] = level;
    cornerSigmas[measured] = MAD_TO_SIGMA * medianInPlace(scratch, n);
    measured++;
  }
  if (measured === 0) return { level: 0, sigma: 0 };
  const level = medianInPlace(cornerLevels, measured);
  const sigma = medianInPlace(cornerSigmas, measured);
  // A constant corner (a blank or clipped frame) has no MAD; then there is no noise to measure.
  return { level, sigma: sigma > 1e-6 * Math.max(1, Math.abs(level)) ? sigma : 0 };
}
