// IRAF's zscale display limits: fit a line to the sorted sample with iterative
// rejection and widen it by 1/contrast around the median. Astronomers expect FITS
// previews to look the way ds9 shows them with "zscale".
import { finiteSample } from './robust-stats.js';

export interface ZscaleOptions {
  samples: number;
  contrast: number;
  rejection: number;
  iterations: number;
}

const DEFAULTS: ZscaleOptions = { samples: 1000, contrast: 0.25, rejection: 2.5, iterations: 5 };

export function zscale(values: Float32Array, options: Partial<ZscaleOptions> = {}): { z1: number; z2: number } {
  const o = { ...DEFAULTS, ...options };
  const sample = finiteSample(values, o.samples).sort();
  const n = sample.length;
  if (n === 0) return { z1: 0, z2: 1 };
  const zmin = sample[0];
  const zmax = sample[n - 1];
  const centre = Math.floor((n - 1) / 2);
  const median = n % 2 ? sample[centre] : 0.5 * (sample[centre] + sample[centre + 1]);
  const minPixels = Math.max(5, Math.floor(n * 0.5));
  const keep = new Uint8Array(n).fill(1);
  let slope = 0;
  let kept = n;
  for (let iteration = 0; iteration < o.iterations && kept >= minPixels; iteration++) {
    let sx = 0,
      sy = 0,
      sxx = 0,
      sxy = 0;
    for (let i = 0; i < n; i++) {
      if (!keep[i]) continue;
      sx += i;
      sy += sample[i];
      sxx += i * i;
      sxy += i * sample[i];
    }
    const denominator = kept * sxx - sx * sx;
    if (denominator === 0) break;
    slope = (kept * sxy - sx * sy) / denominator;
    const intercept = (sy - slope * sx) / kept;
    let sumSq = 0;
    for (let i = 0; i < n; i++) if (keep[i]) sumSq += (sample[i] - (intercept + slope * i)) ** 2;
    const sigma = Math.sqrt(sumSq / kept);
    let rejected = 0;
    for (let i = 0; i < n; i++) {
      if (keep[i] && Math.abs(sample[i] - (intercept + slope * i)) > o.rejection * sigma) {
        keep[i] = 0;
        rejected++;
      }
    }
    kept -= rejected;
    if (rejected === 0) break;
  }
  if (kept < minPixels) return { z1: zmin, z2: zmax };
  const widened = slope / o.contrast;
  return {
    z1: Math.max(zmin, median - centre * widened),
    z2: Math.min(zmax, median + (n - 1 - centre) * widened),
  };
}
