import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { joinCatalog } from '../../electron/core/ingest/catalog-join.js';
import { findObjectByName, countObjects } from '../../electron/core/workspace/repositories/objects-repo.js';
import { listIngestErrors } from '../../electron/core/workspace/repositories/ingest-errors-repo.js';
import { getMetadata } from '../../electron/core/workspace/repositories/metadata-repo.js';
import { NpyRowFile } from '../../electron/core/formats/arrays/npy-row-file.js';
import { fromFloat16Bits } from '../../electron/core/formats/arrays/float16.js';
import { writeFitsCube, writeGarbage, writeJpeg, writePng } from '../helpers/image-fixtures.js';
import { writeFitsImage } from '../../electron/core/formats/fits/writer.js';
import { readObjectSpectrum, spectrumGridWavelengths } from '../../electron/core/ingest/read-spectrum.js';
import { emissionLineGalaxy, writeSdssSpec } from '../fixtures/spectra/sdss-spec-fixture.js';
import sharp from 'sharp';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

async function mixedFolder(): Promise<string> {
  const root = tempDir();
  const data = join(root, 'data');
  mkdirSync(join(data, 'nested', 'deeper'), { recursive: true });
  await writePng(join(data, 'gal-a.png'));
  await writePng(join(data, 'nested', 'gal-b.png'), 128, 100, 3);
  await writeJpeg(join(data, 'gal-c.jpg'));
  writeFitsCube(join(data, 'nested', 'deeper', 'gal-d.fits'), { ra: 150.1, dec: 2.2 });
  writeFitsCube(join(data, 'gal-e.fits'), { ra: 210.5, dec: -1.25, size: 80 });
  writeGarbage(join(data, 'broken.fits'));
  writeGarbage(join(data, 'broken.png'));
  writeFileSync(join(data, 'truncated.jpg'), readFileSync(join(data, 'gal-c.jpg')).subarray(0, 200));
  writeFileSync(join(data, 'empty.fits'), '');
  writeFileSync(join(data, 'notes.txt'), 'not an image');
  return data;
}

describe('ingest', () => {
  it('reads good FITS/PNG/JPEG files, records each bad one with a reason, and goes on', async () => {
    const data = await mixedFolder();
    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    const summary = await ingestPaths(ws, [data]);
    expect(summary).toMatchObject({ added: 5, updated: 0, skipped: 0, failed: 4, ignored: 1 });
    expect(countObjects(ws.db)).toEqual({ objects: 5, images: 5, spectra: 0 });

    const errors = listIngestErrors(ws.db);
    expect(errors.map((e) => e.path.split('/').pop())).toEqual([
      'broken.fits',
      'broken.png',
      'empty.fits',
      'truncated.jpg',
    ]);
    expect(errors.find((e) => e.path.endsWith('broken.fits'))?.reason).toMatch(/FITS|SIMPLE/i);
    expect(errors.find((e) => e.path.endsWith('empty.fits'))?.reason).toBe('empty file');
    for (const e of errors) expect(e.reason.length).toBeGreaterThan(5);
    ws.close();
  });

  it('stores 64×64 model inputs per band count, thumbnails, and sky positions from the WCS', async () => {
    const data = await mixedFolder();
    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    await ingestPaths(ws, [data]);
    const fits = findObjectByName(ws.db, 'gal-e')!;
    expect(fits).toMatchObject({ width: 80, height: 80, bands: 3, input_store: 'image-64x64x3.npy', hdu: 0 });
    expect(fits.ra).toBeCloseTo(210.5, 6);
    expect(fits.dec).toBeCloseTo(-1.25, 6);
    expect(existsSync(ws.resolvePath(fits.thumb!))).toBe(true);
    expect(readFileSync(ws.resolvePath(fits.thumb!)).subarray(8, 12).toString()).toBe('WEBP');

    const store = NpyRowFile.openOrCreate(join(ws.paths.inputs, 'image-64x64x3.npy'), {
      dtype: '<f2',
      rowShape: [64, 64, 3],
    });
    expect(store.rowCount).toBe(5);
    const row = fromFloat16Bits(store.readRows(fits.input_row!, 1) as Uint16Array);
    store.close();
    // The blob is centred and brightest in the reddest band: centre pixel ≫ corner after normalising.
    const centre = (32 * 64 + 32) * 3 + 2;
    const corner = 2;
    expect(row[centre]).toBeGreaterThan(3);
    expect(Math.abs(row[corner])).toBeLessThan(2);
    expect(row.every((v) => Number.isFinite(v))).toBe(true);
    ws.close();
  });

  it('is idempotent: skips unchanged files, updates changed ones in place, clears fixed ones from errors', async () => {
    const data = await mixedFolder();
    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    await ingestPaths(ws, [data]);
    const before = findObjectByName(ws.db, 'gal-a')!;

    const again = await ingestPaths(ws, [data]);
    expect(again).toMatchObject({ added: 0, updated: 0, skipped: 5, failed: 4 });

    await writePng(join(data, 'gal-a.png'), 96, 96, 9);
    utimesSync(join(data, 'gal-a.png'), new Date(), new Date(Date.now() + 5000));
    await writePng(join(data, 'broken.png'));
    const third = await ingestPaths(ws, [data]);
    expect(third).toMatchObject({ added: 1, updated: 1, skipped: 4, failed: 3 });
    const after = findObjectByName(ws.db, 'gal-a')!;
    expect(after.id).toBe(before.id);
    expect(after.input_row).toBe(before.input_row);
    expect(listIngestErrors(ws.db).some((e) => e.path.endsWith('broken.png'))).toBe(false);
    expect(countObjects(ws.db).objects).toBe(6);
    ws.close();
  });

  it('breaks name ties with the relative path', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'a'));
    mkdirSync(join(root, 'b'));
    await writePng(join(root, 'a', 'same.png'));
    await writePng(join(root, 'b', 'same.png'), 96, 96, 2);
    const ws = Workspace.open(join(root, 'ws'), { create: true });
    await ingestPaths(ws, [root]);
    const names = (ws.db.prepare('SELECT name FROM objects ORDER BY name').all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(names).toHaveLength(2);
    expect(names).toContain('same');
    expect(names.find((n) => n !== 'same')).toMatch(/b\/same$/);
    ws.close();
  });

  it('records an explicitly named unsupported file as an error', async () => {
    const root = tempDir();
    writeFileSync(join(root, 'table.txt'), 'x');
    const ws = Workspace.open(join(root, 'ws'), { create: true });
    const summary = await ingestPaths(ws, [join(root, 'table.txt'), join(root, 'missing.fits')]);
    expect(summary.failed).toBe(2);
    expect(summary.errors.map((e) => e.reason)).toEqual([
      expect.stringMatching(/no such file/),
      expect.stringMatching(/^not a spectrum table: .*Serendip reads FITS/),
    ]);
    ws.close();
  });
});

