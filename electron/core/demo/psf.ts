// The seeing: a Moffat (β = 3) point-spread function approximated by the sum of two
// concentric Gaussians, because two separable blurs cost O(N·k) where a true 2-D Moffat
// kernel costs O(N·k²). The weights and widths below were least-squares fitted to a β = 3
// Moffat of unit FWHM (area-weighted); the fit matches its enclosed flux within 2% out to
// 2 FWHM. Point sources are drawn from the same analytic profile after the blur, so stars
// and galaxies share one PSF and stars just off the frame still throw light into it.
import type { CutoutImage } from './cutout-image.js';

const CORE_WEIGHT = 0.49;
const CORE_SIGMA_PER_FWHM = 0.3887;
const WING_SIGMA_PER_FWHM = 0.7733;
/** The core kernel is cut at this many sigma and renormalised; the wing carries the rest. */
const KERNEL_REACH_SIGMA = 2.5;

export interface Psf {
  /** Full width at half maximum, pixels. */
  fwhm: number;
  coreSigma: number;
  wingSigma: number;
  coreWeight: number;
}

export function moffatLikePsf(fwhmPixels: number): Psf {
  return {
    fwhm: fwhmPixels,
    coreSigma: CORE_SIGMA_PER_FWHM * fwhmPixels,
    wingSigma: WING_SIGMA_PER_FWHM * fwhmPixels,
    coreWeight: CORE_WEIGHT,
  };
}

/** PSF surface density (per pixel, integrating to 1) at offset (dx, dy) pixels. */
export function psfValue(psf: Psf, dx: number, dy: number): number {
  const rr = dx * dx + dy * dy;
  const sc2 = psf.coreSigma * psf.coreSigma;
  const sw2 = psf.wingSigma * psf.wingSigma;
  return (
    (psf.coreWeight / (2 * Math.PI * sc2)) * Math.exp(-rr / (2 * sc2)) +
    ((1 - psf.coreWeight) / (2 * Math.PI * sw2)) * Math.exp(-rr / (2 * sw2))
  );
}

/** Radius (px) beyond which the PSF holds a negligible share of a point source's light. */
export function psfReach(psf: Psf): number {
  return Math.ceil(3 * psf.wingSigma);
}

function gaussianKernel(sigma: number): Float64Array {
  const radius = Math.max(1, Math.ceil(KERNEL_REACH_SIGMA * sigma));
  const kernel = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const value = Math.exp(-(i * i) / (2 * sigma * sigma));
    kernel[i + radius] = value;
    sum += value;
  }
  for (let i = 0; i < kernel.length; i++) kernel[i] /= sum;
  return kernel;
}

/**
 * Horizontal convolution of every row from `src` into `dst`. Samples beyond the ends repeat
 * the edge value: the sky continues past a cutout's border, and repeating the edge is closer
 * to that than padding with zeros.
 */
function convolveRows(
  src: Float32Array,
  dst: Float32Array,
  size: number,
  kernel: Float64Array,
  padded: Float64Array,
): void {
  const radius = (kernel.length - 1) >> 1;
  const taps = kernel.length;
  for (let y = 0; y < size; y++) {
    const start = y * size;
    for (let k = 0; k < radius; k++) padded[k] = src[start];
    for (let k = 0; k < size; k++) padded[radius + k] = src[start + k];
    for (let k = 0; k < radius; k++) padded[radius + size + k] = src[start + size - 1];
    for (let k = 0; k < size; k++) {
      let sum = 0;
      for (let t = 0; t < taps; t++) sum += padded[k + t] * kernel[t];
      dst[start + k] = sum;
    }
  }
}

/**
 * Widths of `passes` successive box blurs whose combined variance matches a Gaussian of
 * `sigma` (Kutskir's "boxes for Gauss": odd widths w and w + 2 mixed to hit the variance).
 */
export function boxWidthsForGaussian(sigma: number, passes = 3): number[] {
  const ideal = Math.sqrt((12 * sigma * sigma) / passes + 1);
  let lower = Math.floor(ideal);
  if (lower % 2 === 0) lower--;
  lower = Math.max(1, lower);
  const upper = lower + 2;
  const lowerCount = Math.round(
    (12 * sigma * sigma - passes * lower * lower - 4 * passes * lower - 3 * passes) / (-4 * lower - 4),
  );
  return Array.from({ length: passes }, (_, i) => (i < lowerCount ? lower : upper));
}

/** Running-sum box blur of every row in place (edge values repeated), O(size) for any width. */
function boxBlurRows(values: Float32Array, size: number, width: number, padded: Float64Array): void {
  const radius = (width - 1) >> 1;
  if (radius === 0) return;
  const norm = 1 / width;
  for (let y = 0; y < size; y++) {
    const start = y * size;
    for (let k = 0; k < radius; k++) padded[k] = values[start];
    for (let k = 0; k < size; k++) padded[radius + k] = values[start + k];
    for (let k = 0; k < radius; k++) padded[radius + size + k] = values[start + size - 1];
    let sum = 0;
    for (let k = 0; k < width; k++) sum += padded[k];
    for (let k = 0; k < size; k++) {
      values[start + k] = sum * norm;
      if (k + 1 < size) sum += padded[k + width] - padded[k];
    }
  }
}

