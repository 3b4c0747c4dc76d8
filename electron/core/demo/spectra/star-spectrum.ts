// Stars that slipped into the galaxy sample (an anomaly of the demo spectra): M dwarfs (very
// red, with the sawtooth of TiO and CaH bands, Na I and K I, sometimes Hα emission), K stars
// (like an old population but unbroadened) and A stars (blue, with deep, wide Balmer lines).
// Redshifts are radial velocities, |v| < 300 km/s.
import type { Random } from '../prng.js';
import { instrumentalSigmaKms, type Instrument } from './instrument.js';
import {
  BALMER_SERIES,
  CAH_BANDS,
  M_DWARF_LINES,
  NEBULAR,
  OLD_POPULATION_ABSORPTION,
  TIO_BANDS,
  type MolecularBand,
} from './line-lists.js';
import { addEmissionLine } from './line-profile.js';
import { continuumOnGrid, type SourceGenerator, type SourceModel } from './source-model.js';
import { pixelOf, type SpectralGrid } from './spectral-grid.js';
import { addStellarAbsorption, applyDepth, blackbody, breakFactor, metalLineForest } from './stellar-continua.js';

export const STAR_CLASSES = ['M', 'K', 'A'] as const;
export type StarClass = (typeof STAR_CLASSES)[number];

/** SDSS-like subclass for a spectral class, e.g. 'M3'. */
export function drawStarSubclass(rng: Random, starClass: StarClass): string {
  const range = { M: [0, 6], K: [0, 7], A: [0, 5] }[starClass];
  return `${starClass}${rng.int(range[0], range[1])}`;
}

/** Molecular bands: optical depth that jumps at the band head and fades redward over `length` Å. */
function addBands(
  tau: Float64Array,
  grid: SpectralGrid,
  z: number,
  bands: readonly MolecularBand[],
  depth: number,
  length: number,
  rng: Random,
): void {
  for (const band of bands) {
    const start = band.head * (1 + z);
    const bandDepth = depth * band.strength * rng.uniform(0.8, 1.2);
    for (let i = Math.max(0, Math.floor(pixelOf(grid, start - 6))); i < grid.length; i++) {
      const d = grid.lambda[i] - start;
      if (d > 6 * length) break;
      const edge = 1 / (1 + Math.exp(-d / 1.5)); // the band head, softened by the resolution
      tau[i] += bandDepth * edge * Math.exp(-Math.max(0, d) / length);
    }
  }
}

function mDwarf(grid: SpectralGrid, z: number, rng: Random, inst: Instrument, k: number): SourceModel {
  const photosphere = blackbody(3900 - 150 * k + rng.uniform(-80, 80));
  const { flux, scale } = continuumOnGrid(
    grid,
    z,
    (rest) => photosphere(rest) * breakFactor(rest, 1.4),
    rng.logUniform(3, 30),
  );
  const tau = new Float64Array(grid.length);
  const sigma = (lambda: number) => instrumentalSigmaKms(inst, lambda);
  addBands(tau, grid, z, TIO_BANDS, (0.2 + 0.13 * k) * rng.uniform(0.85, 1.15), rng.uniform(90, 180), rng);
  addBands(tau, grid, z, CAH_BANDS, (0.08 + 0.05 * k) * rng.uniform(0.8, 1.2), rng.uniform(40, 90), rng);
  addStellarAbsorption(tau, grid, z, M_DWARF_LINES, 1 + 0.12 * k, sigma);
  addStellarAbsorption(tau, grid, z, metalLineForest(), 1.2, sigma);
  applyDepth(flux, tau);
  if (rng.chance(0.2 + 0.08 * k)) {
    const lambda = NEBULAR.Halpha * (1 + z);
    const continuum = scale * photosphere(NEBULAR.Halpha);
    addEmissionLine(flux, grid, lambda, sigma(lambda), rng.uniform(1, 8) * (1 + z) * continuum);
  }
  return { flux, vdisp: 0, subclass: `M${k}` };
}

function kStar(grid: SpectralGrid, z: number, rng: Random, inst: Instrument, k: number): SourceModel {
  const photosphere = blackbody(5200 - 150 * k + rng.uniform(-80, 80));
  const strength = 1.35 + 0.06 * k;
  const { flux } = continuumOnGrid(
    grid,
    z,
    (rest) => photosphere(rest) * breakFactor(rest, strength),
    rng.logUniform(5, 40),
  );
  const tau = new Float64Array(grid.length);
  const sigma = (lambda: number) => Math.hypot(5, instrumentalSigmaKms(inst, lambda));
  addStellarAbsorption(tau, grid, z, OLD_POPULATION_ABSORPTION, 1 + 0.04 * k, sigma);
  addStellarAbsorption(tau, grid, z, metalLineForest(), 1.3, sigma);
  applyDepth(flux, tau);
  return { flux, vdisp: 0, subclass: `K${k}` };
}

function aStar(grid: SpectralGrid, z: number, rng: Random, inst: Instrument, k: number): SourceModel {
  const photosphere = blackbody(9800 - 250 * k + rng.uniform(-200, 200));
  // The Balmer jump at 3646 Å, softened by the crowding of the upper series.
  const shape = (rest: number) => photosphere(rest) * (0.55 + 0.45 / (1 + Math.exp((3720 - rest) / 25)));
  const { flux } = continuumOnGrid(grid, z, shape, rng.logUniform(5, 40));
  const tau = new Float64Array(grid.length);
  const rotation = rng.uniform(20, 120); // v sin i, km/s
  const sigma = (lambda: number) => Math.hypot(rotation, instrumentalSigmaKms(inst, lambda));
  const ews = [11, 13, 13, 12, 10, 8, 7, 5.5, 4.5];
  const depth = rng.uniform(0.85, 1.15) * (1 - 0.04 * k);
  const cores = BALMER_SERIES.map((lambda, i) => ({ lambda, ew: 0.4 * ews[i] * depth, sigma: 3.5 }));
  const wings = BALMER_SERIES.map((lambda, i) => ({ lambda, ew: 0.6 * ews[i] * depth, sigma: 16 }));
  addStellarAbsorption(tau, grid, z, cores, 1, sigma);
  addStellarAbsorption(tau, grid, z, wings, 1, sigma);
  addStellarAbsorption(tau, grid, z, [{ lambda: 3934.78, ew: rng.uniform(0.3, 1.5), sigma: 1 }], 1, sigma);
  applyDepth(flux, tau);
  return { flux, vdisp: 0, subclass: `A${k}` };
}

/** The generator for a star of `subclass` (e.g. 'M3', 'K5', 'A0'). */
export function starSpectrum(subclass: string): SourceGenerator {
  const k = Number(subclass.slice(1));
  switch (subclass[0] as StarClass) {
    case 'M':
      return (grid, z, rng, inst) => mDwarf(grid, z, rng, inst, k);
    case 'K':
      return (grid, z, rng, inst) => kStar(grid, z, rng, inst, k);
    case 'A':
      return (grid, z, rng, inst) => aStar(grid, z, rng, inst, k);
    default:
      throw new Error(`no star template for subclass ${subclass}`);
  }
}
