// Light-distribution statistics (Lotz, Primack & Madau 2004) over the galaxy's pixels brighter
// than its surface brightness at the Petrosian radius (statmorph's choice: it does not
// depend on how deep the detection threshold reaches into the noise). Gini is
// the inequality of pixel fluxes: 0 when every pixel is equally bright, 1 when one pixel
// holds all the light. M20 is the log of the second moment of the brightest 20 % of the
// light relative to the total second moment about the centroid: near −2.5 for a smooth
// concentrated bulge, above −1.5 for bright clumps spread across a disc or a merger.

import { sortInPlace } from '../../../util/order-statistics.js';

/** M20 is clamped to this range: degenerate segments (one pixel, no positive flux) have no finite log. */
const M20_FLOOR = -4;
const M20_CEILING = 0;
const BRIGHTEST_FRACTION = 0.2;

export interface GiniM20 {
  gini: number;
  m20: number;
}

/**
 * Gini and M20 of image[pixels[0..count)]; `sorted` is scratch holding ≥ count values. The
 * second moments are taken about the pixels' centroid, which is where their total is least.
 */
export function giniAndM20(
  image: Float32Array,
  size: number,
  pixels: Int32Array,
  count: number,
  sorted: Float32Array,
): GiniM20 {
  if (count < 2) return { gini: 0, m20: M20_FLOOR };
  let positive = 0;
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < count; i++) {
    const p = pixels[i];
    const f = image[p];
    sorted[i] = Math.abs(f);
    if (f > 0) {
      const x = p % size;
      positive += f;
      sumX += f * x;
      sumY += f * ((p - x) / size);
    }
  }
  const cx = positive > 0 ? sumX / positive : 0;
  const cy = positive > 0 ? sumY / positive : 0;
  let secondMoment = 0;
  for (let i = 0; i < count; i++) {
    const p = pixels[i];
    const f = image[p];
    if (f > 0) {
      const x = p % size;
      secondMoment += f * ((x - cx) ** 2 + ((p - x) / size - cy) ** 2);
    }
  }
  sortInPlace(sorted, 0, count);
  const values = sorted;
  let weighted = 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    weighted += (2 * (i + 1) - count - 1) * values[i];
    total += values[i];
  }
  const gini = total > 0 ? Math.min(1, Math.max(0, weighted / (total * (count - 1)))) : 0;

  if (!(positive > 0) || !(secondMoment > 0)) return { gini, m20: M20_FLOOR };
  // Walk down from the brightest pixel until a fifth of the light is gathered.
  let gathered = 0;
  let threshold = values[count - 1];
  for (let i = count - 1; i >= 0 && gathered < BRIGHTEST_FRACTION * positive; i--) {
    gathered += values[i];
    threshold = values[i];
  }
  let brightMoment = 0;
  for (let i = 0; i < count; i++) {
    const p = pixels[i];
    const f = image[p];
    if (f >= threshold && f > 0) {
      const x = p % size;
      brightMoment += f * ((x - cx) ** 2 + ((p - x) / size - cy) ** 2);
    }
  }
  const m20 = brightMoment > 0 ? Math.log10(brightMoment / secondMoment) : M20_FLOOR;
  return { gini, m20: Math.min(M20_CEILING, Math.max(M20_FLOOR, m20)) };
}
