// Spectra made to order on the optical model grid, for explain's spectrum tests: a continuum
// with Gaussian lines of known flux, evaluated at the bin centres. With σ ≥ 3 Å on ≈ 3 Å bins
// the bin sum of a Gaussian equals its integral to far better than 0.1%.
import {
  SPECTRUM_GRID,
  spectrumGridEdges,
  spectrumGridWavelengths,
} from '../../../../../electron/core/ingest/spectrum-grid.js';

export const EDGES = spectrumGridEdges(SPECTRUM_GRID);
export const WAVELENGTHS = spectrumGridWavelengths(SPECTRUM_GRID);
export const LENGTH = SPECTRUM_GRID.length;

export interface GaussianLine {
  /** Observed centre, Å. */
  at: number;
  /** Integrated flux (flux density × Å); negative for absorption. */
  flux: number;
  /** Observed σ, Å. */
  sigma: number;
}

/** Continuum `continuum(λ)` plus the lines, per bin. */
export function syntheticSpectrum(continuum: (lambda: number) => number, lines: GaussianLine[] = []): Float64Array {
  return Float64Array.from(WAVELENGTHS, (lambda) => {
    let value = continuum(lambda);
    for (const line of lines)
      value +=
        (line.flux / (line.sigma * Math.sqrt(2 * Math.PI))) * Math.exp(-0.5 * ((lambda - line.at) / line.sigma) ** 2);
    return value;
  });
}

/** A [length, 2] model input (flux, good mask) of a spectrum, every bin good. */
export function modelInputOf(flux: ArrayLike<number>): Float32Array {
  const row = new Float32Array(flux.length * 2);
  for (let k = 0; k < flux.length; k++) {
    row[k * 2] = flux[k];
    row[k * 2 + 1] = 1;
  }
  return row;
}