describe('catalog join', () => {
  it('joins by name, keeps every column as metadata, and reports unmatched rows', async () => {
    const data = await mixedFolder();
    const root = tempDir();
    const ws = Workspace.open(join(root, 'ws'), { create: true });
    await ingestPaths(ws, [data]);
    const catalog = join(root, 'cat.csv');
    writeFileSync(
      catalog,
      '# my catalog\nobjid,redshift,morph\ngal-a,0.12,spiral\ngal-e,0.3,"elliptical, E1"\nghost,1.0,none\n',
    );
    const summary = await joinCatalog(ws, catalog);
    expect(summary).toMatchObject({
      rows: 3,
      matched: 2,
      unmatched: 1,
      by: 'name',
      key: 'objid',
      unmatchedExamples: ['ghost'],
    });
    expect(getMetadata(ws.db, findObjectByName(ws.db, 'gal-e')!.id)).toEqual({
      objid: 'gal-e',
      redshift: '0.3',
      morph: 'elliptical, E1',
    });
    ws.close();
  });

  it('joins by ra/dec within the radius when no name matches', async () => {
    const data = await mixedFolder();
    const root = tempDir();
    const ws = Workspace.open(join(root, 'ws'), { create: true });
    await ingestPaths(ws, [data]);
    const catalog = join(root, 'cat.tsv');
    // 0.5" and 1.5" away from gal-d and gal-e; the third row is 1 degree from anything.
    writeFileSync(
      catalog,
      `RA\tDEC\tmag\n${150.1 + 0.5 / 3600}\t2.2\t19.5\n210.5\t${-1.25 - 1.5 / 3600}\t21\n11\t12\t18\n`,
    );
    const summary = await joinCatalog(ws, catalog);
    expect(summary).toMatchObject({ rows: 3, matched: 2, unmatched: 1, by: 'position' });
    expect(getMetadata(ws.db, findObjectByName(ws.db, 'gal-d')!.id).mag).toBe('19.5');
    expect(getMetadata(ws.db, findObjectByName(ws.db, 'gal-e')!.id).mag).toBe('21');
    ws.close();
  });
});

