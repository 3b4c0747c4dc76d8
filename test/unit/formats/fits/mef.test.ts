// Multi-extension FITS: choosing the image HDU by number or EXTNAME, and each image HDU as its
// own ingest item, against astropy's reading of test/fixtures/fits-images/mef3.fits.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { listImageHdus, readFitsImage } from '../../../../electron/core/formats/fits/reader.js';
import { readFits } from '../../../../electron/core/ingest/read-fits.js';
import { DEFAULT_READ_OPTIONS } from '../../../../electron/core/ingest/ingested-item.js';

const DIR = join(import.meta.dirname, '../../../fixtures/fits-images');
const MEF = join(DIR, 'mef3.fits');
const expected = JSON.parse(readFileSync(`${MEF}.json`, 'utf8')) as {
  hdu: number;
  extname: string;
  shape: number[];
  values: number[];
}[];

describe('multi-extension FITS', () => {
  const bytes = readFileSync(MEF);

  it('reads the first image HDU by default, as before', () => {
    const image = readFitsImage(bytes);
    expect(image.hduIndex).toBe(1);
    expect([...image.data]).toEqual(expected[0].values.map(Math.fround));
  });

  it('reads any image HDU by number or EXTNAME (ignoring case), with astropy values', () => {
    for (const e of expected) {
      const byIndex = readFitsImage(bytes, { hdu: e.hdu, precision: 'float64' });
      const byName = readFitsImage(bytes, { hdu: e.extname.toLowerCase(), precision: 'float64' });
      expect(byName.hduIndex).toBe(e.hdu);
      expect([byIndex.width, byIndex.height]).toEqual(e.shape);
      expect([...byIndex.data]).toEqual(e.values.map((v) => (e.extname === 'SCI' ? Math.fround(v) : v)));
      expect([...byName.data]).toEqual([...byIndex.data]);
    }
  });

  it('lists the image HDUs and names the HDUs a wrong EXTNAME could have meant', () => {
    expect(listImageHdus(listFitsHdus(bytes)).map((h) => h.extname)).toEqual(['SCI', 'ERR', 'DQ']);
    expect(() => readFitsImage(bytes, { hdu: 'VAR' })).toThrow(
      "the file has no HDU named 'VAR' (it has 'SCI', 'ERR', 'DQ')",
    );
    expect(() => readFitsImage(bytes, { hdu: 7 })).toThrow('the file has no HDU 7 (it has 4)');
    expect(() => readFitsImage(bytes, { hdu: 0 })).toThrow('HDU 0 holds no data');
  });

  it('ingest reads one object by default, the HDU asked for, or one object per image HDU', async () => {
    const one = await readFits(MEF, DEFAULT_READ_OPTIONS);
    expect(one.map((i) => [i.itemIndex, i.hdu])).toEqual([[0, 1]]);
    const chosen = await readFits(MEF, { ...DEFAULT_READ_OPTIONS, hdu: 'DQ' });
    expect(chosen.map((i) => [i.itemIndex, i.hdu])).toEqual([[0, 3]]);
    const each = await readFits(MEF, { ...DEFAULT_READ_OPTIONS, eachImageHdu: true });
    expect(each.map((i) => [i.itemIndex, i.hdu, i.width, i.height])).toEqual([
      [1, 1, 9, 10],
      [2, 2, 9, 10],
      [3, 3, 9, 10],
    ]);
    await expect(readFits(MEF, { ...DEFAULT_READ_OPTIONS, hdu: 'NOPE' })).rejects.toThrow(/no HDU named 'NOPE'/);
  });
});