/**
 * Vertical convolution done row by row, so the inner loop walks memory in order rather than
 * striding down columns. Rows beyond the edges repeat the edge row.
 */
function convolveColumns(
  src: Float32Array,
  dst: Float32Array,
  size: number,
  kernel: Float64Array,
  weight: number,
): void {
  const radius = (kernel.length - 1) >> 1;
  for (let y = 0; y < size; y++) {
    const out = y * size;
    for (let t = 0; t < kernel.length; t++) {
      const row = Math.min(size - 1, Math.max(0, y + t - radius)) * size;
      const w = kernel[t] * weight;
      if (t === 0) for (let x = 0; x < size; x++) dst[out + x] = w * src[row + x];
      else for (let x = 0; x < size; x++) dst[out + x] += w * src[row + x];
    }
  }
}

/** Vertical running-sum box blur from `src` into `dst` (distinct buffers), rows clamped. */
function boxBlurColumns(src: Float32Array, dst: Float32Array, size: number, width: number, sums: Float64Array): void {
  const radius = (width - 1) >> 1;
  const norm = 1 / width;
  sums.fill(0, 0, size);
  for (let t = -radius; t <= radius; t++) {
    const row = Math.min(size - 1, Math.max(0, t)) * size;
    for (let x = 0; x < size; x++) sums[x] += src[row + x];
  }
  for (let y = 0; y < size; y++) {
    const out = y * size;
    for (let x = 0; x < size; x++) dst[out + x] = sums[x] * norm;
    const enter = Math.min(size - 1, y + radius + 1) * size;
    const leave = Math.max(0, y - radius) * size;
    for (let x = 0; x < size; x++) sums[x] += src[enter + x] - src[leave + x];
  }
}

/**
 * Reusable buffers so a thread convolving thousands of cutouts does not churn the heap.
 * The narrow core is convolved exactly; the broad wing, which only has to be smooth, by three
 * box blurs, whose cost does not grow with the seeing.
 */
export class PsfConvolver {
  private wing = new Float32Array(0);
  private scratch = new Float32Array(0);
  private padded = new Float64Array(0);
  private kernels = new Map<number, Float64Array>();

  private kernelFor(sigma: number): Float64Array {
    const key = Math.round(sigma * 1000);
    let kernel = this.kernels.get(key);
    if (!kernel) {
      kernel = gaussianKernel(key / 1000);
      if (this.kernels.size > 512) this.kernels.clear();
      this.kernels.set(key, kernel);
    }
    return kernel;
  }

  /** Replaces `plane` (size × size) by its convolution with `psf`. */
  convolve(plane: Float32Array, size: number, psf: Psf): void {
    const n = size * size;
    if (this.scratch.length < n) {
      this.scratch = new Float32Array(n);
      this.wing = new Float32Array(n);
    }
    const core = this.kernelFor(psf.coreSigma);
    const boxes = boxWidthsForGaussian(psf.wingSigma);
    const padLength = size + Math.max(core.length, boxes[boxes.length - 1]);
    if (this.padded.length < padLength) this.padded = new Float64Array(padLength);
    const wing = this.wing.subarray(0, n);
    const scratch = this.scratch.subarray(0, n);
    wing.set(plane.subarray(0, n));
    for (const width of boxes) {
      boxBlurRows(wing, size, width, this.padded);
      boxBlurColumns(wing, scratch, size, width, this.padded);
      wing.set(scratch);
    }
    convolveRows(plane, scratch, size, core, this.padded);
    convolveColumns(scratch, plane, size, core, psf.coreWeight);
    const wingWeight = 1 - psf.coreWeight;
    for (let i = 0; i < n; i++) plane[i] += wingWeight * wing[i];
  }
}

/** Adds a point source of flux `flux` at (x, y) to one band, evaluated out to `reach` px. */
export function addPointSource(
  image: CutoutImage,
  band: number,
  psf: Psf,
  x: number,
  y: number,
  flux: number,
  reach = psfReach(psf),
): void {
  const { size } = image;
  const plane = image.bands[band];
  const x0 = Math.max(0, Math.floor(x - reach));
  const x1 = Math.min(size - 1, Math.ceil(x + reach));
  const y0 = Math.max(0, Math.floor(y - reach));
  const y1 = Math.min(size - 1, Math.ceil(y + reach));
  for (let py = y0; py <= y1; py++) {
    for (let px = x0; px <= x1; px++) plane[py * size + px] += flux * psfValue(psf, px - x, py - y);
  }
}
