import { describe, it, expect } from 'vitest';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { FitsFormatError, readFitsImage } from '../../../../electron/core/formats/fits/reader.js';
import {
  type FitsImageToWrite,
  encodeFitsHeader,
  encodeFitsImage,
  formatCard,
} from '../../../../electron/core/formats/fits/writer.js';
import {
  encodeBinTableExtension,
  encodeEmptyPrimary,
  encodeFitsExtension,
  encodeFitsImageWithRawCards,
} from '../../../helpers/fits-fixtures.js';

function read(image: FitsImageToWrite, options = {}) {
  return readFitsImage(encodeFitsImage(image), options);
}

describe('readFitsImage pixel values for every BITPIX', () => {
  it('BITPIX 8: unsigned bytes, BSCALE/BZERO and BLANK', () => {
    const plain = read({ shape: [3, 2], bitpix: 8, data: [0, 1, 127, 128, 254, 255] });
    expect(plain.bitpix).toBe(8);
    expect([...plain.data]).toEqual([0, 1, 127, 128, 254, 255]);
    const scaled = read({
      shape: [3, 2],
      bitpix: 8,
      data: [0, 1, 127, 128, 254, 255],
      cards: [
        ['BSCALE', 2],
        ['BZERO', -10],
        ['BLANK', 255],
      ],
    });
    expect([...scaled.data]).toEqual([-10, -8, 244, 246, 498, NaN]);
  });

  it('BITPIX 16: the unsigned convention (BZERO 32768) and BLANK', () => {
    const unsigned = [0, 1, 32768, 65535];
    const image = read({ shape: [2, 2], bitpix: 16, data: unsigned.map((v) => v - 32768), cards: [['BZERO', 32768]] });
    expect([...image.data]).toEqual(unsigned);
    const blanked = read({ shape: [2, 2], bitpix: 16, data: [-32768, -1, 0, 32767], cards: [['BLANK', -1]] });
    expect([...blanked.data]).toEqual([-32768, NaN, 0, 32767]);
  });

  it('BITPIX 32: signed values, unsigned convention and fractional BSCALE', () => {
    expect([
      ...read({ shape: [2, 2], bitpix: 32, data: [-2147483648, -1, 0, 2147483647] }, { precision: 'float64' }).data,
    ]).toEqual([-2147483648, -1, 0, 2147483647]);
    const unsigned = read(
      { shape: [2, 1], bitpix: 32, data: [-2147483648, 2147483647], cards: [['BZERO', 2147483648]] },
      { precision: 'float64' },
    );
    expect([...unsigned.data]).toEqual([0, 4294967295]);
    const scaled = read({
      shape: [3, 1],
      bitpix: 32,
      data: [1, 2, 99],
      cards: [
        ['BSCALE', 0.5],
        ['BZERO', 1],
        ['BLANK', 99],
      ],
    });
    expect([...scaled.data]).toEqual([1.5, 2, NaN]);
  });

  it('BITPIX 64: 64-bit integers and BLANK', () => {
    const image = read(
      { shape: [2, 2], bitpix: 64, data: BigInt64Array.of(-5n, 2n ** 40n, 7n, -(2n ** 63n)), cards: [['BLANK', 7]] },
      { precision: 'float64' },
    );
    expect([...image.data]).toEqual([-5, 2 ** 40, NaN, -(2 ** 63)]);
  });

  it('BITPIX 64: a BLANK past 2^53 is matched exactly, not by its rounded double', () => {
    // -2^63 + 1 rounds to -2^63 as a double; only the stored -2^63 + 1 is blank.
    const bytes = encodeFitsImageWithRawCards(
      { shape: [3, 1], bitpix: 64, data: BigInt64Array.of(-(2n ** 63n), -(2n ** 63n) + 1n, 1n) },
      ['BLANK   = -9223372036854775807'],
    );
    const image = readFitsImage(bytes, { precision: 'float64' });
    expect(image.header.getBigInt('BLANK')).toBe(-(2n ** 63n) + 1n);
    expect([...image.data]).toEqual([-(2 ** 63), NaN, 1]);
  });

  it('BITPIX -32: floats exactly, NaN kept, BZERO/BSCALE applied', () => {
    const values = [0.1, -1.5, NaN, 3.4e38, -Infinity, 1e-40];
    const image = read({ shape: [3, 2], bitpix: -32, data: values });
    expect(image.data).toBeInstanceOf(Float32Array);
    expect([...image.data]).toEqual(values.map(Math.fround));
    const scaled = read({
      shape: [2, 1],
      bitpix: -32,
      data: [1, 2],
      cards: [
        ['BSCALE', 3],
        ['BZERO', 0.5],
      ],
    });
    expect([...scaled.data]).toEqual([3.5, 6.5]);
  });

  it('BITPIX -64: doubles exactly at float64 precision, rounded at float32', () => {
    const values = [Math.PI, -1e300, 5e-324, 0];
    const exact = read({ shape: [2, 2], bitpix: -64, data: values }, { precision: 'float64' });
    expect(exact.data).toBeInstanceOf(Float64Array);
    expect([...exact.data]).toEqual(values);
    expect([...read({ shape: [2, 2], bitpix: -64, data: values }).data]).toEqual([
      Math.fround(Math.PI),
      -Infinity,
      0,
      0,
    ]);
  });
});

