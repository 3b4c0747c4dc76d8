// The wavelength ranges that drive a spectrum's score: where the squared difference between it
// and a reference (its typical neighbours as the model sees them, or the model's
// reconstruction) is concentrated. Greedy: the bin with the largest
// residual left seeds a window, which grows over neighbouring good bins while theirs stay a
// fair fraction of the seed's and above the spectrum's typical residual, so an emission line
// becomes one window however many bins it spans, and the noise around it stays out. Each
// window's share is its part of the total squared residual, so the shares sum to at most 1.
// Differences are unweighted: the model input keeps a good-bin mask, not the inverse variance
// (spectrum-model-input.ts says why); bins that are NaN on either side take no part.
import { medianInPlace } from '../../../util/order-statistics.js';
import { lineWithin } from './line-list.js';

export interface DriverWindow {
  /** Observed wavelength range, Å (outer bin edges). */
  from: number;
  to: number;
  /** The window's part of the total squared residual. */
  share: number;
  /** The named line within the window nearest its largest residual, or null. */
  line: string | null;
}

/** Windows reported at most: the drivers a reader takes in at a glance. */
export const MAX_DRIVERS = 8;
/** A window stops growing at a bin whose squared residual is under this fraction of its seed's. */
const GROW_FRACTION = 0.05;
/** …or under this many times the spectrum's median squared residual (its noise). */
const NOISE_FACTOR = 4;
/** …or at this width in bins (≈ 9,000 km/s on a 2,048-bin grid): wider misfits are split in several windows. */
const MAX_WINDOW_BINS = 64;

/**
 * Driver windows of `flux` (NaN where masked) against a reference, `reconstruction`, on bins with edges `edges`
 * (length + 1, Å), the largest share first. Lines are named at redshift `z`; with z null no line is named, since rest
 * and observed wavelengths cannot be told apart.
 */
export function driverWindows(
  edges: ArrayLike<number>,
  flux: ArrayLike<number>,
  reconstruction: ArrayLike<number>,
  z: number | null,
): DriverWindow[] {
  const length = flux.length;
  if (edges.length !== length + 1 || reconstruction.length !== length)
    throw new Error(`driver windows need ${length} reconstructed bins and ${length + 1} edges`);
  const squared = new Float64Array(length).fill(NaN);
  const good = new Float64Array(length);
  let total = 0;
  let goodCount = 0;
  for (let k = 0; k < length; k++) {
    if (!Number.isFinite(flux[k]) || !Number.isFinite(reconstruction[k])) continue;
    squared[k] = (flux[k] - reconstruction[k]) ** 2;
    good[goodCount++] = squared[k];
    total += squared[k];
  }
  if (!(total > 0)) return [];
  const noise = NOISE_FACTOR * medianInPlace(good, goodCount);
  const used = new Uint8Array(length);
  const windows: DriverWindow[] = [];
  while (windows.length < MAX_DRIVERS) {
    let seed = -1;
    for (let k = 0; k < length; k++)
      if (!used[k] && squared[k] > 0 && (seed < 0 || squared[k] > squared[seed])) seed = k;
    // Past the noise there is nothing left that drives the misfit (NaN compares false: masked bins are never seeds).
    if (seed < 0 || (windows.length > 0 && squared[seed] <= noise)) break;
    const floor = Math.max(GROW_FRACTION * squared[seed], noise);
    const joins = (k: number) => k >= 0 && k < length && !used[k] && squared[k] >= floor;
    let first = seed;
    let last = seed;
    while (last - first + 1 < MAX_WINDOW_BINS) {
      const left = joins(first - 1) ? squared[first - 1] : -1;
      const right = joins(last + 1) ? squared[last + 1] : -1;
      if (left < 0 && right < 0) break;
      if (left >= right) first--;
      else last++;
    }
    let sum = 0;
    for (let k = first; k <= last; k++) {
      used[k] = 1;
      sum += squared[k];
    }
    const from = edges[first];
    const to = edges[last + 1];
    const at = Math.sqrt(edges[seed] * edges[seed + 1]);
    windows.push({ from, to, share: sum / total, line: z === null ? null : lineWithin(from, to, at, z) });
  }
  return windows.sort((a, b) => b.share - a.share);
}
