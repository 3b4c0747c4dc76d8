import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cutoutOrder,
  detectCutoutLayout,
  planarRow,
  readCutoutSlices,
} from '../../../../electron/core/formats/hdf5/cutouts.js';
import { openHdf5, writeHdf5 } from '../../../../electron/core/formats/hdf5/file.js';
import { galaxyPixel, writeFloatNchw, writeGalaxy10Like } from '../../../fixtures/hdf5/cutout-fixture.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir();
const MAX_PIXELS = 1 << 27;

describe('cutoutOrder', () => {
  it('reads the channel axis at position 3 or 1, and refuses what could be either or neither', () => {
    expect(cutoutOrder([10, 64, 48])).toEqual({ order: 'nhw', height: 64, width: 48, bands: 1 });
    expect(cutoutOrder([10, 256, 256, 3])).toEqual({ order: 'nhwc', height: 256, width: 256, bands: 3 });
    expect(cutoutOrder([10, 4, 32, 40])).toEqual({ order: 'nchw', height: 32, width: 40, bands: 4 });
    expect(() => cutoutOrder([10, 3, 32, 3])).toThrow(/ambiguous/);
    expect(() => cutoutOrder([10, 32, 32, 5])).toThrow(/no channel axis/);
    expect(() => cutoutOrder([10, 3, 100])).toThrow(/too small/);
    expect(() => cutoutOrder([10, 100])).toThrow(/3-D or 4-D/);
  });
});

