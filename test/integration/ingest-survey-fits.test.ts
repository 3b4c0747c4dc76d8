// FITS as surveys deliver it, through the whole ingest: a folder holding a .fits.gz, a
// tile-compressed .fz and a 3-extension file becomes three image objects whose stored model
// inputs are those of astropy's decoded pixels.
import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { countObjects, findObjectByName } from '../../electron/core/workspace/repositories/objects-repo.js';
import { listIngestErrors } from '../../electron/core/workspace/repositories/ingest-errors-repo.js';
import { NpyRowFile } from '../../electron/core/formats/arrays/npy-row-file.js';
import { fromFloat16Bits } from '../../electron/core/formats/arrays/float16.js';
import { modelInputFromImage } from '../../electron/core/ingest/model-input.js';
import { flipRows } from '../../electron/core/ingest/read-fits.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { runCli, runCliOk } from '../helpers/run-cli.js';

const DIR = join(import.meta.dirname, '../fixtures/fits-images');
const tempDir = useTempDir();

/** The model input ingest should store for the first image astropy decoded from a fixture. */
function expectedInput(fixture: string): Float32Array {
  const [first] = JSON.parse(readFileSync(join(DIR, `${fixture}.json`), 'utf8')) as {
    shape: number[];
    values: number[];
  }[];
  const [width, height] = first.shape;
  const data = flipRows(Float32Array.from(first.values), width, height, 1);
  return modelInputFromImage({ width, height, bands: 1, data }, { size: 64, crop: 1 });
}

describe('ingest of survey FITS (gzip, tile-compressed, multi-extension)', () => {
  it('ingests each file as one image object with astropy-equal pixels', async () => {
    const data = join(tempDir(), 'data');
    mkdirSync(data);
    const files = ['plain.fits.gz', 'rice-f32-dither1.fits.fz', 'mef3.fits'];
    for (const f of files) copyFileSync(join(DIR, f), join(data, f));
    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    const summary = await ingestPaths(ws, [data]);
    expect(listIngestErrors(ws.db)).toEqual([]);
    expect(summary).toMatchObject({ added: 3, failed: 0 });
    expect(countObjects(ws.db)).toEqual({ objects: 3, images: 3, spectra: 0 });

    const store = NpyRowFile.openReadOnly(join(ws.paths.inputs, 'image-64x64x1.npy'));
    for (const [name, fixture, hdu] of [
      ['plain', 'plain.fits.gz', 0],
      ['rice-f32-dither1', 'rice-f32-dither1.fits.fz', 1],
      ['mef3', 'mef3.fits', 1],
    ] as const) {
      const object = findObjectByName(ws.db, name);
      expect(object, name).toMatchObject({ modality: 'image', hdu, bands: 1 });
      const stored = fromFloat16Bits(store.readRows(object!.input_row!, 1) as Uint16Array);
      const want = expectedInput(fixture);
      let worst = 0;
      for (let i = 0; i < want.length; i++)
        worst = Math.max(worst, Math.abs(stored[i] - want[i]) / (1 + Math.abs(want[i])));
      // float16 storage: about 3 decimal digits.
      expect(worst, name).toBeLessThan(2e-3);
    }
    store.close();
    ws.close();
  });
});

describe('ingest of broken survey FITS', () => {
  it('records a truncated .fits.gz and a corrupt .fz with the reason, and goes on', async () => {
    const data = join(tempDir(), 'data');
    mkdirSync(data);
    copyFileSync(join(DIR, 'mef3.fits'), join(data, 'good.fits'));
    const gz = readFileSync(join(DIR, 'plain.fits.gz'));
    writeFileSync(join(data, 'cut.fits.gz'), gz.subarray(0, gz.length - 100));
    const fz = readFileSync(join(DIR, 'rice-i32.fits.fz'));
    writeFileSync(join(data, 'short.fits.fz'), fz.subarray(0, fz.length - 2880));
    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    const summary = await ingestPaths(ws, [data]);
    expect(summary).toMatchObject({ added: 1, failed: 2 });
    const reasons = Object.fromEntries(listIngestErrors(ws.db).map((e) => [e.path.split('/').pop(), e.reason]));
    expect(reasons['cut.fits.gz']).toMatch(/^cut\.fits\.gz is not valid gzip/);
    expect(reasons['short.fits.fz']).toMatch(/truncated: HDU 1 'COMPRESSED_IMAGE'/);
    ws.close();
  });
});

describe('serendip ingest --hdu / --each-hdu (CLI)', () => {
  const cliDir = useTempDir('serendip-mef-cli-');

  it('takes every image HDU as its own object, or one chosen by number or EXTNAME', () => {
    const root = cliDir();
    const mef = join(DIR, 'mef3.fits');
    const status = (ws: string) =>
      JSON.parse(runCliOk(['status', ws, '--json']).stdout) as { objects: number; errors: number };
    runCliOk(['ingest', join(root, 'each'), mef, '--each-hdu']);
    expect(status(join(root, 'each'))).toMatchObject({ objects: 3, errors: 0 });
    runCliOk(['ingest', join(root, 'second'), mef, '--hdu', '2']);
    expect(status(join(root, 'second'))).toMatchObject({ objects: 1, errors: 0 });
    runCliOk(['ingest', join(root, 'named'), mef, '--hdu', 'sci']);
    expect(status(join(root, 'named'))).toMatchObject({ objects: 1, errors: 0 });
    const bad = runCli(['ingest', join(root, 'bad'), mef, '--hdu', 'NO_SUCH_EXT']);
    expect(`${bad.stdout}${bad.stderr}`).toMatch(/NO_SUCH_EXT/);
  });
});