describe('readFitsImage shapes', () => {
  it('reads a cube with NAXIS3 as bands, in FITS order', () => {
    const [w, h, b] = [4, 3, 2];
    const data = Array.from({ length: w * h * b }, (_, i) => i);
    const image = read({ shape: [w, h, b], bitpix: 16, data });
    expect(image).toMatchObject({ hduIndex: 0, shape: [4, 3, 2], width: 4, height: 3, bands: 2 });
    // Pixel (x=1, y=2) of band 1 is at x + w*(y + h*band).
    expect(image.data[1 + 4 * (2 + 3 * 1)]).toBe(21);
    expect([...image.data]).toEqual(data);
  });

  it('reads a 2-D image as one band and drops degenerate axes past the third', () => {
    expect(read({ shape: [2, 3], bitpix: 8, data: [1, 2, 3, 4, 5, 6] })).toMatchObject({
      shape: [2, 3],
      width: 2,
      height: 3,
      bands: 1,
    });
    const padded = read({ shape: [2, 3, 1, 1], bitpix: 8, data: [1, 2, 3, 4, 5, 6] });
    expect(padded).toMatchObject({ shape: [2, 3, 1], bands: 1 });
    expect([...padded.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('refuses more than three real dimensions, and 1-D data', () => {
    const hypercube = encodeFitsImage({ shape: [2, 2, 2, 2], bitpix: 8, data: new Array(16).fill(0) });
    expect(() => readFitsImage(hypercube, { hdu: 0 })).toThrow(
      'HDU 0 has 4 real dimensions (shape 2×2×2×2); only 2-D images and 3-D cubes are supported',
    );
    const spectrum = encodeFitsImage({ shape: [5], bitpix: -32, data: [1, 2, 3, 4, 5] });
    expect(() => readFitsImage(spectrum, { hdu: 0 })).toThrow('HDU 0 is 1-D (shape 5), not an image');
    expect(() => readFitsImage(spectrum)).toThrow(
      /HDU 0 is a 1-D array of 5 values with no wavelength axis, so neither/,
    );
  });
});

describe('HDU selection', () => {
  const file = Buffer.concat([
    encodeEmptyPrimary(),
    encodeBinTableExtension(5, 13), // 53 bytes of data: the next header comes after the padding
    encodeFitsExtension({ shape: [2, 2], bitpix: -32, data: [1, 2, 3, 4], extname: 'SCI' }),
    encodeFitsExtension({ shape: [2, 2], bitpix: 16, data: [5, 6, 7, 8], extname: 'ERR' }),
  ]);

  it('lists every HDU with its type, shape and data position', () => {
    const hdus = listFitsHdus(file);
    expect(hdus.map(({ header: _header, ...rest }) => rest)).toEqual([
      { index: 0, type: 'PRIMARY', shape: [], bitpix: 8, dataOffset: 2880, dataBytes: 0 },
      { index: 1, type: 'BINTABLE', extname: 'CATALOG', shape: [8, 5], bitpix: 8, dataOffset: 5760, dataBytes: 53 },
      { index: 2, type: 'IMAGE', extname: 'SCI', shape: [2, 2], bitpix: -32, dataOffset: 11520, dataBytes: 16 },
      { index: 3, type: 'IMAGE', extname: 'ERR', shape: [2, 2], bitpix: 16, dataOffset: 17280, dataBytes: 8 },
    ]);
  });

  it('takes the first IMAGE extension after an empty primary, skipping the table', () => {
    const image = readFitsImage(file);
    expect(image.hduIndex).toBe(2);
    expect(image.header.getString('EXTNAME')).toBe('SCI');
    expect([...image.data]).toEqual([1, 2, 3, 4]);
  });

  it('reads the HDU asked for, and explains why another cannot be read', () => {
    expect([...readFitsImage(file, { hdu: 3 }).data]).toEqual([5, 6, 7, 8]);
    expect(() => readFitsImage(file, { hdu: 1 })).toThrow("HDU 1 'CATALOG' is a BINTABLE extension, not an image");
    expect(() => readFitsImage(file, { hdu: 0 })).toThrow('HDU 0 holds no data');
    expect(() => readFitsImage(file, { hdu: 9 })).toThrow('the file has no HDU 9 (it has 4)');
  });

  it('prefers the primary when it holds an image', () => {
    const both = Buffer.concat([
      encodeFitsImage({ shape: [1, 2], bitpix: 8, data: [9, 8], cards: [['EXTEND', true]] }),
      encodeFitsExtension({ shape: [2, 2], bitpix: -32, data: [1, 2, 3, 4] }),
    ]);
    expect(readFitsImage(both)).toMatchObject({ hduIndex: 0, width: 1, height: 2 });
  });

  it('stops listing at trailing bytes that are not an extension', () => {
    const junk = Buffer.concat([
      encodeFitsImage({ shape: [2, 2], bitpix: 8, data: [1, 2, 3, 4] }),
      Buffer.alloc(2880, 0x41),
    ]);
    expect(listFitsHdus(junk).length).toBe(1);
    expect([...readFitsImage(junk).data]).toEqual([1, 2, 3, 4]);
  });

  it('says what is wrong with a broken tile-compressed image, and explains files without images', () => {
    const fpacked = Buffer.concat([
      encodeEmptyPrimary(),
      encodeBinTableExtension(2, 0, 'COMPRESSED_IMAGE', [formatCard('ZIMAGE', true)]),
    ]);
    expect(() => readFitsImage(fpacked)).toThrow(
      "HDU 1 'COMPRESSED_IMAGE': compressed image has an invalid ZBITPIX (missing)",
    );
    const tableOnly = Buffer.concat([encodeEmptyPrimary(), encodeBinTableExtension(2)]);
    expect(() => readFitsImage(tableOnly)).toThrow('no image HDU in the file');
  });
});

describe('readFitsImage errors', () => {
  it('reports truncated pixel data', () => {
    const bytes = encodeFitsImage({ shape: [10, 10], bitpix: -32, data: new Array(100).fill(1) });
    const cut = bytes.subarray(0, 2880 + 399);
    expect(() => readFitsImage(cut)).toThrow(FitsFormatError);
    expect(() => readFitsImage(cut)).toThrow(
      'the file is truncated: HDU 0 needs 400 bytes of pixels, only 399 are present',
    );
    // A writer that skips the final padding is fine as long as every pixel is there.
    expect(readFitsImage(bytes.subarray(0, 2880 + 400)).data.length).toBe(100);
  });

  it('refuses absurd dimensions before allocating', () => {
    const header = encodeFitsHeader([
      formatCard('SIMPLE', true),
      formatCard('BITPIX', -32),
      formatCard('NAXIS', 3),
      formatCard('NAXIS1', 100000),
      formatCard('NAXIS2', 100000),
      formatCard('NAXIS3', 1000),
    ]);
    expect(() => readFitsImage(header)).toThrow(
      'image in HDU 0 is 100000×100000×1000 = 10000000000000 pixels, over the limit of 268435456',
    );
    const small = encodeFitsImage({ shape: [10, 10], bitpix: 8, data: new Array(100).fill(0) });
    expect(() => readFitsImage(small, { maxPixels: 99 })).toThrow(/over the limit of 99/);
  });

  it('rejects invalid structural keywords and non-FITS bytes', () => {
    const badBitpix = encodeFitsHeader([formatCard('SIMPLE', true), formatCard('BITPIX', 12), formatCard('NAXIS', 0)]);
    expect(() => readFitsImage(badBitpix)).toThrow('HDU 0 has an invalid BITPIX (12)');
    const noNaxis2 = encodeFitsHeader([
      formatCard('SIMPLE', true),
      formatCard('BITPIX', 8),
      formatCard('NAXIS', 2),
      formatCard('NAXIS1', 4),
    ]);
    expect(() => readFitsImage(noNaxis2)).toThrow('HDU 0 has an invalid NAXIS2 (missing)');
    expect(() => readFitsImage(Buffer.from('hello, world'))).toThrow(/not a FITS file/);
  });
});
