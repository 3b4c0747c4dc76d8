import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { countObjects, findObjectByName } from '../../electron/core/workspace/repositories/objects-repo.js';
import { listIngestErrors } from '../../electron/core/workspace/repositories/ingest-errors-repo.js';
import { getMetadata } from '../../electron/core/workspace/repositories/metadata-repo.js';
import { NpyRowFile } from '../../electron/core/formats/arrays/npy-row-file.js';
import { fromFloat16Bits } from '../../electron/core/formats/arrays/float16.js';
import { readObjectSpectrum } from '../../electron/core/ingest/read-spectrum.js';
import { ViewService } from '../../electron/core/api/view-service.js';
import { galaxyPixel, writeGalaxy10Like } from '../fixtures/hdf5/cutout-fixture.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

/** A continuum with an Hα-like emission line at 6563·(1+z), stated z in a comment, errors given. */
function textSpectrum(z: number): string {
  const lines = ['# z = ' + z, '# class: GALAXY', 'wavelength,flux,error'];
  for (let w = 3800; w <= 9200; w += 2) {
    const line = 30 * Math.exp(-(((w - 6563 * (1 + z)) / 4) ** 2) / 2);
    lines.push(`${w},${(5 + w / 2000 + line).toFixed(4)},0.5`);
  }
  return lines.join('\n') + '\n';
}

async function mixedFolder(): Promise<string> {
  const data = join(tempDir(), 'data');
  mkdirSync(join(data, 'spectra'), { recursive: true });
  await writeGalaxy10Like(join(data, 'galaxy10.h5'), 10, 32);
  writeFileSync(join(data, 'spectra', 'spec-1.csv'), textSpectrum(0.05));
  writeFileSync(join(data, 'notes.txt'), 'observing notes, not a spectrum\n');
  writeFileSync(join(data, 'catalog.csv'), 'name,ra,dec\nG10-000,150,-2\n');
  writeFileSync(join(data, 'broken.h5'), readFileSync(join(data, 'galaxy10.h5')).subarray(0, 3000));
  return data;
}

describe('ingest of HDF5 cutout collections and text spectra', () => {
  it('makes an image object per HDF5 row, a spectrum object per text table; skips notes and catalogs', async () => {
    const data = await mixedFolder();
    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    const summary = await ingestPaths(ws, [data]);
    expect(summary).toMatchObject({ added: 2, failed: 1, ignored: 2 });
    expect(countObjects(ws.db)).toEqual({ objects: 11, images: 10, spectra: 1 });
    const [error] = listIngestErrors(ws.db);
    expect(error.path).toMatch(/broken\.h5$/);
    expect(error.reason).toMatch(/^cannot open HDF5 file: truncated file/);

    for (let n = 0; n < 10; n++) {
      const object = findObjectByName(ws.db, `G10-${String(n).padStart(3, '0')}`)!;
      expect(object).toMatchObject({
        modality: 'image',
        item_index: n,
        hdu: null,
        width: 32,
        height: 32,
        bands: 3,
        input_store: 'image-64x64x3.npy',
      });
      expect(object.path).toMatch(/galaxy10\.h5$/);
      expect(object.ra).toBeCloseTo(150 + n * 0.5, 9);
      expect(object.dec).toBeCloseTo(-2 + n * 0.25, 9);
      expect(getMetadata(ws.db, object.id)).toEqual({
        ans: String(n % 10),
        redshift: String(Number((0.01 * (n + 1)).toPrecision(2))),
      });
      expect(existsSync(ws.resolvePath(object.thumb!))).toBe(true);
    }
    const images = NpyRowFile.openReadOnly(join(ws.paths.inputs, 'image-64x64x3.npy'));
    expect(images.rowCount).toBe(10);
    const row = fromFloat16Bits(images.readRows(findObjectByName(ws.db, 'G10-004')!.input_row!, 1) as Uint16Array);
    images.close();
    expect(row.every((v) => Number.isFinite(v))).toBe(true);
    expect(row[(32 * 64 + 32) * 3 + 2]).toBeGreaterThan(row[2] + 2);

    const spectrum = findObjectByName(ws.db, 'spec-1')!;
    expect(spectrum).toMatchObject({
      modality: 'spectrum',
      hdu: null,
      item_index: 0,
      width: 2701,
      height: 1,
      bands: 1,
      input_store: 'spectrum-2048x2.npy',
    });
    expect(getMetadata(ws.db, spectrum.id)).toEqual({ z: '0.05', class: 'GALAXY', model_grid: 'optical' });
    const full = await readObjectSpectrum(ws, spectrum.id);
    expect(full.wavelength.length).toBe(2701);
    expect(full.ivar![0]).toBeCloseTo(4, 6);
    ws.close();
  });

  it("gives the inspector one HDF5 row's pixels, as display values", async () => {
    const data = await mixedFolder();
    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    await ingestPaths(ws, [data]);
    const object = findObjectByName(ws.db, 'G10-006')!;
    const pixels = await new ViewService(ws).objectPixels(object.id);
    expect(pixels).toMatchObject({
      source: 'raster',
      width: 32,
      height: 32,
      bands: 3,
      originalWidth: 32,
      bandNames: ['R', 'G', 'B'],
    });
    for (const [y, x, b] of [
      [0, 0, 0],
      [16, 16, 2],
      [5, 20, 1],
    ])
      expect(pixels.data[b * 1024 + y * 32 + x]).toBe(galaxyPixel(6, y, x, b, 32));
    ws.close();
  });

  it('records an explicitly named text file that is not a spectrum as unsupported, saying why', async () => {
    const data = await mixedFolder();
    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    const summary = await ingestPaths(ws, [join(data, 'notes.txt'), join(data, 'catalog.csv')]);
    expect(summary).toMatchObject({ added: 0, failed: 2 });
    expect(summary.errors.map((e) => e.reason).sort()).toEqual([
      expect.stringMatching(
        /^not a spectrum table: line 1: the header \(name, ra, dec\) names no wavelength and flux column/,
      ),
      expect.stringMatching(/^not a spectrum table: line 1: the header \(observing notes, not a spectrum\)/),
    ]);
    ws.close();
  });

  it('skips unchanged files on a second ingest', async () => {
    const data = await mixedFolder();
    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    await ingestPaths(ws, [data]);
    const again = await ingestPaths(ws, [data]);
    expect(again).toMatchObject({ added: 0, updated: 0, skipped: 2, ignored: 2 });
    expect(countObjects(ws.db)).toEqual({ objects: 11, images: 10, spectra: 1 });
    ws.close();
  });
});
