// Galaxy-like text spectra for explain's tests: a power-law continuum with a 4000 Å break and Hβ,
// [O III] and Hα emission of varied strength, at redshifts 0.02–0.12, with noise; the odd one
// carries a strong line at ODD_LINE Å observed, where no named line of its redshift falls.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';

/** The observed wavelength (Å) of the odd spectrum's extra line. */
export const ODD_LINE = 8200;

/** The file name of spectrum i. */
export function galaxySpectrumName(i: number): string {
  return `galaxy-${String(i).padStart(3, '0')}.txt`;
}

/** Writes `count` spectra to `dir` (seeded), spectrum `odd` with the extra line. */
export function writeGalaxySpectra(dir: string, count: number, odd: number, seed = 3): void {
  mkdirSync(dir, { recursive: true });
  const random = new SeededRandom(seed);
  for (let i = 0; i < count; i++) writeFileSync(join(dir, galaxySpectrumName(i)), spectrumTable(i, odd, random));
}

/** Text table of spectrum i: 3,700–9,300 Å in 2 Å steps, its redshift stated in a comment. */
function spectrumTable(i: number, odd: number, random: SeededRandom): string {
  const z = 0.02 + 0.1 * random.nextFloat();
  const slope = -1.5 + 1.5 * random.nextFloat();
  const breakStep = 1 + 0.6 * random.nextFloat();
  const lines = [
    { rest: 4862.68, flux: 3 * random.nextFloat() },
    { rest: 5008.24, flux: 6 * random.nextFloat() },
    { rest: 6564.61, flux: 4 + 10 * random.nextFloat() },
  ];
  if (i === odd) lines.push({ rest: ODD_LINE / (1 + z), flux: 60 });
  const rows = ['# z = ' + z.toFixed(5), '# medium = vacuum', 'wavelength flux ivar'];
  for (let lambda = 3700; lambda <= 9300; lambda += 2) {
    const rest = lambda / (1 + z);
    let flux = (rest / 5000) ** slope * (rest < 4000 ? 1 / breakStep : 1);
    for (const line of lines) {
      const sigma = 3 * (1 + z);
      const at = line.rest * (1 + z);
      flux += (line.flux / (sigma * Math.sqrt(2 * Math.PI))) * Math.exp(-0.5 * ((lambda - at) / sigma) ** 2);
    }
    flux += 0.02 * random.nextGaussian();
    rows.push(`${lambda} ${flux.toFixed(5)} ${(1 / 0.02 ** 2).toFixed(1)}`);
  }
  return rows.join('\n') + '\n';
}
