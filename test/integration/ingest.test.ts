import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { joinCatalog } from '../../electron/core/ingest/catalog-join.js';
import { findObjectByName, countObjects } from '../../electron/core/workspace/repositories/objects-repo.js';
import { listIngestErrors } from '../../electron/core/workspace/repositories/ingest-errors-repo.js';
import { getMetadata } from '../../electron/core/workspace/repositories/metadata-repo.js';
import { NpyRowFile } from '../../electron/core/formats/npy-row-file.js';
import { fromFloat16Bits } from '../../electron/core/formats/float16.js';
import { writeFitsCube, writeGarbage, writeJpeg, writePng } from '../helpers/image-fixtures.js';
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
    expect(errors.map((e) => e.path.split('/').pop())).toEqual(['broken.fits', 'broken.png', 'empty.fits', 'truncated.jpg']);
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

    const store = NpyRowFile.openOrCreate(join(ws.paths.inputs, 'image-64x64x3.npy'), { dtype: '<f2', rowShape: [64, 64, 3] });
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

  it('is idempotent: unchanged files are skipped, changed files updated in place, fixed files cleared from errors', async () => {
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
    const names = (ws.db.prepare('SELECT name FROM objects ORDER BY name').all() as { name: string }[]).map((r) => r.name);
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
    expect(summary.errors.map((e) => e.reason)).toEqual([expect.stringMatching(/no such file/), expect.stringMatching(/unsupported file type/)]);
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
    writeFileSync(catalog, '# my catalog\nobjid,redshift,morph\ngal-a,0.12,spiral\ngal-e,0.3,"elliptical, E1"\nghost,1.0,none\n');
    const summary = await joinCatalog(ws, catalog);
    expect(summary).toMatchObject({ rows: 3, matched: 2, unmatched: 1, by: 'name', key: 'objid', unmatchedExamples: ['ghost'] });
    expect(getMetadata(ws.db, findObjectByName(ws.db, 'gal-e')!.id)).toEqual({ objid: 'gal-e', redshift: '0.3', morph: 'elliptical, E1' });
    ws.close();
  });

  it('joins by ra/dec within the radius when no name matches', async () => {
    const data = await mixedFolder();
    const root = tempDir();
    const ws = Workspace.open(join(root, 'ws'), { create: true });
    await ingestPaths(ws, [data]);
    const catalog = join(root, 'cat.tsv');
    // 0.5" and 1.5" away from gal-d and gal-e; the third row is 1 degree from anything.
    writeFileSync(catalog, `RA\tDEC\tmag\n${150.1 + 0.5 / 3600}\t2.2\t19.5\n210.5\t${-1.25 - 1.5 / 3600}\t21\n11\t12\t18\n`);
    const summary = await joinCatalog(ws, catalog);
    expect(summary).toMatchObject({ rows: 3, matched: 2, unmatched: 1, by: 'position' });
    expect(getMetadata(ws.db, findObjectByName(ws.db, 'gal-d')!.id).mag).toBe('19.5');
    expect(getMetadata(ws.db, findObjectByName(ws.db, 'gal-e')!.id).mag).toBe('21');
    ws.close();
  });
});
