// A small FITS image writer: the demo collection writes its cubes with it and tests write
// fixtures whose pixel values are known. Primary HDU only, big-endian, padded to 2880 bytes.
import { writeFileAtomicSync } from '../../util/atomic-write.js';

export const FITS_BLOCK = 2880;
const CARD = 80;

export type FitsBitpix = 8 | 16 | 32 | 64 | -32 | -64;
export type FitsCardValue = string | number | boolean;

export interface FitsImageToWrite {
  /** Axis lengths in FITS order: NAXIS1 (x, fastest), NAXIS2 (y), optional NAXIS3 (band). */
  shape: number[];
  bitpix: FitsBitpix;
  /** Raw stored values in FITS order (x fastest); integers are written as given, before BZERO/BSCALE. */
  data: ArrayLike<number> | BigInt64Array;
  /** Extra cards after the mandatory ones, e.g. BZERO, BSCALE, BLANK, BUNIT, CRVAL1. */
  cards?: [keyword: string, value: FitsCardValue, comment?: string][];
}

function formatValue(value: FitsCardValue): string {
  if (typeof value === 'boolean') return (value ? 'T' : 'F').padStart(20);
  if (typeof value === 'number') {
    const text = Number.isInteger(value) ? String(value) : value.toExponential(12).toUpperCase();
    return text.padStart(20);
  }
  const escaped = value.replace(/'/g, "''");
  return `'${escaped.padEnd(8)}'`;
}

export function formatCard(keyword: string, value?: FitsCardValue, comment?: string): string {
  if (keyword.length > 8) throw new Error(`FITS keyword too long: ${keyword}`);
  let card = keyword.padEnd(8);
  if (value !== undefined) card += '= ' + formatValue(value);
  if (comment) card += ' / ' + comment;
  if (card.length > CARD) throw new Error(`FITS card longer than 80 characters: ${card}`);
  return card.padEnd(CARD);
}

export function encodeFitsHeader(cards: string[]): Buffer {
  const all = [...cards, formatCard('END')];
  const blocks = Math.ceil((all.length * CARD) / FITS_BLOCK);
  return Buffer.from(all.join('').padEnd(blocks * FITS_BLOCK), 'latin1');
}

function encodeData(image: FitsImageToWrite): Buffer {
  const count = image.shape.reduce((a, b) => a * b, 1);
  if (image.data.length !== count) throw new Error(`FITS data has ${image.data.length} values, shape needs ${count}`);
  const bytesPer = Math.abs(image.bitpix) / 8;
  const padded = Math.ceil((count * bytesPer) / FITS_BLOCK) * FITS_BLOCK;
  const out = Buffer.alloc(padded);
  for (let i = 0; i < count; i++) {
    const offset = i * bytesPer;
    switch (image.bitpix) {
      case 8:
        out.writeUInt8(Number(image.data[i]), offset);
        break;
      case 16:
        out.writeInt16BE(Number(image.data[i]), offset);
        break;
      case 32:
        out.writeInt32BE(Number(image.data[i]), offset);
        break;
      case 64:
        out.writeBigInt64BE(BigInt(image.data[i] as number | bigint), offset);
        break;
      case -32:
        out.writeFloatBE(Number(image.data[i]), offset);
        break;
      case -64:
        out.writeDoubleBE(Number(image.data[i]), offset);
        break;
    }
  }
  return out;
}

export function encodeFitsImage(image: FitsImageToWrite): Buffer {
  const cards = [
    formatCard('SIMPLE', true, 'conforms to FITS standard'),
    formatCard('BITPIX', image.bitpix),
    formatCard('NAXIS', image.shape.length),
    ...image.shape.map((n, i) => formatCard(`NAXIS${i + 1}`, n)),
    ...(image.cards ?? []).map(([k, v, c]) => formatCard(k, v, c)),
  ];
  return Buffer.concat([encodeFitsHeader(cards), encodeData(image)]);
}

export function writeFitsImage(path: string, image: FitsImageToWrite): void {
  writeFileAtomicSync(path, encodeFitsImage(image));
}
