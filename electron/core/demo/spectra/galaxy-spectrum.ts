// Galaxy spectra: passive (an old population's red continuum, the 4000 Å break, Ca H&K, the
// G band, Mg b, Na D in absorption, sometimes weak LINER emission), star-forming (a young
// blue power law mixed with old light, Balmer absorption, dust, narrow emission on the BPT
// star-forming branch) and the extreme emission-line anomaly ([O III] EW > 500 Å).
import type { Random } from '../prng.js';
import { instrumentalSigmaKms, type Instrument } from './instrument.js';
import { BALMER_SERIES, NEBULAR, OLD_POPULATION_ABSORPTION } from './line-lists.js';
import {
  addNebularLines,
  attenuatedRatio,
  extremeEmissionRatios,
  linerRatios,
  starFormingRatios,
  type LineRatios,
} from './nebular-emission.js';
import { continuumOnGrid, type SourceModel } from './source-model.js';
import type { SpectralGrid } from './spectral-grid.js';
import {
  addStellarAbsorption,
  applyDepth,
  blackbody,
  breakFactor,
  dustTransmission,
  metalLineForest,
  powerLaw,
} from './stellar-continua.js';

/** Balmer absorption of A stars in a young population (EW Å, σ Å). */
const YOUNG_BALMER = BALMER_SERIES.map((lambda) => ({ lambda, ew: 4.5, sigma: 9 }));

interface Population {
  /** Rest-frame continuum shape, 1 at 5500 Å before dust. */
  shape: (rest: number) => number;
  /** Light fraction at 5500 Å from old stars: scales their absorption lines. */
  oldFraction: number;
}

function mixedPopulation(rng: Random, oldFraction: number, ebv: number): Population {
  const temperature = rng.uniform(4700, 5600);
  const strength = rng.uniform(1.45, 1.85);
  const slope = rng.uniform(0.4, 1.9);
  const old = blackbody(temperature);
  const shape = (rest: number) =>
    (oldFraction * old(rest) * breakFactor(rest, strength) +
      (1 - oldFraction) * powerLaw(rest, slope) * breakFactor(rest, 1.08)) *
    (ebv > 0 ? dustTransmission(rest, ebv) : 1);
  return { shape, oldFraction };
}

function absorb(
  flux: Float64Array,
  grid: SpectralGrid,
  z: number,
  population: Population,
  vdisp: number,
  inst: Instrument,
  rng: Random,
): void {
  const tau = new Float64Array(grid.length);
  const sigmaKms = (lambda: number) => Math.hypot(vdisp, instrumentalSigmaKms(inst, lambda));
  const metals = population.oldFraction * rng.uniform(0.8, 1.25);
  addStellarAbsorption(tau, grid, z, OLD_POPULATION_ABSORPTION, metals, sigmaKms);
  addStellarAbsorption(tau, grid, z, metalLineForest(), metals * rng.uniform(0.7, 1.3), sigmaKms);
  addStellarAbsorption(tau, grid, z, YOUNG_BALMER, (1 - population.oldFraction) * rng.uniform(0.6, 1.3), sigmaKms);
  applyDepth(flux, tau);
}

/**
 * Adds lines so that `anchor` (a rest wavelength in `ratios`) has rest equivalent width `ew`
 * against the continuum `shape`·`scale` at redshift `z`.
 */
function emitWithEquivalentWidth(
  flux: Float64Array,
  grid: SpectralGrid,
  z: number,
  ratios: LineRatios,
  anchor: number,
  ew: number,
  continuum: { shape: (rest: number) => number; scale: number },
  ebv: number,
  sigmaKms: number,
  inst: Instrument,
): void {
  const anchorFlux = ew * (1 + z) * continuum.scale * continuum.shape(anchor);
  const hbetaFlux = anchorFlux / attenuatedRatio(anchor, ratios.get(anchor)!, ebv);
  addNebularLines(flux, grid, z, ratios, {
    hbetaFlux,
    ebv,
    sigmaKms,
    instrumentKms: (l) => instrumentalSigmaKms(inst, l),
  });
}

