// Tile-compressed (.fz) and gzipped images against what astropy decodes from the same files
// (test/fixtures/fits-images, made by make-fixtures.py): integers bit-exact, quantised floats
// to float32 precision.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { FitsFormatError, readFitsImage } from '../../../../electron/core/formats/fits/reader.js';
import { gunzipBounded, maybeGunzipFits } from '../../../../electron/core/formats/fits/gzip.js';
import { ditherRandomTable } from '../../../../electron/core/formats/fits/quantization.js';

const DIR = join(import.meta.dirname, '../../../fixtures/fits-images');

interface Expected {
  hdu: number;
  extname: string | null;
  shape: number[];
  dtype: string;
  values: (number | null)[];
}

function fixture(name: string): { bytes: Buffer; expected: Expected[] } {
  return {
    bytes: readFileSync(join(DIR, name)),
    expected: JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as Expected[],
  };
}

function expectValues(actual: Float32Array | Float64Array, expected: Expected, exact: boolean): void {
  expect(actual.length).toBe(expected.values.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const want = expected.values[i];
    if (want === null) {
      expect(actual[i], `pixel ${i}`).toBeNaN();
      continue;
    }
    if (exact) {
      if (actual[i] !== want) expect(actual[i], `pixel ${i}`).toBe(want);
    } else {
      worst = Math.max(worst, Math.abs(actual[i] - want) / Math.max(1, Math.abs(want)));
    }
  }
  expect(worst).toBeLessThan(1e-6);
}

describe('tile-compressed images (astropy ground truth)', () => {
  const cases: [string, boolean][] = [
    ['rice-i16.fits.fz', true],
    ['rice-i32.fits.fz', true],
    ['rice-u8.fits.fz', true],
    ['rice-u16-bzero.fits.fz', true],
    ['gzip1-i16.fits.fz', true],
    ['gzip2-i32.fits.fz', true],
    ['gzip2-f32-lossless.fits.fz', true],
    ['rice-f32-dither1.fits.fz', false],
    ['rice-f32-nodither.fits.fz', false],
    ['rice-f32-nan.fits.fz', false],
    ['rice-f32-dither2.fits.fz', false],
    ['gzip1-f32.fits.fz', false],
  ];
  for (const [name, exact] of cases) {
    it(`${name} decodes to astropy's values`, () => {
      const { bytes, expected } = fixture(name);
      const image = readFitsImage(bytes, { precision: 'float64' });
      expect(image.hduIndex).toBe(1);
      expect([image.width, image.height]).toEqual(expected[0].shape);
      expectValues(image.data, expected[0], exact);
      // float32 output (what ingest uses) matches astropy's float32 too.
      if (!exact) expectValues(readFitsImage(bytes).data, expected[0], false);
    });
  }

  it('the dither table is the standard one', () => {
    const table = ditherRandomTable();
    expect(table.length).toBe(10000);
    expect(table[0]).toBeCloseTo(16807 / 2147483647, 12);
  });

  it('refuses truncated, corrupt and oversized compressed images with the HDU named', () => {
    const { bytes } = fixture('rice-i32.fits.fz');
    const hdus = listFitsHdus(bytes);
    const heapStart = hdus[1].dataOffset + hdus[1].shape[0] * hdus[1].shape[1];
    expect(() => readFitsImage(bytes.subarray(0, heapStart + 10))).toThrow(/truncated|end early|outside the heap/);
    expect(() => readFitsImage(bytes, { maxPixels: 100 })).toThrow(/HDU 1 'COMPRESSED_IMAGE'.*over the limit of 100/);
    const corrupt = Buffer.from(bytes);
    corrupt.fill(0xff, heapStart, heapStart + 200);
    expect(() => readFitsImage(corrupt)).toThrow(FitsFormatError);
    const badAlgorithm = Buffer.from(
      bytes.toString('latin1').replace("ZCMPTYPE= 'RICE_1  '   ", "ZCMPTYPE= 'HCOMPRESS_1'"),
      'latin1',
    );
    expect(() => readFitsImage(badAlgorithm)).toThrow(
      /HDU 1 'COMPRESSED_IMAGE': compression 'HCOMPRESS_1' is not supported/,
    );
  });
});

describe('corrupted tile-compressed files', () => {
  it('either decode or throw a FitsFormatError, never anything else', () => {
    // A fixed pseudo-random sequence of byte flips in the header, table and heap.
    let state = 12345;
    const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (const name of ['rice-f32-dither1.fits.fz', 'gzip2-i32.fits.fz', 'rice-i16.fits.fz']) {
      const { bytes } = fixture(name);
      const heap = listFitsHdus(bytes)[1].dataOffset;
      for (let trial = 0; trial < 200; trial++) {
        const broken = Buffer.from(bytes);
        for (let k = 0; k < 4; k++)
          broken[heap + Math.floor(random() * (bytes.length - heap))] = Math.floor(random() * 256);
        try {
          readFitsImage(broken);
        } catch (err) {
          expect(err, `${name} trial ${trial}`).toBeInstanceOf(FitsFormatError);
        }
      }
    }
  });
});

describe('gzipped FITS', () => {
  it('plain.fits.gz decodes to astropy values', () => {
    const { bytes, expected } = fixture('plain.fits.gz');
    const image = readFitsImage(bytes);
    expect([image.width, image.height]).toEqual(expected[0].shape);
    expectValues(image.data, expected[0], true);
  });

  it('refuses a gzip bomb past the bound and a corrupt stream with a clear error', () => {
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => gunzipBounded(bomb, 1024 * 1024, 'bomb.fits.gz')).toThrow(
      'bomb.fits.gz inflates to more than 1048576 bytes; refused',
    );
    const { bytes } = fixture('plain.fits.gz');
    expect(() => gunzipBounded(bytes.subarray(0, bytes.length - 40), undefined, 'cut.fits.gz')).toThrow(
      /cut.fits.gz is not valid gzip/,
    );
    expect(maybeGunzipFits(Buffer.from('SIMPLE'))).toEqual(Buffer.from('SIMPLE'));
  });
});