describe('HDF5 cutout layout and rows', () => {
  it('finds the Galaxy10 layout and its parallel columns, and reads back the pixels written', async () => {
    const path = join(tempDir(), 'g10.h5');
    await writeGalaxy10Like(path, 10, 32);
    const file = await openHdf5(path);
    try {
      const layout = detectCutoutLayout(file, MAX_PIXELS);
      expect(layout).toMatchObject({
        path: 'images',
        rows: 10,
        height: 32,
        width: 32,
        bands: 3,
        order: 'nhwc',
        kind: 'uint8',
      });
      expect(Object.fromEntries(layout.columns.map((c) => [c.key, c.role]))).toEqual({
        ans: 'metadata',
        dec: 'dec',
        names: 'name',
        ra: 'ra',
        redshift: 'metadata',
      });
      let rows = 0;
      for (const slice of readCutoutSlices(file, layout)) {
        for (let r = 0; r < slice.count; r++) {
          const n = slice.start + r;
          const planar = planarRow(layout, slice.pixels, r);
          for (const [y, x, b] of [
            [0, 0, 0],
            [16, 15, 2],
            [31, 5, 1],
          ])
            expect(planar[b * 32 * 32 + y * 32 + x]).toBe(galaxyPixel(n, y, x, b, 32));
          const values = Object.fromEntries(layout.columns.map((c, i) => [c.key, slice.columns[i][r]]));
          expect(values).toMatchObject({ ans: n % 10, names: `G10-${String(n).padStart(3, '0')}` });
          expect(values.ra).toBeCloseTo(150 + n * 0.5, 12);
          expect(values.redshift).toBeCloseTo(0.01 * (n + 1), 6);
          rows++;
        }
      }
      expect(rows).toBe(10);
    } finally {
      file.close();
    }
  });

  it('reads rows in bounded slices that together cover every row once, columns alongside', async () => {
    const path = join(tempDir(), 'g10.h5');
    await writeGalaxy10Like(path, 10, 16);
    const file = await openHdf5(path);
    try {
      const layout = detectCutoutLayout(file, MAX_PIXELS);
      // 16×16×3 bytes a row: 2000 bytes per slice is 2 rows.
      const slices = [...readCutoutSlices(file, layout, 2000)];
      expect(slices.map((s) => [s.start, s.count, s.pixels.length])).toEqual(
        [0, 2, 4, 6, 8].map((start) => [start, 2, 2 * 768]),
      );
      const names = slices.flatMap((s) => s.columns[layout.columns.findIndex((c) => c.role === 'name')]);
      expect(names).toEqual(Array.from({ length: 10 }, (_, i) => `G10-${String(i).padStart(3, '0')}`));
      expect(planarRow(layout, slices[3].pixels, 1)[2 * 256 + 8 * 16 + 8]).toBe(galaxyPixel(7, 8, 8, 2, 16));
    } finally {
      file.close();
    }
  });

  it('reads (N, C, H, W) float rows inside a group, with text labels beside them', async () => {
    const path = join(tempDir(), 'float.h5');
    const data = await writeFloatNchw(path, 3, 2, 8);
    const file = await openHdf5(path);
    try {
      const layout = detectCutoutLayout(file, MAX_PIXELS);
      expect(layout).toMatchObject({ path: 'cutouts/pixels', rows: 3, bands: 2, order: 'nchw', kind: 'measured' });
      expect(layout.columns.map((c) => [c.key, c.role])).toEqual([['label', 'metadata']]);
      const [slice] = [...readCutoutSlices(file, layout)];
      expect(Array.from(planarRow(layout, slice.pixels, 2))).toEqual(Array.from(data.subarray(2 * 128, 3 * 128)));
      expect(slice.columns[0]).toEqual(['spiral', 'elliptical', 'merger']);
    } finally {
      file.close();
    }
  });

  it('reads 64-bit integer rows (which h5wasm hands back as BigInts) as measurements', async () => {
    const path = join(tempDir(), 'int64.h5');
    const values = BigInt64Array.from({ length: 2 * 8 * 8 }, (_, i) => BigInt(i * 1000 - 5000));
    await writeHdf5(path, (f) => void f.create_dataset({ name: 'counts', data: values, shape: [2, 8, 8] }));
    const file = await openHdf5(path);
    try {
      const layout = detectCutoutLayout(file, MAX_PIXELS);
      expect(layout).toMatchObject({ path: 'counts', order: 'nhw', bands: 1, kind: 'measured' });
      const [slice] = [...readCutoutSlices(file, layout)];
      expect(Array.from(planarRow(layout, slice.pixels, 1))).toEqual(
        Array.from({ length: 64 }, (_, i) => (64 + i) * 1000 - 5000),
      );
    } finally {
      file.close();
    }
  });

  it('refuses non-numeric images, ambiguous files and absurd sizes with a reason', async () => {
    const dir = tempDir();
    const text = join(dir, 'text.h5');
    await writeHdf5(text, (f) => void f.create_dataset({ name: 'images', data: ['a', 'b'] }));
    const twins = join(dir, 'twins.h5');
    await writeHdf5(twins, (f) => {
      f.create_dataset({ name: 'a', data: new Float32Array(2 * 8 * 8), shape: [2, 8, 8] });
      f.create_dataset({ name: 'b', data: new Float32Array(2 * 8 * 8), shape: [2, 8, 8] });
    });
    const none = join(dir, 'none.h5');
    await writeHdf5(none, (f) => void f.create_dataset({ name: 'x', data: new Float32Array(4) }));
    const one = join(dir, 'one.h5');
    await writeHdf5(
      one,
      (f) => void f.create_dataset({ name: 'cube', data: new Float32Array(2 * 8 * 8), shape: [2, 8, 8] }),
    );
    const cases: [string, RegExp, number][] = [
      [text, /not numeric/, MAX_PIXELS],
      [twins, /ambiguous/, MAX_PIXELS],
      [none, /no 3-D or 4-D/, MAX_PIXELS],
      [one, /pixel limit/, 10],
    ];
    for (const [path, reason, maxPixels] of cases) {
      const file = await openHdf5(path);
      try {
        expect(() => detectCutoutLayout(file, maxPixels)).toThrow(reason);
      } finally {
        file.close();
      }
    }
  });

  it('turns a truncated or garbage file into a clear error', async () => {
    const dir = tempDir();
    const good = join(dir, 'good.h5');
    await writeGalaxy10Like(good, 4, 16);
    const truncated = join(dir, 'truncated.h5');
    writeFileSync(truncated, readFileSync(good).subarray(0, 1000));
    const garbage = join(dir, 'garbage.h5');
    writeFileSync(garbage, 'this is not an HDF5 file at all');
    await expect(openHdf5(truncated)).rejects.toThrow(/cannot open HDF5 file: truncated file/);
    await expect(openHdf5(garbage)).rejects.toThrow(/cannot open HDF5 file: file signature not found/);
  });
});
