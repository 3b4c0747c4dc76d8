// Instrumental anomalies of the demo spectra: what goes wrong in the data, not in the sky.
// Sky-subtraction residuals (the sky lines scaled and shifted: spikes and P Cygni-like wiggles
// in the red), runs of dead pixels the pipeline did not flag (flux exactly 0, inverse variance
// untouched), and a flux-calibration jump between the blue and red arms.
import type { Random } from '../prng.js';
import type { SpectralGrid } from './spectral-grid.js';

/** A sign and a size: residuals are over- or under-subtractions alike. */
function signed(rng: Random, low: number, high: number): number {
  return (rng.chance(0.5) ? -1 : 1) * rng.uniform(low, high);
}

/**
 * The sky-subtraction residual `lines` leaves when scaled wrongly by `scale` and shifted by
 * `shift` pixels (a wavelength-solution error): residual ≈ scale·S + shift·dS/dpixel.
 */
export function skyResidual(lines: Float64Array, scale: number, shift: number): Float64Array {
  const out = new Float64Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const derivative = 0.5 * ((lines[i + 1] ?? lines[i]) - (lines[i - 1] ?? lines[i]));
    out[i] = scale * lines[i] + shift * derivative;
  }
  return out;
}

/** The small residual every real spectrum carries. */
export function ordinarySkyResidual(lines: Float64Array, rng: Random): Float64Array {
  return skyResidual(lines, rng.gaussian(0, 0.015), rng.gaussian(0, 0.04));
}

/** A badly subtracted sky: residuals of 15–45% of the line flux, often with a shift. */
export function badSkyResidual(lines: Float64Array, rng: Random): Float64Array {
  return skyResidual(lines, signed(rng, 0.15, 0.45), signed(rng, 0.1, 0.6));
}

/** Zeroes 1–3 runs of 15–300 pixels in place, leaving ivar as the pipeline left it. Returns the runs. */
export function killPixelRuns(flux: Float32Array, rng: Random): [start: number, end: number][] {
  const runs: [number, number][] = [];
  const count = rng.int(1, 3);
  for (let k = 0; k < count; k++) {
    const length = Math.round(rng.logUniform(15, 300));
    const start = rng.int(20, Math.max(20, flux.length - length - 20));
    const end = Math.min(flux.length, start + length);
    flux.fill(0, start, end);
    runs.push([start, end]);
  }
  return runs;
}

/**
 * Scales everything redward of the split between the arms by a factor of 0.5–0.75 or
 * 1.35–2, as a bad flux calibration of one arm does; the inverse variance follows.
 * Returns the factor and the first pixel of the red side.
 */
export function applyFluxJump(
  grid: SpectralGrid,
  flux: Float32Array,
  ivar: Float32Array,
  dichroic: number,
  rng: Random,
): { factor: number; pixel: number } {
  const factor = rng.chance(0.5) ? rng.uniform(0.5, 0.75) : rng.uniform(1.35, 2);
  const split = dichroic + rng.uniform(-40, 40);
  let pixel = grid.length;
  for (let i = 0; i < grid.length; i++) {
    if (grid.lambda[i] < split) continue;
    if (pixel === grid.length) pixel = i;
    flux[i] *= factor;
    ivar[i] /= factor * factor;
  }
  return { factor, pixel };
}
