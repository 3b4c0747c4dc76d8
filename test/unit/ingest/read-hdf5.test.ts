import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readHdf5 } from '../../../electron/core/ingest/read-hdf5.js';
import { DEFAULT_READ_OPTIONS, UnreadableFileError } from '../../../electron/core/ingest/ingested-item.js';
import { modelInputFromImage } from '../../../electron/core/ingest/model-input.js';
import { writeHdf5 } from '../../../electron/core/formats/hdf5/file.js';
import { galaxyPixel, writeFloatNchw, writeGalaxy10Like } from '../../fixtures/hdf5/cutout-fixture.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();

describe('readHdf5', () => {
  it('makes one image item per row with its position, name, labels and the model input of its pixels', async () => {
    const path = join(tempDir(), 'g10.h5');
    await writeGalaxy10Like(path, 10, 32);
    const items = await readHdf5(path, DEFAULT_READ_OPTIONS);
    expect(items).toHaveLength(10);
    for (const [n, item] of items.entries()) {
      expect(item).toMatchObject({
        itemIndex: n,
        modality: 'image',
        hdu: null,
        width: 32,
        height: 32,
        bands: 3,
        nameHint: `G10-${String(n).padStart(3, '0')}`,
      });
      expect(item.inputLayout).toEqual({ store: 'image-64x64x3.npy', rowShape: [64, 64, 3] });
      expect(item.ra).toBeCloseTo(150 + n * 0.5, 12);
      expect(item.dec).toBeCloseTo(-2 + n * 0.25, 12);
      expect(item.metadata).toEqual([
        { key: 'ans', value: String(n % 10), number: n % 10 },
        {
          key: 'redshift',
          value: String(Number((0.01 * (n + 1)).toPrecision(2))),
          number: Number((0.01 * (n + 1)).toPrecision(2)),
        },
      ]);
      expect(item.thumbnail.subarray(8, 12).toString()).toBe('WEBP');
    }
    // The model input is exactly the shared image path's on the pixels written.
    const n = 7;
    const data = new Float32Array(3 * 32 * 32);
    for (let b = 0; b < 3; b++)
      for (let y = 0; y < 32; y++)
        for (let x = 0; x < 32; x++) data[b * 1024 + y * 32 + x] = galaxyPixel(n, y, x, b, 32);
    expect(Array.from(items[n].modelInput!)).toEqual(
      Array.from(modelInputFromImage({ width: 32, height: 32, bands: 3, data }, { size: 64, crop: 1 })),
    );
    const centre = (32 * 64 + 32) * 3 + 2;
    expect(items[n].modelInput![centre]).toBeGreaterThan(items[n].modelInput![2] + 2);
  });

  it('keeps every band of float (N, C, H, W) measurements, with text labels as metadata', async () => {
    const path = join(tempDir(), 'float.h5');
    const data = await writeFloatNchw(path, 3, 2, 8);
    const items = await readHdf5(path, { ...DEFAULT_READ_OPTIONS, inputSize: 8 });
    expect(items.map((i) => [i.bands, i.inputLayout!.store, i.nameHint, i.ra])).toEqual([
      [2, 'image-8x8x2.npy', null, null],
      [2, 'image-8x8x2.npy', null, null],
      [2, 'image-8x8x2.npy', null, null],
    ]);
    expect(items[1].metadata).toEqual([{ key: 'label', value: 'elliptical', number: null }]);
    const expected = modelInputFromImage(
      { width: 8, height: 8, bands: 2, data: data.slice(128, 256) },
      { size: 8, crop: 1 },
    );
    expect(Array.from(items[1].modelInput!)).toEqual(Array.from(expected));
  });

  it('reads gzip-compressed chunked images and fixed-length byte-string names, as h5py often writes them', async () => {
    const path = join(tempDir(), 'gzip.h5');
    const pixels = Uint8Array.from({ length: 6 * 16 * 16 * 3 }, (_, i) => i % 251);
    await writeHdf5(path, (f) => {
      f.create_dataset({
        name: 'images',
        data: pixels,
        shape: [6, 16, 16, 3],
        dtype: '<B',
        chunks: [2, 16, 16, 3],
        compression: 'gzip',
        compression_opts: 4,
      });
      f.create_dataset({ name: 'name', data: ['a', 'bb', 'ccc', 'd', 'e', 'f'], dtype: 'S4' });
    });
    const items = await readHdf5(path, { ...DEFAULT_READ_OPTIONS, inputSize: 16 });
    expect(items.map((i) => i.nameHint)).toEqual(['a', 'bb', 'ccc', 'd', 'e', 'f']);
    const data = new Float32Array(3 * 256);
    for (let i = 0; i < 256; i++) for (let b = 0; b < 3; b++) data[b * 256 + i] = pixels[4 * 768 + i * 3 + b];
    expect(Array.from(items[4].modelInput!)).toEqual(
      Array.from(modelInputFromImage({ width: 16, height: 16, bands: 3, data }, { size: 16, crop: 1 })),
    );
  });

  it('reads many rows in slices and refuses shapes above the pixel limit', async () => {
    const path = join(tempDir(), 'many.h5');
    const rows = 300;
    const side = 96;
    const pixels = new Uint8Array(rows * side * side);
    for (let n = 0; n < rows; n++) pixels[n * side * side + (side / 2) * side + side / 2] = n % 256;
    await writeHdf5(
      path,
      (f) => void f.create_dataset({ name: 'images', data: pixels, shape: [rows, side, side], dtype: '<B' }),
    );
    const items = await readHdf5(path, { ...DEFAULT_READ_OPTIONS, inputSize: 16 });
    expect(items.map((i) => i.itemIndex)).toEqual(Array.from({ length: rows }, (_, i) => i));
    expect(items.every((i) => i.bands === 1 && i.modelInput!.length === 256)).toBe(true);
    await expect(readHdf5(path, { ...DEFAULT_READ_OPTIONS, maxPixels: 1000 })).rejects.toThrow(/pixel limit/);
  });

  it('turns a truncated file into an UnreadableFileError with the HDF5 reason', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.h5');
    await writeGalaxy10Like(good, 4, 16);
    const bad = join(dir, 'bad.h5');
    writeFileSync(bad, readFileSync(good).subarray(0, 2000));
    const error = await readHdf5(bad, DEFAULT_READ_OPTIONS).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect((error as Error).message).toMatch(/^cannot open HDF5 file: truncated file/);
  });
});
