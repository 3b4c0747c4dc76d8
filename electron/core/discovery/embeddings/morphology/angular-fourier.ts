// Angular structure in rings about the centre: for m = 1..4, the amplitude of the m-th
// Fourier mode of the flux around the ring relative to the ring's total flux (the m = 0
// mode). Lopsidedness shows at m = 1, bars, two-armed spirals and elongation at m = 2,
// three-armed patterns at m = 3, boxy or four-fold structure at m = 4. The amplitudes do not
// change when the image is rotated (a rotation shifts only the phases). The mean at each
// radius is subtracted before the modes are summed: the pixels at one radius of a square
// grid are not spread evenly in angle, and a steep round profile would otherwise show m = 4
// power that is only the grid. Noise alone adds N σ² to each mode's power, which is also
// subtracted, so a smooth round source gives ≈ 0.

export const ANGULAR_MODES = 4;

/** A faint ring's m = 0 flux is floored at this many σ of its own noise, so ratios stay bounded. */
const RING_FLUX_FLOOR_SIGMAS = 3;
/** Width in pixels of the radial bins whose mean is subtracted. */
const MEAN_BIN_WIDTH = 0.5;

// Reused from call to call (one cutout after another on one thread): allocating them per
// cutout made the garbage collector a visible share of the feature time.
let sums = new Float64Array(0);
let binSums = new Float64Array(0);
let binCounts = new Float64Array(0);

/**
 * Writes `ringEdges.length - 1` rings × ANGULAR_MODES amplitudes (ring-major: ring 0's
 * m = 1..4, then ring 1's...) to `out` from `offset`. `radius` holds each pixel's distance
 * from (cx, cy); `image` is sky-subtracted with per-pixel noise `sigma`.
 */
export function angularFourierAmplitudes(
  image: Float32Array,
  size: number,
  cx: number,
  cy: number,
  radius: Float32Array,
  ringEdges: ArrayLike<number>,
  sigma: number,
  out: Float32Array,
  offset: number,
): void {
  const rings = ringEdges.length - 1;
  // Per ring: a0, then (a_m, b_m) for m = 1..4, then the pixel count.
  const stride = 2 + 2 * ANGULAR_MODES;
  if (sums.length < rings * stride) sums = new Float64Array(rings * stride);
  sums.fill(0, 0, rings * stride);
  const inner = ringEdges[0];
  const outer = ringEdges[rings];
  const lo = Math.max(0, Math.floor(Math.min(cx, cy) - outer));
  const hi = Math.min(size - 1, Math.ceil(Math.max(cx, cy) + outer));
  const meanBins = Math.ceil((outer - inner) / MEAN_BIN_WIDTH) + 1;
  if (binSums.length < meanBins) {
    binSums = new Float64Array(meanBins);
    binCounts = new Float64Array(meanBins);
  }
  const binSum = binSums;
  const binCount = binCounts;
  binSum.fill(0, 0, meanBins);
  binCount.fill(0, 0, meanBins);
  for (let y = lo; y <= hi; y++) {
    for (let x = lo; x <= hi; x++) {
      const p = y * size + x;
      const r = radius[p];
      if (r < inner || r >= outer || r === 0) continue;
      const bin = Math.floor((r - inner) / MEAN_BIN_WIDTH);
      binSum[bin] += image[p];
      binCount[bin] += 1;
    }
  }
  for (let bin = 0; bin < meanBins; bin++) if (binCount[bin] > 0) binSum[bin] /= binCount[bin];
  for (let y = lo; y <= hi; y++) {
    for (let x = lo; x <= hi; x++) {
      const p = y * size + x;
      const r = radius[p];
      if (r < inner || r >= outer || r === 0) continue;
      let ring = 0;
      while (r >= ringEdges[ring + 1]) ring++;
      const f = image[p];
      const g = f - binSum[Math.floor((r - inner) / MEAN_BIN_WIDTH)];
      const c1 = (x - cx) / r;
      const s1 = (y - cy) / r;
      // cos mθ and sin mθ by the angle-addition recurrences: no trigonometric calls.
      const c2 = c1 * c1 - s1 * s1;
      const s2 = 2 * c1 * s1;
      const c3 = c2 * c1 - s2 * s1;
      const s3 = s2 * c1 + c2 * s1;
      const c4 = c2 * c2 - s2 * s2;
      const s4 = 2 * c2 * s2;
      const base = ring * stride;
      sums[base] += f;
      sums[base + 1] += g * c1;
      sums[base + 2] += g * s1;
      sums[base + 3] += g * c2;
      sums[base + 4] += g * s2;
      sums[base + 5] += g * c3;
      sums[base + 6] += g * s3;
      sums[base + 7] += g * c4;
      sums[base + 8] += g * s4;
      sums[base + 9] += 1;
    }
  }
  for (let ring = 0; ring < rings; ring++) {
    const base = ring * stride;
    const pixels = sums[base + 9];
    const noisePower = pixels * sigma * sigma;
    const reference = Math.max(sums[base], RING_FLUX_FLOOR_SIGMAS * sigma * Math.sqrt(pixels), 1e-12);
    for (let m = 1; m <= ANGULAR_MODES; m++) {
      const a = sums[base + 2 * m - 1];
      const b = sums[base + 2 * m];
      const power = Math.max(0, a * a + b * b - noisePower);
      out[offset + ring * ANGULAR_MODES + m - 1] = pixels > 0 ? Math.sqrt(power) / reference : 0;
    }
  }
}
