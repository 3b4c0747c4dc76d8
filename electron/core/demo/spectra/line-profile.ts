// Putting lines onto a log-λ grid. Emission is integrated over each pixel (a narrow line of
// σ ≈ 1 pixel would otherwise lose or gain flux depending on where it falls), so a line of
// flux F adds exactly F erg/s/cm² to Σ f_λ·Δλ. Absorption adds Gaussian optical depth that
// the caller applies as exp(−τ). Only pixels within a few σ of the centre are touched.
import { C_KMS, LOGLAM_STEP, type SpectralGrid } from './spectral-grid.js';

const HALF_STEP = LOGLAM_STEP / 2;
/** Emission is cut at 6σ (2e-9 of the flux left out), absorption depth at 4σ (3e-4 of the peak). */
const EMISSION_REACH = 6;
const ABSORPTION_REACH = 4;

/** Error function (Abramowitz & Stegun 7.1.26; |error| < 1.5e-7). */
export function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * a);
  const poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t;
  return sign * (1 - poly * Math.exp(-a * a));
}

/** σ in log10 λ of a Gaussian of σ `kms` km/s. */
export function loglamSigma(kms: number): number {
  return kms / (C_KMS * Math.LN10);
}

/** The pixels [lo, hi) of `grid` within `sigmas` σ of `centre` (log10 λ), or null if none. */
function span(grid: SpectralGrid, centre: number, sigma: number, sigmas: number): [number, number] | null {
  const reach = sigmas * sigma + LOGLAM_STEP;
  const lo = Math.max(0, Math.floor((centre - reach - grid.loglam[0]) / LOGLAM_STEP));
  const hi = Math.min(grid.length, Math.ceil((centre + reach - grid.loglam[0]) / LOGLAM_STEP) + 1);
  return lo < hi ? [lo, hi] : null;
}

/**
 * Adds an emission line of total flux `flux` (erg/s/cm², in the spectrum's flux unit × Å),
 * centred at observed wavelength `lambda` (Å), with Gaussian σ `sigmaKms` (km/s), to `out`
 * (f_λ per Å).
 */
export function addEmissionLine(
  out: Float64Array,
  grid: SpectralGrid,
  lambda: number,
  sigmaKms: number,
  flux: number,
): void {
  const centre = Math.log10(lambda);
  const sigma = loglamSigma(sigmaKms);
  const range = span(grid, centre, sigma, EMISSION_REACH);
  if (!range || flux === 0) return;
  const scale = 1 / (Math.SQRT2 * sigma);
  for (let i = range[0]; i < range[1]; i++) {
    const d = grid.loglam[i] - centre;
    const fraction = 0.5 * (erf((d + HALF_STEP) * scale) - erf((d - HALF_STEP) * scale));
    const width = grid.lambda[i] * Math.LN10 * LOGLAM_STEP; // Δλ of this pixel, Å
    out[i] += (flux * fraction) / width;
  }
}

/**
 * Adds Gaussian optical depth to `tau` for an absorption line of rest equivalent width `ew`
 * (Å, small-τ limit) at observed wavelength `lambda`, with σ `sigmaAngstrom` in the
 * observed frame. The equivalent width scales by (1+z) into the observed frame: pass it so.
 */
export function addAbsorptionDepth(
  tau: Float64Array,
  grid: SpectralGrid,
  lambda: number,
  sigmaAngstrom: number,
  ew: number,
): void {
  const centre = Math.log10(lambda);
  const sigma = sigmaAngstrom / (lambda * Math.LN10);
  const range = span(grid, centre, sigma, ABSORPTION_REACH);
  if (!range || ew === 0) return;
  const peak = ew / (Math.sqrt(2 * Math.PI) * sigmaAngstrom);
  const inv = 1 / (2 * sigma * sigma);
  for (let i = range[0]; i < range[1]; i++) {
    const d = grid.loglam[i] - centre;
    tau[i] += peak * Math.exp(-d * d * inv);
  }
}

/** σ (Å) at observed `lambda` of a Gaussian of σ `kms` km/s. */
export function angstromSigma(lambda: number, kms: number): number {
  return (lambda * kms) / C_KMS;
}
