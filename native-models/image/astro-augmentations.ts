// Augmentations for the contrastive encoder, chosen so that two views of one galaxy differ
// only in ways that say nothing about what the galaxy is: its orientation on the sky (90°
// rotations and flips), where the cutout was centred (small shifts and crops), the noise
// of the exposure (Gaussian, at the image's own noise level), the seeing (PSF blur), and its
// brightness and colour (overall flux scaling and a reddening that mimics dust extinction).
//
// Model inputs are asinh((x − median)/σ) per band (see the ingest's model-input.ts), so
// flux-like operations (scaling, blur, noise) happen on sinh(v) in units of the noise σ and
// the result is stretched back with asinh.

export interface RandomSource {
  /** Uniform in [0, 1). */
  nextFloat(): number;
  nextGaussian(): number;
}

export interface AugmentationSettings {
  /** Largest shift of the centre, in pixels. */
  maxShift: number;
  /** Largest zoom in (crop then resize back): 1.15 crops up to 13% of the side. */
  maxZoom: number;
  /** Chance of a PSF blur, and its largest Gaussian σ in pixels. */
  blurChance: number;
  maxBlurSigma: number;
  /** Largest added noise, as a multiple of the image's own noise level per band. */
  maxNoise: number;
  /** Overall flux scale is log-uniform in [1/maxFluxScale, maxFluxScale]. */
  maxFluxScale: number;
  /** Largest colour excess E(B−V) of the simulated reddening. */
  maxReddening: number;
  /**
   * Chance of a display stretch, a·asinh(f/a) with the softening a log-uniform in
   * [minSoftening, 50]σ: survey PNG/JPEG cutouts arrive already stretched (and clipped),
   * FITS do not, and the representation should not tell the two apart by that alone.
   */
  stretchChance: number;
  minSoftening: number;
}

export const DEFAULT_AUGMENTATIONS: AugmentationSettings = {
  maxShift: 3,
  maxZoom: 1.15,
  blurChance: 0.5,
  maxBlurSigma: 1.0,
  maxNoise: 1.0,
  maxFluxScale: 1.4,
  maxReddening: 0.08,
  stretchChance: 0.5,
  minSoftening: 2,
};
const MAX_SOFTENING = 50;

// A_band / E(B−V) for DECam g, r, z (Schlafly & Finkbeiner 2011): bluer bands dim more.
const EXTINCTION_GRZ = [3.214, 2.165, 1.211];

function extinctionCoefficients(bands: number): number[] {
  if (bands === EXTINCTION_GRZ.length) return EXTINCTION_GRZ;
  // Unknown bands: assume they run blue to red and spread the same range across them.
  return Array.from({ length: bands }, (_, b) => (bands === 1 ? 2.2 : 3.2 - (2 * b) / (bands - 1)));
}

/** Reflects an index into [0, n): cutouts continue past their edge with sky, and mirroring keeps its texture. */
function reflect(i: number, n: number): number {
  if (n === 1) return 0;
  const period = 2 * (n - 1);
  let k = Math.abs(i) % period;
  if (k >= n) k = period - k;
  return k;
}

/**
 * Resamples `src` (HWC) into `dst` through a dihedral transform, zoom and shift about the
 * centre, bilinearly, returning linear flux sinh(v).
 */
function geometricFlux(
  src: Float32Array,
  dst: Float32Array,
  size: number,
  bands: number,
  random: RandomSource,
  settings: AugmentationSettings,
): void {
  const dihedral = Math.floor(random.nextFloat() * 8);
  const flip = dihedral >= 4 ? -1 : 1;
  const quarter = dihedral % 4;
  const cos = [1, 0, -1, 0][quarter];
  const sin = [0, 1, 0, -1][quarter];
  const zoom = 1 + (settings.maxZoom - 1) * random.nextFloat();
  const shiftX = (2 * random.nextFloat() - 1) * settings.maxShift;
  const shiftY = (2 * random.nextFloat() - 1) * settings.maxShift;
  const centre = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const dx = (x - centre) / zoom;
      const dy = (y - centre) / zoom;
      const u = centre + flip * (cos * dx - sin * dy) + shiftX;
      const v = centre + (sin * dx + cos * dy) + shiftY;
      const u0 = Math.floor(u);
      const v0 = Math.floor(v);
      const fu = u - u0;
      const fv = v - v0;
      const xa = reflect(u0, size);
      const xb = reflect(u0 + 1, size);
      const ya = reflect(v0, size);
      const yb = reflect(v0 + 1, size);
      const out = (y * size + x) * bands;
      for (let b = 0; b < bands; b++) {
        const p00 = src[(ya * size + xa) * bands + b];
        const p01 = src[(ya * size + xb) * bands + b];
        const p10 = src[(yb * size + xa) * bands + b];
        const p11 = src[(yb * size + xb) * bands + b];
        const value = (1 - fv) * ((1 - fu) * p00 + fu * p01) + fv * ((1 - fu) * p10 + fu * p11);
        dst[out + b] = Math.sinh(value);
      }
    }
  }
}