/**
 * Continuum at 6200 Å observed, for a flux-limited sample: N(>f) ∝ f^−1.5 above the survey's
 * limit `limit` (a Euclidean count), capped at 15× the limit.
 */
function fluxLimited(rng: Random, limit: number): number {
  return limit * Math.min(15, (1 - rng.next()) ** (-2 / 3));
}

export function passiveGalaxy(grid: SpectralGrid, z: number, rng: Random, inst: Instrument): SourceModel {
  const young = rng.chance(0.3) ? rng.uniform(0, 0.12) : 0;
  const population = mixedPopulation(rng, 1 - young, rng.uniform(0, 0.08));
  const vdisp = rng.uniform(110, 320);
  const level = fluxLimited(rng, z < 0.3 ? 5 : 2); // main sample, then the fainter LRGs
  const continuum = continuumOnGrid(grid, z, population.shape, level);
  const flux = continuum.flux;
  absorb(flux, grid, z, population, vdisp, inst, rng);
  if (rng.chance(0.25)) {
    emitWithEquivalentWidth(
      flux,
      grid,
      z,
      linerRatios(rng),
      NEBULAR.NII_6585,
      rng.uniform(0.5, 2.5),
      { shape: population.shape, scale: continuum.scale },
      0,
      vdisp * 0.7,
      inst,
    );
  }
  return { flux, vdisp, subclass: '' };
}

export function starFormingGalaxy(grid: SpectralGrid, z: number, rng: Random, inst: Instrument): SourceModel {
  const gasEbv = rng.uniform(0.03, 0.6); // Hα/Hβ ≈ 3–6
  const population = mixedPopulation(rng, rng.uniform(0.1, 0.65), 0.44 * gasEbv);
  const vdisp = rng.uniform(60, 160);
  const level = fluxLimited(rng, z < 0.3 ? 3.5 : 1.6);
  const continuum = continuumOnGrid(grid, z, population.shape, level);
  const flux = continuum.flux;
  absorb(flux, grid, z, population, vdisp, inst, rng);
  const haEw = Math.min(300, Math.max(3, 10 ** rng.gaussian(1.35, 0.3))); // median 22 Å; ~12% above 50 Å (starbursts)
  emitWithEquivalentWidth(
    flux,
    grid,
    z,
    starFormingRatios(rng),
    NEBULAR.Halpha,
    haEw,
    { shape: population.shape, scale: continuum.scale },
    gasEbv,
    rng.uniform(50, 150),
    inst,
  );
  return { flux, vdisp, subclass: haEw > 50 ? 'STARBURST' : 'STARFORMING' };
}

/** [O III] 5008 rest equivalent widths of the extreme emission-line anomaly. */
export const EELG_OIII_EW = { min: 500, max: 2000 } as const;

export function extremeEmissionLineGalaxy(grid: SpectralGrid, z: number, rng: Random, inst: Instrument): SourceModel {
  const ebv = rng.uniform(0, 0.15);
  const population = mixedPopulation(rng, rng.uniform(0, 0.15), 0.44 * ebv);
  const vdisp = rng.uniform(40, 90);
  const continuum = continuumOnGrid(grid, z, population.shape, rng.logUniform(0.4, 2.5));
  const flux = continuum.flux;
  absorb(flux, grid, z, population, vdisp, inst, rng);
  emitWithEquivalentWidth(
    flux,
    grid,
    z,
    extremeEmissionRatios(rng),
    NEBULAR.OIII_5008,
    rng.logUniform(EELG_OIII_EW.min, EELG_OIII_EW.max),
    { shape: population.shape, scale: continuum.scale },
    ebv,
    rng.uniform(30, 90),
    inst,
  );
  return { flux, vdisp, subclass: 'STARBURST' };
}
