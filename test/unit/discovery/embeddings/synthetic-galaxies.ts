// Synthetic galaxy cutouts with known shapes, for the embedding tests and the embedding
// benchmark: Sérsic profiles with a chosen axis ratio, optional spiral arms and a bar,
// per-band flux ratios, and Gaussian sky noise of σ = 1 per band, turned into model inputs
// the way ingest does (asinh of flux in units of σ).
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';

export interface GalaxySpec {
  size?: number;
  bands?: number;
  /** Total flux of the band-1 (reference) image, in units of the per-pixel sky σ. */
  flux: number;
  /** Half-light-like scale radius along the major axis, in pixels. */
  radius: number;
  /** Sérsic index: 0.5 is a Gaussian, 1 an exponential disc, 4 de Vaucouleurs. */
  sersic?: number;
  /** Minor-to-major axis ratio b/a. */
  axisRatio?: number;
  /** Position angle of the major axis, radians. */
  angle?: number;
  /**
   * Logarithmic spiral arms: count (m), amplitude (0..1) and winding (radians per e-fold of radius; 0 = straight
   * spokes).
   */
  arms?: { count: number; amplitude: number; winding: number };
  /** A bar: length (pixels, semi-major), axis ratio and flux fraction of the total. */
  bar?: { length: number; axisRatio: number; fraction: number };
  /** Flux ratio of each band to the reference (default all 1). */
  bandRatios?: number[];
  /** Offset of the centre from the frame centre, pixels. */
  offsetX?: number;
  offsetY?: number;
  /** Sky noise σ per band (default 1, as the model input normalisation implies). */
  noise?: number;
  seed?: number;
}

/** Unnormalised surface brightness of a Sérsic profile at elliptical radius `r`. */
function sersic(r: number, radius: number, index: number): number {
  // b_n ≈ 2n − 1/3 makes `radius` the half-light radius (Ciotti & Bertin); fine for n ≥ 0.5.
  const bn = 2 * index - 1 / 3;
  return Math.exp(-bn * (Math.pow(r / radius, 1 / index) - 1));
}

/** Linear flux, size×size×bands HWC, including noise. */
export function galaxyFlux(spec: GalaxySpec): Float32Array {
  const size = spec.size ?? 64;
  const bands = spec.bands ?? 3;
  const index = spec.sersic ?? 1;
  const q = spec.axisRatio ?? 1;
  const angle = spec.angle ?? 0;
  const cx = (size - 1) / 2 + (spec.offsetX ?? 0);
  const cy = (size - 1) / 2 + (spec.offsetY ?? 0);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const plane = new Float64Array(size * size);
  const bar = new Float64Array(size * size);
  let planeSum = 0;
  let barSum = 0;
  // 3×3 sub-pixel sampling keeps compact profiles from depending on where the centre falls.
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let value = 0;
      let barValue = 0;
      for (let sy = -1; sy <= 1; sy++) {
        for (let sx = -1; sx <= 1; sx++) {
          const dx = x + sx / 3 - cx;
          const dy = y + sy / 3 - cy;
          const u = dx * cos + dy * sin;
          const v = -dx * sin + dy * cos;
          const r = Math.sqrt(u * u + (v / q) * (v / q));
          let s = sersic(r, spec.radius, index);
          if (spec.arms && r > 0) {
            const theta = Math.atan2(v, u);
            const phase = spec.arms.count * (theta - spec.arms.winding * Math.log(r + 1));
            s *= 1 + spec.arms.amplitude * Math.cos(phase);
          }
          value += s;
          if (spec.bar) {
            const rb = Math.sqrt((u / spec.bar.length) ** 2 + (v / (spec.bar.length * spec.bar.axisRatio)) ** 2);
            barValue += Math.exp(-0.5 * (rb * 3) ** 2);
          }
        }
      }
      plane[y * size + x] = value;
      bar[y * size + x] = barValue;
      planeSum += value;
      barSum += barValue;
    }
  }
  const barFraction = spec.bar ? spec.bar.fraction : 0;
  const rng = new SeededRandom(spec.seed ?? 1);
  const noise = spec.noise ?? 1;
  const ratios = spec.bandRatios ?? new Array(bands).fill(1);
  const out = new Float32Array(size * size * bands);
  for (let p = 0; p < size * size; p++) {
    const reference =
      spec.flux * ((1 - barFraction) * (plane[p] / planeSum) + (barSum > 0 ? barFraction * (bar[p] / barSum) : 0));
    for (let b = 0; b < bands; b++) out[p * bands + b] = reference * ratios[b] + noise * rng.nextGaussian();
  }
  return out;
}

/** The model input of linear flux in σ units: asinh per value, as ingest stores it. */
export function toModelInput(flux: Float32Array): Float32Array {
  const out = new Float32Array(flux.length);
  for (let i = 0; i < flux.length; i++) out[i] = Math.asinh(flux[i]);
  return out;
}

export function galaxyInput(spec: GalaxySpec): Float32Array {
  return toModelInput(galaxyFlux(spec));
}

/** The frame turned by 90° (counter-clockwise in array coordinates): (x, y) → (y, size − 1 − x). */
export function rotate90(input: Float32Array, size: number, bands: number): Float32Array {
  const out = new Float32Array(input.length);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const target = ((size - 1 - x) * size + y) * bands;
      for (let b = 0; b < bands; b++) out[target + b] = input[(y * size + x) * bands + b];
    }
  }
  return out;
}
