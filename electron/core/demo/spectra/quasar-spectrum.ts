// Quasars, the demo spectra's commonest astrophysical anomaly: a power-law continuum with the
// small blue bump, broad lines (Lyα, C IV, C III], Mg II, Hβ, Hα; FWHM 2,000–10,000 km/s,
// C IV blueshifted), narrow [O III] and [O II], the Lyα forest and Lyman limit at high z, the
// odd intervening Mg II absorber, a host galaxy at low z; and BAL quasars, whose outflows
// cut broad troughs blueward of C IV, Si IV, N V and Lyα (and Mg II in LoBALs).
import type { Random } from '../prng.js';
import { instrumentalSigmaKms, type Instrument } from './instrument.js';
import { BAL_IONS, LOBAL_IONS, LYMAN_ALPHA, LYMAN_LIMIT, QUASAR_LINES } from './line-lists.js';
import { addAbsorptionDepth, addEmissionLine, angstromSigma } from './line-profile.js';
import { continuumOnGrid, type SourceModel } from './source-model.js';
import { C_KMS, type SpectralGrid } from './spectral-grid.js';
import { applyDepth, blackbody, breakFactor, powerLaw } from './stellar-continua.js';

/** Lines whose broad component is blueshifted with the high-ionisation wind. */
const HIGH_IONISATION = new Set(['CIV', 'SiIV/OIV]', 'HeII', 'NV']);

function gauss(x: number, centre: number, sigma: number): number {
  return Math.exp(-0.5 * ((x - centre) / sigma) ** 2);
}

function quasarShape(rng: Random, z: number, reddening: number): (rest: number) => number {
  const alphaNu = Math.min(0.3, Math.max(-1.3, rng.gaussian(-0.45, 0.3) - reddening));
  const slope = 2 + alphaNu; // f_λ ∝ λ^−(2+α_ν)
  const blueBump = rng.uniform(0.1, 0.35);
  const opticalIron = rng.uniform(0.03, 0.15);
  const host = z < 0.7 ? rng.uniform(0, 0.5) * (1 - z / 0.7) : 0;
  const hostStars = blackbody(rng.uniform(4800, 5600));
  return (rest) => {
    const power = powerLaw(rest, slope);
    const bump =
      blueBump *
      powerLaw(2900, slope) *
      (gauss(rest, 2900, 420) + 0.6 * gauss(rest, 2450, 180) + 0.5 * gauss(rest, 3500, 180));
    const iron = opticalIron * powerLaw(4800, slope) * (gauss(rest, 4570, 90) + gauss(rest, 5270, 110));
    const galaxy = host > 0 ? host * hostStars(rest) * breakFactor(rest, 1.7) : 0;
    return power + bump + iron + galaxy;
  };
}

function addBroadLines(
  flux: Float64Array,
  grid: SpectralGrid,
  z: number,
  rng: Random,
  inst: Instrument,
  shape: (rest: number) => number,
  scale: number,
): void {
  const fwhm = rng.logUniform(2000, 10000);
  const windShift = rng.uniform(0, 1500);
  const strength = rng.logUniform(0.6, 1.6);
  const narrowSigma = rng.uniform(150, 350);
  for (const line of QUASAR_LINES) {
    const ew = line.ew * strength * 10 ** rng.gaussian(0, 0.12);
    const lineFlux = ew * (1 + z) * scale * shape(line.lambda);
    if (line.narrow) {
      const lambda = line.lambda * (1 + z);
      addEmissionLine(flux, grid, lambda, Math.hypot(narrowSigma, instrumentalSigmaKms(inst, lambda)), lineFlux);
      continue;
    }
    const shift = HIGH_IONISATION.has(line.name) ? windShift : rng.gaussian(0, 150);
    const lambda = line.lambda * (1 + z) * (1 - shift / C_KMS);
    const sigma = (fwhm * rng.uniform(0.85, 1.15)) / 2.3548;
    // Broad lines are peakier than a Gaussian: a wide base plus a narrower core.
    addEmissionLine(flux, grid, lambda, Math.hypot(1.35 * sigma, instrumentalSigmaKms(inst, lambda)), 0.55 * lineFlux);
    addEmissionLine(flux, grid, lambda, Math.hypot(0.5 * sigma, instrumentalSigmaKms(inst, lambda)), 0.45 * lineFlux);
  }
}

