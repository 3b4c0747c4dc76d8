// Augmentations for the contrastive spectrum encoder: two views of one spectrum differ as
// two observations of the same object could — fresh noise at the spectrum's own noise level
// (which varies along the spectrum with sky lines), chunks lost to bad columns or sky
// residuals (masked), a small wavelength shift (calibration, a few hundred km/s), a
// continuum tilt (flux calibration, extinction) and an overall flux scale.
//
// The model input keeps a good-bin mask, not the inverse variance (see the ingest's
// spectrum-model-input.ts), so the noise level is measured from the flux itself: a running
// robust σ of neighbour differences in windows of NOISE_WINDOW bins.
import type { RandomSource } from '../image/astro-augmentations.js';

export interface SpectrumAugmentationSettings {
  /** Largest added noise, as a multiple of the local noise level. */
  maxNoise: number;
  /** Up to this many masked chunks per view, each minChunk..maxChunk bins long. */
  maxChunks: number;
  minChunk: number;
  maxChunk: number;
  /** Largest shift along the grid, in bins. */
  maxShift: number;
  /** Largest continuum tilt: flux × exp(t·x) for x from −1 (blue end) to 1 (red end). */
  maxTilt: number;
  /** Flux scale is log-uniform in [1/maxFluxScale, maxFluxScale]. */
  maxFluxScale: number;
}

export const DEFAULT_SPECTRUM_AUGMENTATIONS: SpectrumAugmentationSettings = {
  maxNoise: 1,
  maxChunks: 3,
  minChunk: 16,
  maxChunk: 96,
  maxShift: 3,
  maxTilt: 0.3,
  maxFluxScale: 1.3,
};

const NOISE_WINDOW = 64;

/** Robust noise σ of the flux channel per window of NOISE_WINDOW bins (good neighbours only); NaN where unknown. */
export function localNoiseLevels(src: Float32Array, length: number, channels: number): Float64Array {
  const windows = Math.ceil(length / NOISE_WINDOW);
  const levels = new Float64Array(windows);
  const diffs = new Float64Array(NOISE_WINDOW);
  for (let w = 0; w < windows; w++) {
    let n = 0;
    for (let k = w * NOISE_WINDOW; k + 1 < Math.min(length, (w + 1) * NOISE_WINDOW + 1); k++) {
      if (channels > 1 && (src[k * channels + 1] === 0 || src[(k + 1) * channels + 1] === 0)) continue;
      diffs[n++] = Math.abs(src[(k + 1) * channels] - src[k * channels]);
    }
    levels[w] = n >= 8 ? diffs.subarray(0, n).sort()[n >> 1] / (0.6745 * Math.SQRT2) : NaN;
  }
  return levels;
}

/** Writes one random view of `src` ([length, channels], flux then mask) into `dst`. */
export function augmentSpectrumView(
  src: Float32Array,
  dst: Float32Array,
  length: number,
  channels: number,
  random: RandomSource,
  settings: SpectrumAugmentationSettings = DEFAULT_SPECTRUM_AUGMENTATIONS,
): void {
  const noise = localNoiseLevels(src, length, channels);
  const shift = Math.round((2 * random.nextFloat() - 1) * settings.maxShift);
  const tilt = (2 * random.nextFloat() - 1) * settings.maxTilt;
  const scale = Math.exp((2 * random.nextFloat() - 1) * Math.log(settings.maxFluxScale));
  const noiseFactor = settings.maxNoise * random.nextFloat();
  for (let k = 0; k < length; k++) {
    const from = k - shift;
    const out = k * channels;
    const inside = from >= 0 && from < length;
    const good = inside && (channels === 1 || src[from * channels + 1] !== 0);
    if (!good) {
      for (let c = 0; c < channels; c++) dst[out + c] = 0;
      continue;
    }
    const x = (2 * k) / (length - 1) - 1;
    const sigma = noise[Math.floor(from / NOISE_WINDOW)];
    const extra = Number.isFinite(sigma) ? noiseFactor * sigma * random.nextGaussian() : 0;
    dst[out] = src[from * channels] * scale * Math.exp(tilt * x) + extra;
    for (let c = 1; c < channels; c++) dst[out + c] = src[from * channels + c];
  }
  const chunks = Math.floor(random.nextFloat() * (settings.maxChunks + 1));
  for (let i = 0; i < chunks; i++) {
    const size = settings.minChunk + Math.floor(random.nextFloat() * (settings.maxChunk - settings.minChunk + 1));
    const start = Math.floor(random.nextFloat() * Math.max(1, length - size));
    for (let k = start; k < Math.min(length, start + size); k++)
      for (let c = 0; c < channels; c++) dst[k * channels + c] = 0;
  }
}
