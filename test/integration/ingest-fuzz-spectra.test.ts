// Ingest against damaged archive spectra: every spectrum fixture of every layout (the
// archive-spectra folder, the DESI coadd, the SDSS spec file), cut short at block edges and
// fractions, with seeded bit flips, and with headers claiming absurd sizes, all ingested in
// one pass. Each damaged file becomes spectrum objects or one recorded error with a plain
// reason, never both (nothing is half-ingested), the pass never throws, and every object
// that was made reads back, by its item index, as the inspector would read it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import { ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { readObjectSpectrum } from '../../electron/core/ingest/read-spectrum.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { flipVariants, truncations, withCard } from '../helpers/damage.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';
import { ARCHIVE_SPECTRA, REFUSED_ARCHIVE_SPECTRA, archiveSpectrumFiles } from '../helpers/archive-spectra-fixtures.js';

const FIXTURES = join(import.meta.dirname, '../fixtures');

function spectrumFixtures(): { name: string; bytes: Buffer }[] {
  const archive = archiveSpectrumFiles()
    .filter((name) => !REFUSED_ARCHIVE_SPECTRA.includes(name))
    .map((name) => join(ARCHIVE_SPECTRA, name));
  return [
    ...archive,
    join(FIXTURES, 'desi/coadd-fixture.fits'),
    join(FIXTURES, 'fits-tables/spec-0266-51602-0001.fits'),
  ].map((path) => ({ name: path.slice(path.lastIndexOf('/') + 1, -'.fits'.length), bytes: readFileSync(path) }));
}

interface Outcome {
  objects: number;
  error: string | undefined;
}

describe('ingest of damaged archive spectra', () => {
  const dir = useSharedTempDir('serendip-fuzz-spectra-')();

  it('makes each damaged file whole objects or one plain error, and every object reads back', async () => {
    const fixtures = spectrumFixtures();
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    const good = join(dir, 'good');
    const damaged = join(dir, 'damaged');
    mkdirSync(good, { recursive: true });
    mkdirSync(damaged, { recursive: true });
    const random = new SeededRandom(15);
    let count = 0;
    const write = (name: string, bytes: Buffer) => {
      writeFileSync(join(damaged, `${name}.fits`), bytes);
      count++;
    };
    for (const { name, bytes } of fixtures) {
      writeFileSync(join(good, `${name}.fits`), bytes);
      for (const [at, cut] of truncations(bytes)) write(`${name}-cut${at}`, cut);
      flipVariants(bytes, random, 4, 12).forEach((flipped, v) => write(`${name}-flip${v}`, flipped));
      // Headers that claim more than the file holds: rows, row widths, pixels.
      write(`${name}-naxis2`, withCard(bytes, 'NAXIS2', '99999999', 1));
      write(`${name}-naxis1`, withCard(bytes, 'NAXIS1', '2000000000'));
    }

    const workspace = Workspace.open(join(dir, 'ws'), { create: true });
    try {
      const whole = await ingestPaths(workspace, [good]);
      expect(whole.errors).toEqual([]);
      const summary = await ingestPaths(workspace, [damaged]);
      console.log(
        `ingest fuzz (spectra): ${count} damaged files of ${fixtures.length} fixtures: ` +
          `${summary.failed} recorded errors`,
      );
      const objects = workspace.db
        .prepare(
          `SELECT f.path AS path, count(o.id) AS objects FROM source_files f
           LEFT JOIN objects o ON o.file_id = f.id GROUP BY f.id`,
        )
        .all() as { path: string; objects: number }[];
      const outcomes = new Map<string, Outcome>();
      for (const o of objects) outcomes.set(o.path, { objects: o.objects, error: undefined });
      for (const e of summary.errors) {
        const seen = outcomes.get(e.path);
        expect(seen?.objects ?? 0, `${e.path} has objects and an error`).toBe(0);
        outcomes.set(e.path, { objects: 0, error: e.reason });
        expect(e.reason.length, e.path).toBeGreaterThan(5);
        expect(e.reason, e.path).not.toMatch(/undefined|\n\s+at |\[object |NaN/);
      }
      const damagedOutcomes = [...outcomes].filter(([path]) => path.includes('/damaged/'));
      expect(damagedOutcomes).toHaveLength(count);
      for (const [path, outcome] of damagedOutcomes)
        expect(outcome.objects > 0 || outcome.error !== undefined, path).toBe(true);

      const ids = workspace.db.prepare("SELECT id FROM objects WHERE modality = 'spectrum'").pluck().all() as number[];
      for (const id of ids) {
        const spectrum = await readObjectSpectrum(workspace, id);
        expect(spectrum.wavelength.length, String(id)).toBe(spectrum.flux.length);
      }
    } finally {
      workspace.close();
    }
  }, 240_000);
});
