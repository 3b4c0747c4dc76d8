// The night sky through a fibre: a continuum that brightens to the red, the auroral oxygen
// lines (5578, 6302, 6365 Å), sodium and mercury street lamps, and the OH forest beyond
// 6800 Å. Its photons set most of a spectrum's noise, so the inverse variance dips at every
// sky line. The components are laid out once on the master grid; each exposure scales them.
import { mixSeed, Random } from '../prng.js';
import { OH_BANDS, SKY_LINES } from './line-lists.js';
import { addEmissionLine } from './line-profile.js';
import { MASTER_PIXELS, makeGrid, type SpectralGrid } from './spectral-grid.js';

/** The sky's parts on the master grid, f_λ in 1e-17 erg/s/cm²/Å down one fibre. */
export interface SkyComponents {
  continuum: Float64Array;
  oxygen: Float64Array;
  lamps: Float64Array;
  hydroxyl: Float64Array;
}

/** Sky lines are unresolved: the instrument's σ, about one pixel. */
const SKY_LINE_SIGMA_KMS = 68;

let components: SkyComponents | null = null;

/** The OH (Meinel band) lines: Λ-doublets scattered through each band, the same every night. */
export function hydroxylLines(): { lambda: number; flux: number }[] {
  const rng = new Random(mixSeed(0x0a11, 7000));
  const lines: { lambda: number; flux: number }[] = [];
  for (const [start, end, strength] of OH_BANDS) {
    const pairs = Math.round((end - start) / 16);
    for (let k = 0; k < pairs; k++) {
      const lambda = rng.uniform(start, end);
      const flux = strength * rng.logUniform(6, 140);
      const split = rng.uniform(0.8, 3);
      lines.push({ lambda, flux }, { lambda: lambda + split, flux: flux * rng.uniform(0.7, 1) });
    }
  }
  return lines;
}

export function skyComponents(): SkyComponents {
  if (components) return components;
  const grid = makeGrid(0, MASTER_PIXELS);
  const continuum = new Float64Array(grid.length);
  const oxygen = new Float64Array(grid.length);
  const lamps = new Float64Array(grid.length);
  const hydroxyl = new Float64Array(grid.length);
  for (let i = 0; i < grid.length; i++) {
    const t = (grid.lambda[i] - 3800) / 5400;
    continuum[i] = 1.1 + 4.5 * Math.max(0, t) ** 1.4;
  }
  for (const line of SKY_LINES.oxygen) addEmissionLine(oxygen, grid, line.lambda, SKY_LINE_SIGMA_KMS, line.flux);
  for (const line of SKY_LINES.lamps) addEmissionLine(lamps, grid, line.lambda, SKY_LINE_SIGMA_KMS, line.flux);
  for (const line of hydroxylLines()) addEmissionLine(hydroxyl, grid, line.lambda, SKY_LINE_SIGMA_KMS, line.flux);
  components = { continuum, oxygen, lamps, hydroxyl };
  return components;
}

/** How bright each part of the sky was during one exposure (moon, airmass, city, OH activity). */
export interface SkyScales {
  continuum: number;
  oxygen: number;
  lamps: number;
  hydroxyl: number;
}

export function drawSkyScales(rng: Random): SkyScales {
  return {
    continuum: rng.logUniform(0.7, 2),
    oxygen: rng.logUniform(0.5, 2),
    lamps: rng.logUniform(0.3, 1.5),
    hydroxyl: rng.logUniform(0.6, 1.6),
  };
}

/** The sky for one spectrum on `grid`, and its line-only part (what subtraction residuals scale). */
export function skyFor(grid: SpectralGrid, scales: SkyScales): { sky: Float64Array; lines: Float64Array } {
  const parts = skyComponents();
  const sky = new Float64Array(grid.length);
  const lines = new Float64Array(grid.length);
  for (let i = 0; i < grid.length; i++) {
    const k = grid.first + i;
    lines[i] = scales.oxygen * parts.oxygen[k] + scales.lamps * parts.lamps[k] + scales.hydroxyl * parts.hydroxyl[k];
    sky[i] = scales.continuum * parts.continuum[k] + lines[i];
  }
  return { sky, lines };
}
