// Narrow emission lines of ionised gas, set by the ratios astronomers measure: the line list
// is fixed, the ratios are drawn per galaxy (the star-forming branch of the BPT diagram, the
// Balmer decrement from dust, the [O II] and [S II] doublets) and turned into fluxes that are
// then put onto the grid at (1+z)·λ with σ_gas and the instrument's resolution combined.
import type { Random } from '../prng.js';
import { NEBULAR } from './line-lists.js';
import { addEmissionLine } from './line-profile.js';
import { dustTransmission } from './stellar-continua.js';
import type { SpectralGrid } from './spectral-grid.js';

/** Line fluxes relative to intrinsic (dust-free) Hβ = 1, keyed by rest wavelength. */
export type LineRatios = Map<number, number>;

/** Intrinsic Hα/Hβ of case-B recombination at 10^4 K. */
export const CASE_B_HA_HB = 2.86;

/** Kauffmann et al. (2003) upper envelope of star-forming galaxies in the BPT diagram. */
export function kauffmannLine(logNiiHa: number): number {
  return 0.61 / (logNiiHa - 0.05) + 1.3;
}

function balmer(ratios: LineRatios): void {
  ratios.set(NEBULAR.Hbeta, 1);
  ratios.set(NEBULAR.Halpha, CASE_B_HA_HB);
  ratios.set(NEBULAR.Hgamma, 0.47);
  ratios.set(NEBULAR.Hdelta, 0.26);
}

/** An H II-region-like galaxy: on the star-forming branch, below Kauffmann's line. */
export function starFormingRatios(rng: Random): LineRatios {
  const ratios: LineRatios = new Map();
  balmer(ratios);
  const x = rng.uniform(-1.3, -0.35); // log [N II]6585/Hα
  const y = kauffmannLine(x) - rng.uniform(0.05, 0.45); // log [O III]5008/Hβ
  const oiii = 10 ** y;
  const nii = 10 ** x * CASE_B_HA_HB;
  ratios.set(NEBULAR.OIII_5008, oiii);
  ratios.set(NEBULAR.OIII_4960, oiii / 2.98);
  ratios.set(NEBULAR.NII_6585, nii);
  ratios.set(NEBULAR.NII_6550, nii / 3.05);
  const oii = 10 ** rng.uniform(-0.1, 0.5);
  const oiiSplit = rng.uniform(0.7, 1.0); // 3727/3730: density-sensitive
  ratios.set(NEBULAR.OII_3727, (oii * oiiSplit) / (1 + oiiSplit));
  ratios.set(NEBULAR.OII_3730, oii / (1 + oiiSplit));
  const sii = rng.uniform(0.12, 0.4) * CASE_B_HA_HB;
  const siiSplit = rng.uniform(1.0, 1.45); // 6718/6733
  ratios.set(NEBULAR.SII_6718, (sii * siiSplit) / (1 + siiSplit));
  ratios.set(NEBULAR.SII_6733, sii / (1 + siiSplit));
  ratios.set(NEBULAR.NeIII_3870, 0.08 * oiii);
  ratios.set(NEBULAR.HeI_5877, 0.11);
  ratios.set(NEBULAR.OI_6302, rng.uniform(0.02, 0.08) * CASE_B_HA_HB);
  return ratios;
}

/** Low-metallicity starburst ("green pea"): huge [O III]/Hβ, weak [N II], auroral [O III] 4364. */
export function extremeEmissionRatios(rng: Random): LineRatios {
  const ratios: LineRatios = new Map();
  balmer(ratios);
  const oiii = rng.uniform(4.5, 8);
  ratios.set(NEBULAR.OIII_5008, oiii);
  ratios.set(NEBULAR.OIII_4960, oiii / 2.98);
  ratios.set(NEBULAR.OIII_4364, oiii * rng.uniform(0.012, 0.03));
  const nii = rng.uniform(0.02, 0.08) * CASE_B_HA_HB;
  ratios.set(NEBULAR.NII_6585, nii);
  ratios.set(NEBULAR.NII_6550, nii / 3.05);
  const oii = rng.uniform(0.8, 2);
  ratios.set(NEBULAR.OII_3727, oii * 0.45);
  ratios.set(NEBULAR.OII_3730, oii * 0.55);
  ratios.set(NEBULAR.NeIII_3870, rng.uniform(0.35, 0.6));
  ratios.set(NEBULAR.HeII_4687, rng.uniform(0.01, 0.03));
  ratios.set(NEBULAR.HeI_5877, 0.11);
  const sii = rng.uniform(0.05, 0.12) * CASE_B_HA_HB;
  ratios.set(NEBULAR.SII_6718, sii * 0.58);
  ratios.set(NEBULAR.SII_6733, sii * 0.42);
  ratios.set(NEBULAR.OI_6302, rng.uniform(0.01, 0.03) * CASE_B_HA_HB);
  return ratios;
}

/** Weak low-ionisation emission (LINER-like) that many passive galaxies show: [N II] > Hα. */
export function linerRatios(rng: Random): LineRatios {
  const ratios: LineRatios = new Map();
  balmer(ratios);
  const nii = CASE_B_HA_HB * rng.uniform(1.2, 2.5);
  ratios.set(NEBULAR.NII_6585, nii);
  ratios.set(NEBULAR.NII_6550, nii / 3.05);
  ratios.set(NEBULAR.OII_3727, rng.uniform(1.5, 3));
  ratios.set(NEBULAR.OII_3730, rng.uniform(1.5, 3));
  ratios.set(NEBULAR.OIII_5008, rng.uniform(1, 2.5));
  ratios.set(NEBULAR.OIII_4960, ratios.get(NEBULAR.OIII_5008)! / 2.98);
  ratios.set(NEBULAR.SII_6718, CASE_B_HA_HB * rng.uniform(0.4, 0.7));
  ratios.set(NEBULAR.SII_6733, CASE_B_HA_HB * rng.uniform(0.3, 0.5));
  ratios.set(NEBULAR.OI_6302, CASE_B_HA_HB * rng.uniform(0.15, 0.3));
  return ratios;
}

export interface NebularOptions {
  /** Observed flux of intrinsic Hβ before dust, erg/s/cm² in the spectrum's unit × Å. */
  hbetaFlux: number;
  /** Gas colour excess E(B−V); reddens the Balmer decrement and the blue lines. */
  ebv: number;
  /** Gas velocity dispersion, km/s. */
  sigmaKms: number;
  /** Instrumental σ (km/s) at an observed wavelength. */
  instrumentKms: (lambdaObs: number) => number;
}

/** Adds every line of `ratios` at redshift `z`. */
export function addNebularLines(
  out: Float64Array,
  grid: SpectralGrid,
  z: number,
  ratios: LineRatios,
  options: NebularOptions,
): void {
  for (const [rest, ratio] of ratios) {
    const lambda = rest * (1 + z);
    const flux = options.hbetaFlux * ratio * dustTransmission(rest, options.ebv);
    addEmissionLine(out, grid, lambda, Math.hypot(options.sigmaKms, options.instrumentKms(lambda)), flux);
  }
}

/** Observed flux a line of `ratio` × Hβ would have after dust, per unit intrinsic Hβ. */
export function attenuatedRatio(rest: number, ratio: number, ebv: number): number {
  return ratio * dustTransmission(rest, ebv);
}
