// `serendip explain` on a spectrum as a user runs it, on a small collection of galaxy-like text
// spectra ingested, embedded by PCA and ranked through the CLI: --json carries the spectrum on
// the model grid (2,048 bins) with its reconstruction and the driver ranges, the odd line's range
// first, features in words, and the plot it wrote as `images`; the summary prints the same
// drivers as "from–to Å (line) share%".
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import sharp from 'sharp';
import { runCliOk } from '../helpers/run-cli.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';
import { ODD_LINE, galaxySpectrumName, writeGalaxySpectra } from '../helpers/galaxy-spectra.js';
import type { Explanation } from '../../electron/core/api/contract-explain.js';
import { driverText } from '../../electron/cli/commands/explain-command.js';
import { DRIVER_SHADE, SPECTRUM_PNG_SIZE } from '../../electron/core/discovery/explain/spectrum/spectrum-png.js';

const SPECTRA = 40;
const ODD = 3;

/** The flux as JSON carries it: masked bins (NaN) print as null. */
type Printed = Omit<Explanation, 'spectrum'> & {
  spectrum: { wavelength: number[]; flux: (number | null)[]; reconstruction: number[]; drivers: Drivers };
  images: { kind: string; band: string | null; path: string }[];
};
type Drivers = NonNullable<Explanation['spectrum']>['drivers'];

describe('serendip explain on a spectrum', () => {
  const dir = useSharedTempDir('serendip-cli-explain-spectrum-');
  const ws = () => join(dir(), 'ws');
  let name: string;

  beforeAll(() => {
    const data = join(dir(), 'spectra');
    writeGalaxySpectra(data, SPECTRA, ODD);
    runCliOk(['ingest', ws(), data]);
    runCliOk(['embed', ws(), '--modality', 'spectrum', '--dim', '4']);
    runCliOk(['rank', ws(), '--modality', 'spectrum']);
    name = galaxySpectrumName(ODD).replace(/\.txt$/, '');
  }, 300_000);

  it('prints the spectrum, its reconstruction and drivers as JSON, and the drivers in the summary', async () => {
    const out = join(dir(), 'plots');
    const e = JSON.parse(runCliOk(['explain', ws(), name, '-k', '8', '--json', '--out', out]).stdout) as Printed;
    expect(e.modality).toBe('spectrum');
    expect(e.neighbours).toHaveLength(8);
    expect(e.maps).toEqual([]);
    const { wavelength, flux, reconstruction, drivers } = e.spectrum;
    expect([wavelength.length, flux.length, reconstruction.length]).toEqual([2048, 2048, 2048]);
    expect(drivers.length).toBeGreaterThan(0);
    for (const d of drivers) expect([d.share > 0, d.share <= 1, d.from < d.to]).toEqual([true, true, true]);
    expect(drivers.reduce((sum, d) => sum + d.share, 0)).toBeLessThanOrEqual(1 + 1e-9);
    expect([drivers[0].from < ODD_LINE, drivers[0].to > ODD_LINE]).toEqual([true, true]);
    expect(e.features.length).toBeGreaterThan(0);
    for (const f of e.features) expect(f.phrase.startsWith(f.name)).toBe(true);

    // The plot: its size, and the shade in the strongest driver's column and not where no driver is.
    expect(e.images).toEqual([{ kind: 'spectrum', band: null, path: join(out, `${name}.spectrum.png`) }]);
    const { data, info } = await sharp(e.images[0].path).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([SPECTRUM_PNG_SIZE.width, SPECTRUM_PNG_SIZE.height]);
    const shadedRows = (x: number) => {
      let n = 0;
      for (let y = 0; y < info.height; y++) {
        const o = (y * info.width + x) * info.channels;
        if (data[o] === DRIVER_SHADE.r && data[o + 1] === DRIVER_SHADE.g && data[o + 2] === DRIVER_SHADE.b) n++;
      }
      return n;
    };
    const span = wavelength[wavelength.length - 1] - wavelength[0];
    const column = (lambda: number) => Math.round(10 + ((lambda - wavelength[0]) / span) * (info.width - 20));
    // The curves cross the shade in places: most of one of its columns is shade, not all of it.
    const centre = column((drivers[0].from + drivers[0].to) / 2);
    const shade = Math.max(...[-4, -3, -2, -1, 0, 1, 2, 3, 4].map((dx) => shadedRows(centre + dx)));
    expect(shade).toBeGreaterThan(SPECTRUM_PNG_SIZE.height / 2);
    const inNoDriver = wavelength.find((w) => drivers.every((d) => w < d.from - 20 || w > d.to + 20))!;
    expect(shadedRows(column(inNoDriver))).toBe(0);

    const text = runCliOk(['explain', ws(), name, '-k', '8', '--out', out]).stdout;
    expect(text).toContain(`most of it at ${driverText(drivers[0])}`);
    for (const d of drivers) expect(text).toContain(`  ${driverText(d)}`);
    expect(driverText(drivers[0])).toMatch(/^\d+–\d+ Å( \(.+\))? \d+%$/);
    expect(text).toContain(e.features[0].phrase);
    expect(text).toContain(join(out, `${name}.spectrum.png`));
  });
});
