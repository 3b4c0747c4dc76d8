// Continuum shapes, in the rest frame and normalised to 1 at 5500 Å, from which the demo's
// galaxies and stars are built: a blackbody (stars, and an old population's red bulk), the
// 4000 Å break, a blue power law (young stars), Calzetti dust, and the stellar absorption
// that gives real galaxy spectra their jagged texture, broadened by velocity dispersion.
import { mixSeed, Random } from '../prng.js';
import { addAbsorptionDepth, angstromSigma } from './line-profile.js';
import type { AbsorptionFeature } from './line-lists.js';
import type { SpectralGrid } from './spectral-grid.js';

/** hc/k in Å·K. */
const HC_OVER_K = 1.438777e8;
const NORM_LAMBDA = 5500;

function planck(lambda: number, temperature: number): number {
  const l2 = lambda * lambda;
  return 1 / (l2 * l2 * lambda * Math.expm1(HC_OVER_K / (lambda * temperature)));
}

/** Blackbody f_λ of `temperature` (K) as a function of λ (Å), relative to its value at 5500 Å. */
export function blackbody(temperature: number): (lambda: number) => number {
  const norm = 1 / planck(NORM_LAMBDA, temperature);
  return (lambda) => planck(lambda, temperature) * norm;
}

/**
 * The 4000 Å break as a factor: 1 redward, 1/`strength` blueward, with a smooth step, the
 * further fall to the blue that metal blanketing causes in old stars, and the gentler
 * sag over 4000–4400 Å (Hδ, the G band, Fe lines) that leads up to it.
 */
export function breakFactor(lambda: number, strength: number): number {
  const step = 1 / (1 + Math.exp((3990 - lambda) / 14));
  const blanket = lambda < 3990 ? (lambda / 3990) ** (4 * (strength - 1)) : 1;
  const sag = lambda < 4400 ? 1 - 0.25 * (strength - 1) * Math.min(1, (4400 - lambda) / 400) : 1;
  return (1 / strength + (1 - 1 / strength) * step) * blanket * sag;
}

/** A young population: f_λ ∝ λ^−slope, relative to 5500 Å. */
export function powerLaw(lambda: number, slope: number): number {
  return (lambda / NORM_LAMBDA) ** -slope;
}

/** Calzetti et al. (2000) attenuation curve k(λ), for λ in Å (extrapolated beyond 1200–22000 Å). */
export function calzettiK(lambda: number): number {
  const x = lambda / 1e4; // µm
  if (x >= 0.63) return 2.659 * (-1.857 + 1.04 / x) + 4.05;
  return 2.659 * (-2.156 + 1.509 / x - 0.198 / x ** 2 + 0.011 / x ** 3) + 4.05;
}

/** Dust transmission for colour excess `ebv` with Calzetti's R_V = 4.05. */
export function dustTransmission(lambda: number, ebv: number): number {
  return 10 ** (-0.4 * ebv * calzettiK(lambda));
}

let forest: AbsorptionFeature[] | null = null;

/**
 * Weak metal lines of cool stars: a fixed pseudo-random list, the same in every galaxy as the
 * real lines are, denser and stronger to the blue.
 */
export function metalLineForest(): readonly AbsorptionFeature[] {
  if (forest) return forest;
  const rng = new Random(mixSeed(0x3e7a1, 4000));
  const lines: AbsorptionFeature[] = [];
  while (lines.length < 320) {
    const lambda = rng.uniform(3000, 9400);
    if (!rng.chance((3800 / lambda) ** 2.5)) continue; // thin out to the red
    lines.push({ lambda, ew: rng.logUniform(0.05, 0.7) * (lambda < 4500 ? 1.5 : 1), sigma: rng.uniform(0.3, 1.5) });
  }
  forest = lines;
  return forest;
}

/**
 * Adds the optical depth of rest-frame `features` to `tau` for a source at redshift `z`,
 * scaled by `strength`, broadened by `sigmaKms(λ_obs)` (dispersion and instrument together).
 */
export function addStellarAbsorption(
  tau: Float64Array,
  grid: SpectralGrid,
  z: number,
  features: readonly AbsorptionFeature[],
  strength: number,
  sigmaKms: (lambdaObs: number) => number,
): void {
  const first = grid.lambda[0];
  const last = grid.lambda[grid.length - 1];
  for (const f of features) {
    const lambda = f.lambda * (1 + z);
    if (lambda < first - 200 || lambda > last + 200) continue;
    const sigma = Math.hypot(f.sigma * (1 + z), angstromSigma(lambda, sigmaKms(lambda)));
    addAbsorptionDepth(tau, grid, lambda, sigma, f.ew * strength * (1 + z));
  }
}

/** Multiplies `flux` by exp(−τ). */
export function applyDepth(flux: Float64Array, tau: Float64Array): void {
  for (let i = 0; i < flux.length; i++) if (tau[i] !== 0) flux[i] *= Math.exp(-tau[i]);
}