/** Lyα forest (mean opacity of Faucher-Giguère et al. 2008), extra Lyβ blueward of 1026 Å, Lyman limit. */
function addIntergalacticAbsorption(
  tau: Float64Array,
  grid: SpectralGrid,
  z: number,
  rng: Random,
  inst: Instrument,
): void {
  const lymanAlpha = LYMAN_ALPHA * (1 + z);
  const limitDepth = rng.logUniform(0.3, 6);
  for (let i = 0; i < grid.length; i++) {
    const lambda = grid.lambda[i];
    if (lambda >= lymanAlpha) break;
    const rest = lambda / (1 + z);
    const zAbs = lambda / LYMAN_ALPHA - 1;
    const tauEff = 0.0018 * (1 + zAbs) ** 3.92 * (rest < 1025.7 ? 1.6 : 1);
    // About 1.3 pixels absorbed per cloud on average for these central depths.
    if (rng.chance(Math.min(0.9, -Math.expm1(-tauEff) / 1.3))) {
      const centre = lambda * (1 + rng.uniform(-0.5, 0.5) * 1e-4 * Math.LN10);
      const sigmaA = angstromSigma(centre, Math.hypot(rng.uniform(15, 35), instrumentalSigmaKms(inst, centre)));
      const peak = rng.logUniform(0.1, 6);
      addAbsorptionDepth(tau, grid, centre, sigmaA, peak * Math.sqrt(2 * Math.PI) * sigmaA);
    }
    if (rest < LYMAN_LIMIT) tau[i] += limitDepth * (rest / LYMAN_LIMIT) ** 3;
  }
}

/** An intervening Mg II system (with Fe II) at a random lower redshift. */
function addInterveningAbsorber(tau: Float64Array, grid: SpectralGrid, z: number, rng: Random, inst: Instrument): void {
  const zAbs = rng.uniform(0.35, z - 0.05);
  const strength = rng.uniform(0.4, 2);
  for (const [rest, ew] of [
    [2796.35, 1],
    [2803.53, 0.8],
    [2600.17, 0.6],
    [2382.77, 0.5],
    [2344.21, 0.3],
  ] as const) {
    const lambda = rest * (1 + zAbs);
    addAbsorptionDepth(
      tau,
      grid,
      lambda,
      angstromSigma(lambda, Math.hypot(40, instrumentalSigmaKms(inst, lambda))),
      ew * strength * (1 + zAbs),
    );
  }
}

function broadLineQuasarWith(
  grid: SpectralGrid,
  z: number,
  rng: Random,
  inst: Instrument,
  reddening: number,
): SourceModel {
  const shape = quasarShape(rng, z, reddening);
  const { flux, scale } = continuumOnGrid(grid, z, shape, rng.logUniform(1, 14));
  addBroadLines(flux, grid, z, rng, inst, shape, scale);
  const tau = new Float64Array(grid.length);
  if (LYMAN_ALPHA * (1 + z) > grid.lambda[0]) addIntergalacticAbsorption(tau, grid, z, rng, inst);
  if (z > 0.5 && rng.chance(0.3)) addInterveningAbsorber(tau, grid, z, rng, inst);
  applyDepth(flux, tau);
  return { flux, vdisp: 0, subclass: 'BROADLINE' };
}

export function broadLineQuasar(grid: SpectralGrid, z: number, rng: Random, inst: Instrument): SourceModel {
  return broadLineQuasarWith(grid, z, rng, inst, 0);
}

/** Outflow velocities (km/s) and depth of a BAL trough, shared by every ion. */
interface Trough {
  vMin: number;
  vMax: number;
  depth: number;
  edge: number;
  clumps: { v: number; sigma: number; depth: number }[];
}

function drawTrough(rng: Random): Trough {
  const vMin = rng.uniform(0, 6000);
  const vMax = Math.min(29000, vMin + rng.logUniform(2500, 20000));
  const clumps = Array.from({ length: rng.int(1, 4) }, () => ({
    v: rng.uniform(vMin, vMax),
    sigma: rng.uniform(500, 2500),
    depth: rng.uniform(0.3, 0.8),
  }));
  return { vMin, vMax, depth: rng.uniform(0.45, 0.95), edge: rng.uniform(300, 1200), clumps };
}

/** Fraction of light removed at outflow velocity `v` (km/s) by a trough of full strength. */
function troughDepth(trough: Trough, v: number): number {
  const inside = 1 / (1 + Math.exp((trough.vMin - v) / trough.edge)) / (1 + Math.exp((v - trough.vMax) / trough.edge));
  // Deeper where the outflow is clumpy, shallower between clumps.
  let clumped = 0;
  for (const clump of trough.clumps) clumped += clump.depth * gauss(v, clump.v, clump.sigma);
  return trough.depth * inside * (0.55 + 0.45 * Math.min(1, 2 * clumped));
}

export function balQuasar(grid: SpectralGrid, z: number, rng: Random, inst: Instrument): SourceModel {
  const model = broadLineQuasarWith(grid, z, rng, inst, 0.35);
  const trough = drawTrough(rng);
  const ions = rng.chance(0.3) ? [...BAL_IONS, ...LOBAL_IONS] : [...BAL_IONS];
  for (let i = 0; i < grid.length; i++) {
    const rest = grid.lambda[i] / (1 + z);
    let kept = 1;
    for (const ion of ions) {
      if (rest >= ion.lambda) continue;
      const v = C_KMS * (1 - rest / ion.lambda);
      if (v > trough.vMin - 8 * trough.edge && v < trough.vMax + 8 * trough.edge)
        kept *= 1 - ion.strength * troughDepth(trough, v);
    }
    model.flux[i] *= kept;
  }
  return model;
}
