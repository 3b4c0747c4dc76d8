// Reading a tile-compressed image one row at a time (compressedImageRows) against decoding it
// whole: every row of every .fz fixture, whose tiles are single rows, blocks of rows and
// columns, partial edge tiles, dithered floats and integer masks.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { readFitsHduData } from '../../../../electron/core/formats/fits/reader.js';
import { compressedImageRows } from '../../../../electron/core/formats/fits/tile-compression.js';

const DIR = join(import.meta.dirname, '../../../fixtures/fits-images');
const files = readdirSync(DIR).filter((name) => name.endsWith('.fz'));

describe('tile-compressed images read row by row', () => {
  it('has fixtures with tiles of one row, of many rows and of partial columns', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const name of files) {
    it(`${name}: every row equals that row of the whole image`, () => {
      const bytes = readFileSync(join(DIR, name));
      const hdu = listFitsHdus(bytes)[1];
      const whole = readFitsHduData(bytes, hdu, { precision: 'float64' });
      const rows = compressedImageRows(bytes, hdu, 1 << 20);
      expect(rows.width * rows.rows).toBe(whole.length);
      // Backwards, so no row can lean on the tile decoded just before it.
      for (let r = rows.rows - 1; r >= 0; r--) {
        const row = rows.read(r, 'float64');
        expect(Array.from(row), `row ${r}`).toEqual(Array.from(whole.subarray(r * rows.width, (r + 1) * rows.width)));
      }
    });
  }

  it('refuses a row the image does not have and rows over the pixel limit', () => {
    const bytes = readFileSync(join(DIR, 'rice-i32.fits.fz'));
    const hdu = listFitsHdus(bytes)[1];
    const rows = compressedImageRows(bytes, hdu, 1 << 20);
    expect(() => rows.read(13, 'float32')).toThrow(/HDU 1 'COMPRESSED_IMAGE' has 13 rows, not a row 13/);
    expect(() => compressedImageRows(bytes, hdu, 10)).toThrow(/rows of 20 pixels are over the limit of 10/);
  });
});
