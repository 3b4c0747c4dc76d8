// FITS fixtures for tests: multi-HDU files (an empty primary, IMAGE and BINTABLE extensions)
// and hand-written header cards, built on the project's fits/writer.ts so pixel values are known.
import {
  type FitsImageToWrite,
  FITS_BLOCK,
  encodeFitsHeader,
  encodeFitsImage,
  formatCard,
} from '../../electron/core/formats/fits/writer.js';
import { parseFitsHeader } from '../../electron/core/formats/fits/header.js';

/** Pads raw card text to 80 characters (for commentary, CONTINUE and deliberately sloppy cards). */
export function rawCard(text: string): string {
  if (text.length > 80) throw new Error(`card longer than 80 characters: ${text}`);
  return text.padEnd(80);
}

/** A header block from 80-character cards; END is appended and the block padded. */
export function headerFromCards(cards: string[]): Buffer {
  return encodeFitsHeader(cards);
}

/** A primary HDU with no data, as files whose images live in extensions begin. */
export function encodeEmptyPrimary(extraCards: string[] = []): Buffer {
  return encodeFitsHeader([
    formatCard('SIMPLE', true),
    formatCard('BITPIX', 8),
    formatCard('NAXIS', 0),
    formatCard('EXTEND', true),
    ...extraCards,
  ]);
}

/** The padded data part of what fits/writer.ts would write for `image`. */
function encodedData(image: FitsImageToWrite): Buffer {
  const full = encodeFitsImage(image);
  return full.subarray(parseFitsHeader(full).byteLength);
}

/** A primary image whose extra cards are raw text (values fits/writer.ts cannot express). */
export function encodeFitsImageWithRawCards(image: FitsImageToWrite, rawCards: string[]): Buffer {
  const cards = [
    formatCard('SIMPLE', true),
    formatCard('BITPIX', image.bitpix),
    formatCard('NAXIS', image.shape.length),
    ...image.shape.map((n, i) => formatCard(`NAXIS${i + 1}`, n)),
    ...rawCards.map(rawCard),
  ];
  return Buffer.concat([encodeFitsHeader(cards), encodedData(image)]);
}

export function encodeFitsExtension(image: FitsImageToWrite & { extname?: string }): Buffer {
  const cards = [
    formatCard('XTENSION', 'IMAGE', 'image extension'),
    formatCard('BITPIX', image.bitpix),
    formatCard('NAXIS', image.shape.length),
    ...image.shape.map((n, i) => formatCard(`NAXIS${i + 1}`, n)),
    formatCard('PCOUNT', 0),
    formatCard('GCOUNT', 1),
    ...(image.extname ? [formatCard('EXTNAME', image.extname)] : []),
    ...(image.cards ?? []).map(([k, v, c]) => formatCard(k, v, c)),
  ];
  return Buffer.concat([encodeFitsHeader(cards), encodedData(image)]);
}

/**
 * A BINTABLE extension of `rows` rows with one 8-byte column and `heapBytes` of heap (PCOUNT),
 * filled with a recognisable byte pattern; the data size is deliberately not a block multiple.
 */
export function encodeBinTableExtension(
  rows: number,
  heapBytes = 0,
  extname = 'CATALOG',
  extraCards: string[] = [],
): Buffer {
  const rowBytes = 8;
  const cards = [
    formatCard('XTENSION', 'BINTABLE'),
    formatCard('BITPIX', 8),
    formatCard('NAXIS', 2),
    formatCard('NAXIS1', rowBytes),
    formatCard('NAXIS2', rows),
    formatCard('PCOUNT', heapBytes),
    formatCard('GCOUNT', 1),
    formatCard('TFIELDS', 1),
    formatCard('TFORM1', '1D'),
    formatCard('TTYPE1', 'FLUX'),
    formatCard('EXTNAME', extname),
    ...extraCards,
  ];
  const dataBytes = rows * rowBytes + heapBytes;
  const data = Buffer.alloc(Math.ceil(dataBytes / FITS_BLOCK) * FITS_BLOCK);
  for (let i = 0; i < dataBytes; i++) data[i] = (i * 7 + 3) & 0xff;
  return Buffer.concat([encodeFitsHeader(cards), data]);
}

/** The value of each `KEY = value` card of the first header in `bytes`, read without any FITS library. */
export function rawHeaderValues(bytes: Buffer): Map<string, string> {
  const cards = new Map<string, string>();
  for (let offset = 0; offset < bytes.length; offset += 80) {
    const card = bytes.toString('latin1', offset, offset + 80);
    const key = card.slice(0, 8).trim();
    if (key === 'END') break;
    if (card.slice(8, 10) === '= ') cards.set(key, card.slice(10).split(' / ')[0].trim());
  }
  return cards;
}
