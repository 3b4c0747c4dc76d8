import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { isFitsContent } from '../../../../electron/core/formats/fits/detect.js';

const card = (text: string) => text.padEnd(80, ' ');
const fitsHead = Buffer.from(
  card('SIMPLE  =                    T') + card('BITPIX  =                  -32') + card('END'),
);

describe('isFitsContent', () => {
  it('knows a plain FITS file by its first card', () => {
    expect(isFitsContent(fitsHead)).toBe(true);
  });

  it('knows a gzipped FITS file by its inflated first card, from the first KiB alone', () => {
    const big = Buffer.concat([fitsHead, Buffer.alloc(2880 * 50, 7)]);
    const gz = gzipSync(big);
    expect(isFitsContent(gz.subarray(0, 1024))).toBe(true);
    expect(isFitsContent(gz)).toBe(true);
  });

  it('refuses PNG, gzip of something else, an extension header and short input', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(isFitsContent(png)).toBe(false);
    expect(isFitsContent(gzipSync(Buffer.from('wavelength,flux\n1,2\n')))).toBe(false);
    expect(isFitsContent(Buffer.from(card("XTENSION= 'IMAGE   '")))).toBe(false);
    expect(isFitsContent(Buffer.from('SIMPLE'))).toBe(false);
    expect(isFitsContent(Buffer.from([0x1f, 0x8b, 0x08]))).toBe(false);
  });
});
