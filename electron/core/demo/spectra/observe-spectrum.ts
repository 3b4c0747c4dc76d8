// Turns a source's noise-free spectrum into what a fibre spectrograph's pipeline writes:
// telluric residues, the sky's photons and the read noise set the variance (scaled by the
// throughput, so the blue end, the dichroic and the sky lines are noisy), Gaussian noise is
// drawn from it, a few pixels are rejected (and_mask set, ivar 0), and any instrumental
// anomaly is applied on top.
import { selectKth } from '../../util/order-statistics.js';
import type { Random } from '../prng.js';
import { instrumentalSigmaPixels, throughput, type Instrument } from './instrument.js';
import { TELLURIC_BANDS } from './line-lists.js';
import { PIXEL_MASK } from './pixel-mask.js';
import { drawSkyScales, skyFor } from './sky-model.js';
import type { SpectralGrid } from './spectral-grid.js';
import { applyFluxJump, badSkyResidual, killPixelRuns, ordinarySkyResidual } from './spectrum-artefacts.js';

export type InstrumentalArtefact = 'sky_residual' | 'dead_pixels' | 'flux_jump';

export interface ObservedSpectrum {
  /** f_λ, 1e-17 erg/s/cm²/Å. */
  flux: Float32Array;
  /** 1/σ² of flux; 0 where and_mask is set. */
  ivar: Float32Array;
  andMask: Int32Array;
  orMask: Int32Array;
  /** Instrumental σ in pixels. */
  wdisp: Float32Array;
  /** The sky that was subtracted, same unit as flux. */
  sky: Float32Array;
  /** The noise-free source after telluric residues: the truth behind `flux`. */
  model: Float32Array;
  /** Median S/N per pixel over unmasked pixels. */
  snMedian: number;
}

/** Variance (per pixel, flux unit²) from read noise, sky and source photons, before throughput. */
const READ_VARIANCE = 0.02;
const SKY_GAIN = 0.03;
const SOURCE_GAIN = 0.015;

function tellurics(lambda: number, strength: number): number {
  let kept = 1;
  for (const band of TELLURIC_BANDS) {
    const d = (lambda - band.lambda) / band.sigma;
    if (d > -5 && d < 5) kept *= 1 - strength * band.depth * Math.exp(-0.5 * d * d);
  }
  return kept;
}

function median(values: Float64Array): number {
  return values.length === 0 ? 0 : selectKth(values, values.length >> 1);
}

/** Marks pixels no exposure could use: ragged ends (NODATA) and short rejected runs. */
function rejectPixels(andMask: Int32Array, rng: Random): void {
  const n = andMask.length;
  if (rng.chance(0.35)) andMask.fill(PIXEL_MASK.NODATA, 0, rng.int(1, 12));
  if (rng.chance(0.35)) andMask.fill(PIXEL_MASK.NODATA, n - rng.int(1, 12), n);
  const runs = rng.poisson(1.3);
  for (let k = 0; k < runs; k++) {
    const start = rng.int(0, n - 1);
    const bits = rng.chance(0.5)
      ? PIXEL_MASK.COMBINEREJ | PIXEL_MASK.FULLREJECT
      : PIXEL_MASK.FULLREJECT | PIXEL_MASK.NEARBADPIXEL;
    const end = Math.min(n, start + rng.int(1, 5));
    for (let i = start; i < end; i++) andMask[i] |= bits;
  }
}

export function observeSpectrum(
  grid: SpectralGrid,
  source: Float64Array,
  inst: Instrument,
  rng: Random,
  artefact: InstrumentalArtefact | null,
): ObservedSpectrum {
  const n = grid.length;
  const { sky, lines } = skyFor(grid, drawSkyScales(rng));
  const residual = artefact === 'sky_residual' ? badSkyResidual(lines, rng) : ordinarySkyResidual(lines, rng);
  const telluricStrength = rng.uniform(0.3, 1.5);
  const model = new Float32Array(n);
  const flux = new Float32Array(n);
  const ivar = new Float32Array(n);
  const wdisp = new Float32Array(n);
  const noise = new Float32Array(n);
  rng.fillNormal(noise);
  for (let i = 0; i < n; i++) {
    const lambda = grid.lambda[i];
    const truth = source[i] * tellurics(lambda, telluricStrength);
    const t = throughput(inst, lambda);
    const variance = (inst.depth * (READ_VARIANCE + SKY_GAIN * sky[i] + SOURCE_GAIN * Math.max(0, truth))) / (t * t);
    model[i] = truth;
    flux[i] = truth + residual[i] + Math.sqrt(variance) * noise[i];
    ivar[i] = 1 / variance;
    wdisp[i] = instrumentalSigmaPixels(inst, lambda);
  }

  const andMask = new Int32Array(n);
  const orMask = new Int32Array(n);
  rejectPixels(andMask, rng);
  for (let i = 0; i < n; i++) {
    if (andMask[i] !== 0) {
      ivar[i] = 0;
      // Rejected pixels carry the interpolated model (as SDSS's combine leaves them); no data is 0.
      flux[i] = andMask[i] & PIXEL_MASK.NODATA ? 0 : model[i];
    }
    orMask[i] = andMask[i];
    if (lines[i] > 3 * (sky[i] - lines[i])) orMask[i] |= PIXEL_MASK.BRIGHTSKY;
  }
  for (let k = rng.poisson(4); k > 0; k--) orMask[rng.int(0, n - 1)] |= PIXEL_MASK.PARTIALREJECT;

  if (artefact === 'dead_pixels') killPixelRuns(flux, rng);
  if (artefact === 'flux_jump') applyFluxJump(grid, flux, ivar, inst.dichroic, rng);

  const sn = new Float64Array(n);
  let good = 0;
  for (let i = 0; i < n; i++) if (ivar[i] > 0) sn[good++] = flux[i] * Math.sqrt(ivar[i]);
  return {
    flux,
    ivar,
    andMask,
    orMask,
    wdisp,
    sky: Float32Array.from(sky),
    model,
    snMedian: median(sn.subarray(0, good)),
  };
}
