// What each kind of source hands to the observation step: its noise-free spectrum on the
// grid (f_λ in 1e-17 erg/s/cm²/Å, as it arrives at the telescope) and the few numbers a
// pipeline would report with it. Also the shared step from a rest-frame shape to flux.
import type { Instrument } from './instrument.js';
import type { Random } from '../prng.js';
import type { SpectralGrid } from './spectral-grid.js';

export interface SourceModel {
  /** Noise-free f_λ on the grid, 1e-17 erg/s/cm²/Å. */
  flux: Float64Array;
  /** Stellar velocity dispersion (km/s) a pipeline would measure; 0 where none applies. */
  vdisp: number;
  /** SDSS-style subclass, e.g. 'STARFORMING', 'BROADLINE', 'M3'; '' when none. */
  subclass: string;
}

/** Draws a source's noise-free spectrum at redshift `z` through `inst` (resolution only). */
export type SourceGenerator = (grid: SpectralGrid, z: number, rng: Random, inst: Instrument) => SourceModel;

/** Observed wavelength (Å) at which a source's brightness is set: the middle of the r band. */
export const NORMALISE_AT = 6200;

/**
 * Continua are smooth on scales of ≥ 15 Å (the 4000 Å break is the sharpest step), so the
 * shape is evaluated every few pixels (≤ 4 Å apart) and interpolated in between: a quarter
 * of the transcendental calls, which dominate the cost.
 */
const CONTINUUM_STRIDE = 4;

/**
 * f_λ on the grid of a rest-frame `shape` at redshift `z`, scaled so that the observed
 * continuum at 6200 Å is `level`. Returns the flux and the scale applied to `shape`.
 */
export function continuumOnGrid(
  grid: SpectralGrid,
  z: number,
  shape: (rest: number) => number,
  level: number,
): { flux: Float64Array; scale: number } {
  const scale = level / shape(NORMALISE_AT / (1 + z));
  const flux = new Float64Array(grid.length);
  const last = grid.length - 1;
  let previous = scale * shape(grid.lambda[0] / (1 + z));
  flux[0] = previous;
  for (let start = 0; start < last; start += CONTINUUM_STRIDE) {
    const end = Math.min(last, start + CONTINUUM_STRIDE);
    const next = scale * shape(grid.lambda[end] / (1 + z));
    for (let i = start + 1; i <= end; i++) flux[i] = previous + ((next - previous) * (i - start)) / (end - start);
    previous = next;
  }
  return { flux, scale };
}