/** Separable Gaussian blur of HWC flux in place, σ in pixels (through `scratch`). */
function gaussianBlur(flux: Float32Array, scratch: Float32Array, size: number, bands: number, sigma: number): void {
  const radius = Math.max(1, Math.ceil(2.5 * sigma));
  const weights = new Float64Array(2 * radius + 1);
  let total = 0;
  for (let k = -radius; k <= radius; k++) total += weights[k + radius] = Math.exp((-0.5 * k * k) / (sigma * sigma));
  for (let k = 0; k < weights.length; k++) weights[k] /= total;
  // Reflected coordinates of x + k for x in [0, size), k in [−radius, radius], looked up once.
  const folded = Int32Array.from({ length: size + 2 * radius }, (_, i) => reflect(i - radius, size));
  const taps = weights.length;
  const pass = (from: Float32Array, to: Float32Array, horizontal: boolean): void => {
    const step = horizontal ? bands : size * bands;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const along = horizontal ? x : y;
        const base = horizontal ? y * size * bands : x * bands;
        for (let b = 0; b < bands; b++) {
          let sum = 0;
          for (let k = 0; k < taps; k++) sum += weights[k] * from[base + folded[along + k] * step + b];
          to[(y * size + x) * bands + b] = sum;
        }
      }
    }
  };
  pass(flux, scratch, true);
  pass(scratch, flux, false);
}

/** Pixel pairs that the noise estimate looks at, per band: plenty for a median, cheap to sort. */
const NOISE_PAIRS = 1024;

/**
 * Robust noise σ of each band of HWC model input `values` (asinh-stretched; measured on
 * sinh(v), i.e. flux), from the median absolute difference of horizontal neighbours at up
 * to NOISE_PAIRS evenly spread places.
 */
export function bandNoiseLevels(values: Float32Array, size: number, bands: number): Float64Array {
  const levels = new Float64Array(bands);
  const pairs = size * (size - 1);
  const stride = Math.max(1, Math.floor(pairs / NOISE_PAIRS));
  const diffs = new Float64Array(Math.ceil(pairs / stride));
  for (let b = 0; b < bands; b++) {
    let n = 0;
    for (let p = 0; p < pairs; p += stride) {
      const y = Math.floor(p / (size - 1));
      const x = p % (size - 1);
      const at = (y * size + x) * bands + b;
      diffs[n++] = Math.abs(Math.sinh(values[at + bands]) - Math.sinh(values[at]));
    }
    const sorted = diffs.subarray(0, n).sort();
    // |a − b| of two N(0, σ²) has median 0.6745·√2·σ.
    levels[b] = sorted[n >> 1] / (0.6745 * Math.SQRT2);
  }
  return levels;
}

/** Views drawn by `augmentView` need these scratch buffers; one set per thread, reused. */
export class AugmentationScratch {
  readonly flux: Float32Array;
  readonly blur: Float32Array;
  constructor(
    readonly size: number,
    readonly bands: number,
  ) {
    this.flux = new Float32Array(size * size * bands);
    this.blur = new Float32Array(size * size * bands);
  }
}

/**
 * Writes one random view of `src` (one HWC model input) into `dst`. With `geometryOnly`,
 * also writes the same view before any photometric change (blur, scaling, reddening,
 * noise, stretch): the clean target a denoising autoencoder learns to recover.
 */
export function augmentView(
  src: Float32Array,
  dst: Float32Array,
  scratch: AugmentationScratch,
  random: RandomSource,
  settings: AugmentationSettings = DEFAULT_AUGMENTATIONS,
  geometryOnly?: Float32Array,
): void {
  const { size, bands, flux } = scratch;
  const noise = bandNoiseLevels(src, size, bands);
  geometricFlux(src, flux, size, bands, random, settings);
  if (geometryOnly) for (let k = 0; k < flux.length; k++) geometryOnly[k] = Math.asinh(flux[k]);
  if (random.nextFloat() < settings.blurChance)
    gaussianBlur(flux, scratch.blur, size, bands, 0.3 + (settings.maxBlurSigma - 0.3) * random.nextFloat());
  const logScale = Math.log(settings.maxFluxScale);
  const scale = Math.exp((2 * random.nextFloat() - 1) * logScale);
  const reddening = settings.maxReddening * random.nextFloat();
  const coefficients = extinctionCoefficients(bands);
  const bandScale = coefficients.map((k) => scale * 10 ** (-0.4 * reddening * k));
  const noiseScale = Array.from(noise, (level) => settings.maxNoise * random.nextFloat() * level);
  const stretched = random.nextFloat() < settings.stretchChance;
  const softening =
    settings.minSoftening * Math.exp(random.nextFloat() * Math.log(MAX_SOFTENING / settings.minSoftening));
  for (let i = 0; i < size * size; i++) {
    for (let b = 0; b < bands; b++) {
      const k = i * bands + b;
      const value = flux[k] * bandScale[b] + noiseScale[b] * random.nextGaussian();
      dst[k] = Math.asinh(stretched ? softening * Math.asinh(value / softening) : value);
    }
  }
}
