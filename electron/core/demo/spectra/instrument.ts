// The fibre spectrograph the demo spectra pretend to come from: two arms (blue and red)
// meeting at a dichroic near 6000 Å, a resolving power that grows to the red, and a
// throughput that falls off at both ends, which is why real spectra are noisiest at their
// blue end, around the dichroic and in the far red. Each exposure differs a little.
import type { Random } from '../prng.js';
import { C_KMS, PIXEL_KMS } from './spectral-grid.js';

export interface Instrument {
  /** Resolving power λ/Δλ (FWHM) at 3800 Å and at 9200 Å, linear in between. */
  resolutionBlue: number;
  resolutionRed: number;
  /** Where the blue arm hands over to the red (Å). */
  dichroic: number;
  /** Variance multiplier: shorter exposures or worse conditions are above 1. */
  depth: number;
}

export function drawInstrument(rng: Random): Instrument {
  const scale = rng.uniform(0.9, 1.1);
  return {
    resolutionBlue: 1800 * scale,
    resolutionRed: 2500 * scale,
    dichroic: rng.uniform(5950, 6050),
    depth: rng.logUniform(0.4, 1.8),
  };
}

export function resolvingPower(inst: Instrument, lambda: number): number {
  const t = Math.min(1, Math.max(0, (lambda - 3800) / 5400));
  return inst.resolutionBlue + t * (inst.resolutionRed - inst.resolutionBlue);
}

/** Instrumental Gaussian σ (km/s) at observed `lambda`. */
export function instrumentalSigmaKms(inst: Instrument, lambda: number): number {
  return C_KMS / (2.3548 * resolvingPower(inst, lambda));
}

/** Instrumental σ in pixels: what SDSS calls wdisp. */
export function instrumentalSigmaPixels(inst: Instrument, lambda: number): number {
  return instrumentalSigmaKms(inst, lambda) / PIXEL_KMS;
}

function logistic(x: number): number {
  if (x > 30) return 1;
  if (x < -30) return 0;
  return 1 / (1 + Math.exp(-x));
}

/** Relative throughput (peak ≈ 1) of both arms together at `lambda`. */
export function throughput(inst: Instrument, lambda: number): number {
  const blue =
    Math.exp(-0.5 * ((lambda - 4900) / 850) ** 2) *
    logistic((lambda - 3650) / 60) *
    logistic((inst.dichroic + 20 - lambda) / 30);
  const red = 0.95 * Math.exp(-0.5 * ((lambda - 7300) / 1500) ** 2) * logistic((lambda - inst.dichroic + 20) / 30);
  return blue + red;
}