/** PNG and FITS images beside SDSS spectra (one astropy-written), a 1-D WCS spectrum and a truncated spectrum. */
async function imagesAndSpectra(): Promise<string> {
  const data = join(tempDir(), 'mixed');
  mkdirSync(join(data, 'spectra'), { recursive: true });
  await writePng(join(data, 'gal-a.png'));
  await writePng(join(data, 'gal-b.png'), 64, 64, 2);
  await writePng(join(data, 'gal-c.png'), 80, 80, 5);
  writeFitsCube(join(data, 'gal-d.fits'));
  writeSdssSpec(join(data, 'spectra', 'spec-0001-51000-0001.fits'), {
    z: 0.1234,
    class: 'GALAXY',
    ra: 150.25,
    dec: 2.5,
    flux: emissionLineGalaxy(0.1234),
    masked: [100, 101, 102],
  });
  writeSdssSpec(join(data, 'spectra', 'spec-0001-51000-0002.fits'), {
    z: 1.5,
    class: 'QSO',
    ra: 151,
    dec: -3,
    flux: (w) => 5 * (w / 5000) ** -1.5,
  });
  const whole = writeSdssSpec(join(data, 'spectra', 'spec-0001-51000-0003.fits'), { class: 'STAR' });
  writeFileSync(join(data, 'spectra', 'spec-0001-51000-0003.fits'), whole.subarray(0, 2880 + 2880 + 10_000));
  writeFileSync(
    join(data, 'spectra', 'spec-0266-51602-0001.fits'),
    readFileSync(join(import.meta.dirname, '../fixtures/fits-tables/spec-0266-51602-0001.fits')),
  );
  writeFitsImage(join(data, 'spectra', 'longslit.fits'), {
    shape: [1500],
    bitpix: -32,
    data: Float32Array.from({ length: 1500 }, (_, i) => 2 + Math.sin(i / 40)),
    cards: [
      ['CTYPE1', 'WAVE'],
      ['CUNIT1', 'Angstrom'],
      ['CRVAL1', 4000],
      ['CDELT1', 2],
      ['CRPIX1', 1],
      ['Z', 0.02],
    ],
  });
  return data;
}

