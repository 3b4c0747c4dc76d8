// Observing conditions and the sky: per-band seeing and depth drawn for each cutout, the
// noise of a sky-subtracted coadd (Gaussian sky, plus photon noise on bright sources, lightly
// correlated between neighbouring pixels as resampling leaves it), and the occasional smooth
// sky-subtraction residual.
import { arcsecToPixels, type BandTriple, type CutoutImage } from './cutout-image.js';
import { moffatLikePsf, type Psf } from './psf.js';
import type { Random } from './prng.js';

export interface ObservingConditions {
  /** Seeing FWHM per band, arcseconds. */
  seeingArcsec: BandTriple;
  psfs: [Psf, Psf, Psf];
  /** Per-pixel sky noise of the coadd, nanomaggies. */
  skySigma: BandTriple;
  /** Sky brightness that was subtracted, nanomaggies per pixel: with skySigma it fixes the gain. */
  skyLevel: BandTriple;
  /** Mean number of field stars per 100 × 100 pixels. */
  starDensity: number;
}

/** Typical DECaLS coadd per-pixel noise (nanomaggies): 5σ point-source depths near 24.7, 23.9, 23.0. */
const TYPICAL_SKY_SIGMA: BandTriple = [0.0035, 0.007, 0.017];
/** Typical dark-sky brightness per 0.262″ pixel: about 22.0, 21.0 and 18.5 mag/arcsec². */
const TYPICAL_SKY_LEVEL: BandTriple = [0.11, 0.27, 2.7];

/** r-band seeing FWHM range (arcsec) of the survey's coadds. */
export const SEEING_RANGE: [number, number] = [1.0, 1.8];

export function drawObservingConditions(
  rng: Random,
  seeingRange: [number, number] = SEEING_RANGE,
): ObservingConditions {
  // Seeing is worse at shorter wavelengths (∝ λ^−0.2) and varies from exposure to exposure.
  const r = rng.uniform(seeingRange[0], seeingRange[1]);
  const seeingArcsec: BandTriple = [r * rng.uniform(1.03, 1.12), r, r * rng.uniform(0.88, 0.97)];
  const depthFactor = rng.logUniform(0.6, 1.3);
  const skySigma = TYPICAL_SKY_SIGMA.map((s) => s * depthFactor * rng.uniform(0.85, 1.18)) as BandTriple;
  const skyLevel = TYPICAL_SKY_LEVEL.map((s) => s * rng.uniform(0.75, 1.35)) as BandTriple;
  return {
    seeingArcsec,
    psfs: seeingArcsec.map((fwhm) => moffatLikePsf(arcsecToPixels(fwhm))) as [Psf, Psf, Psf],
    skySigma,
    skyLevel,
    starDensity: rng.logUniform(0.6, 6),
  };
}

/**
 * Adds noise in place. Each pixel's variance is sky variance plus source flux over the gain,
 * where gain = skyLevel / skySigma² (the sky itself is Poisson-limited). The unit normals are
 * smoothed with a [¼ ½ ¼] kernel in x and y, then rescaled to unit variance.
 */
export function addNoise(
  image: CutoutImage,
  conditions: ObservingConditions,
  rng: Random,
  scratch?: Float32Array,
): void {
  const { size } = image;
  const n = size * size;
  const normals = scratch && scratch.length >= n ? scratch.subarray(0, n) : new Float32Array(n);
  // [¼ ½ ¼] keeps 3/8 of white-noise variance per axis, (3/8)² over both: undo that.
  const restore = 64 / 9;
  for (let band = 0; band < 3; band++) {
    rng.fillNormal(normals);
    smoothLines(normals, size, 1, size);
    smoothLines(normals, size, size, 1);
    const plane = image.bands[band];
    const sigma2 = conditions.skySigma[band] ** 2;
    const invGain = sigma2 / conditions.skyLevel[band];
    for (let i = 0; i < n; i++) {
      const source = plane[i] > 0 ? plane[i] : 0;
      plane[i] += normals[i] * Math.sqrt(restore * (sigma2 + source * invGain));
    }
  }
}

/** Applies [¼ ½ ¼] along lines: `step` between samples, `lineStride` between lines. */
function smoothLines(values: Float32Array, size: number, step: number, lineStride: number): void {
  for (let line = 0; line < size; line++) {
    const start = line * lineStride;
    let previous = values[start];
    for (let k = 0; k < size; k++) {
      const at = start + k * step;
      const current = values[at];
      const next = k + 1 < size ? values[at + step] : current;
      values[at] = 0.25 * previous + 0.5 * current + 0.25 * next;
      previous = current;
    }
  }
}

/** A residual plane from imperfect sky subtraction: a gentle tilt, similar in every band. */
export function addSkyGradient(image: CutoutImage, conditions: ObservingConditions, rng: Random): void {
  const { size } = image;
  const angle = rng.uniform(0, 2 * Math.PI);
  const strength = rng.uniform(0.6, 2); // sky sigmas from one side to the other
  const cosA = Math.cos(angle);
  const sinA = Math.sin(angle);
  const half = (size - 1) / 2;
  for (let band = 0; band < 3; band++) {
    const plane = image.bands[band];
    const amplitude = strength * conditions.skySigma[band] * rng.uniform(0.8, 1.2);
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        plane[y * size + x] += (amplitude * ((x - half) * cosA + (y - half) * sinA)) / size;
      }
    }
  }
}