describe('ingest of spectra', () => {
  it('makes spectrum objects beside image objects, records the corrupt spectrum, and goes on', async () => {
    const data = await imagesAndSpectra();
    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    const summary = await ingestPaths(ws, [data]);
    expect(summary).toMatchObject({ added: 8, failed: 1, ignored: 0 });
    expect(countObjects(ws.db)).toEqual({ objects: 8, images: 4, spectra: 4 });
    const errors = listIngestErrors(ws.db);
    expect(errors.map((e) => e.path.split('/').pop())).toEqual(['spec-0001-51000-0003.fits']);
    expect(errors[0].reason).toMatch(/truncated: HDU 1 'COADD' needs \d+ bytes of table/);

    const galaxy = findObjectByName(ws.db, 'spec-0001-51000-0001')!;
    expect(galaxy).toMatchObject({
      modality: 'spectrum',
      hdu: 1,
      width: 3800,
      height: 1,
      bands: 1,
      input_store: 'spectrum-2048x2.npy',
      ra: 150.25,
      dec: 2.5,
    });
    expect(getMetadata(ws.db, galaxy.id)).toEqual({ z: '0.1234', class: 'GALAXY', model_grid: 'optical' });
    expect(getMetadata(ws.db, findObjectByName(ws.db, 'spec-0001-51000-0002')!.id)).toEqual({
      z: '1.5',
      class: 'QSO',
      model_grid: 'optical',
    });
    expect(findObjectByName(ws.db, 'longslit')).toMatchObject({ modality: 'spectrum', hdu: 0, width: 1500, ra: null });
    expect(getMetadata(ws.db, findObjectByName(ws.db, 'longslit')!.id)).toEqual({ z: '0.02', model_grid: 'optical' });
    expect(findObjectByName(ws.db, 'spec-0266-51602-0001')).toMatchObject({
      modality: 'spectrum',
      ra: 146.71421,
      dec: -1.0413043,
    });
    expect(findObjectByName(ws.db, 'gal-d')).toMatchObject({ modality: 'image', input_store: 'image-64x64x3.npy' });

    // Thumbnails: a 256×128 plot for spectra, WebP like the images'.
    const thumb = await sharp(ws.resolvePath(galaxy.thumb!)).metadata();
    expect(thumb).toMatchObject({ format: 'webp', width: 256, height: 128 });
    ws.close();
  });

  it('stores spectra as [2048, 2] float16 rows: normalised flux and a good mask on the model grid', async () => {
    const data = await imagesAndSpectra();
    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    await ingestPaths(ws, [data]);
    const store = NpyRowFile.openReadOnly(join(ws.paths.inputs, 'spectrum-2048x2.npy'));
    expect(store.rowShape).toEqual([2048, 2]);
    expect(store.rowCount).toBe(4);
    const grid = spectrumGridWavelengths();
    expect(grid).toHaveLength(store.rowShape[0]);

    const galaxy = findObjectByName(ws.db, 'spec-0001-51000-0001')!;
    const row = fromFloat16Bits(store.readRows(galaxy.input_row!, 1) as Uint16Array);
    const flux = (k: number) => row[2 * k];
    const good = (k: number) => row[2 * k + 1];
    expect(row.every((v, i) => (i % 2 === 1 ? v === 0 || v === 1 : Number.isFinite(v)))).toBe(true);
    // Good from 3600 Å to the end of the data (8635 Å), bad beyond; the masked pixels at 100–102 knock out a bin.
    const lastGood = grid.findLastIndex((_, k) => good(k) === 1);
    expect(grid[lastGood]).toBeGreaterThan(8600);
    expect(grid[lastGood]).toBeLessThan(8640);
    expect(good(0)).toBe(1);
    const masked = Math.floor((Math.log10(3600 * 10 ** 1.01e-2) - Math.log10(3600)) / (Math.log10(9800 / 3600) / 2048));
    expect(good(masked)).toBe(0);
    expect(flux(masked)).toBe(0);
    // Normalised by the median |flux|: the continuum sits near 1, Hα at (1 + z)·6563 Å stands far above it.
    const goodFlux = Array.from({ length: 2048 }, (_, k) => k)
      .filter((k) => good(k) === 1)
      .map(flux)
      .sort((a, b) => a - b);
    expect(goodFlux[Math.floor(goodFlux.length / 2)]).toBeCloseTo(1, 1);
    const halpha = grid.findIndex((w, k) => w <= 6563 * 1.1234 && grid[k + 1] > 6563 * 1.1234);
    expect(Math.max(flux(halpha - 1), flux(halpha), flux(halpha + 1))).toBeGreaterThan(5);
    store.close();
    ws.close();
  });

  it('reads an ingested spectrum back from its file, and skips unchanged spectra on re-ingest', async () => {
    const data = await imagesAndSpectra();
    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    await ingestPaths(ws, [data]);
    const galaxy = findObjectByName(ws.db, 'spec-0001-51000-0001')!;
    const spectrum = await readObjectSpectrum(ws, galaxy.id);
    expect(spectrum).toMatchObject({ layout: 'sdss-coadd', hdu: 1, class: 'GALAXY', ra: 150.25, dec: 2.5 });
    expect(spectrum.z).toBeCloseTo(0.1234, 6);
    expect(spectrum.flux).toHaveLength(3800);
    expect(spectrum.wavelength[0]).toBeCloseTo(10 ** Math.fround(3.5563), 6);
    expect(Array.from(spectrum.mask.subarray(99, 104))).toEqual([0, 1 << 23, 1 << 23, 1 << 23, 0]);
    expect(spectrum.ivar![0]).toBe(25);
    await expect(readObjectSpectrum(ws, findObjectByName(ws.db, 'gal-a')!.id)).rejects.toThrow(/not a spectrum/);

    const again = await ingestPaths(ws, [data]);
    expect(again).toMatchObject({ added: 0, updated: 0, skipped: 8, failed: 1 });
    ws.close();
  });

  it('positions objects with IAU-style names and no WCS from the name, until a catalog gives one', async () => {
    const data = join(tempDir(), 'data');
    mkdirSync(data);
    await writePng(join(data, 'SDSS J100024.00+021200.0.png'));
    await writePng(join(data, 'J000000.00-003000.0.png'));
    await writePng(join(data, 'J250000.00+021200.0.png')); // RA 25h: not a position
    writeFitsCube(join(data, 'J120000.00+100000.0.fits'), { ra: 210.5, dec: -1.25 }); // the WCS wins
    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    await ingestPaths(ws, [data]);
    const at = (name: string) => {
      const o = findObjectByName(ws.db, name)!;
      return [o.ra, o.dec];
    };
    // 10h00m24s = 150.1°, +02°12′00″ = 2.2°.
    expect(at('SDSS J100024.00+021200.0')).toEqual([expect.closeTo(150.1, 9), expect.closeTo(2.2, 9)]);
    expect(at('J000000.00-003000.0')).toEqual([0, -0.5]);
    expect(at('J250000.00+021200.0')).toEqual([null, null]);
    expect(at('J120000.00+100000.0')).toEqual([expect.closeTo(210.5, 6), expect.closeTo(-1.25, 6)]);

    const catalog = join(tempDir(), 'catalog.csv');
    writeFileSync(catalog, 'name,ra,dec\nSDSS J100024.00+021200.0,150.10001,2.20002\nJ120000.00+100000.0,1,2\n');
    await joinCatalog(ws, catalog);
    // The catalog's measured position replaces the name's; a WCS position stays.
    expect(at('SDSS J100024.00+021200.0')).toEqual([150.10001, 2.20002]);
    expect(at('J120000.00+100000.0')).toEqual([expect.closeTo(210.5, 6), expect.closeTo(-1.25, 6)]);
    ws.close();
  });
});
