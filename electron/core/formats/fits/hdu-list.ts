// The HDUs of a FITS file held in memory: each header parsed, its data located by the standard
// data-size rule (BITPIX, NAXISn, PCOUNT, GCOUNT; random groups included), the walk stopping
// quietly at trailing junk or a truncated last HDU. Everything that reads HDUs starts here: the
// image reader (reader.ts), the binary and ASCII table readers (table.ts, ascii-table.ts) and
// the tile-compressed image decoder (tile-compression.ts), none of which depends on another
// through this list.
import { FITS_BLOCK_BYTES, FitsFormatError, type FitsHeader, parseFitsHeader } from './header.js';

export type FitsHduType = 'PRIMARY' | 'IMAGE' | 'BINTABLE' | 'TABLE' | 'OTHER';

export interface FitsHduInfo {
  index: number;
  type: FitsHduType;
  extname?: string;
  /** NAXISn in FITS order (NAXIS1 first); empty when the HDU has no data. */
  shape: number[];
  bitpix: number;
  header: FitsHeader;
  /** Byte offset of the data in the buffer. */
  dataOffset: number;
  /** Bytes of data without the padding to 2880. */
  dataBytes: number;
}

const VALID_BITPIX = new Set([8, 16, 32, 64, -32, -64]);

function hduTypeOf(header: FitsHeader, index: number): FitsHduType {
  if (index === 0) return 'PRIMARY';
  const xtension = header.getString('XTENSION', '').trim().toUpperCase();
  if (xtension === 'IMAGE' || xtension === 'IUEIMAGE') return 'IMAGE';
  if (xtension === 'BINTABLE' || xtension === 'A3DTABLE') return 'BINTABLE';
  if (xtension === 'TABLE') return 'TABLE';
  return 'OTHER';
}

function describeHdu(header: FitsHeader, index: number): FitsHduInfo {
  const bitpix = header.getNumber('BITPIX');
  if (bitpix === undefined || !VALID_BITPIX.has(bitpix)) {
    throw new FitsFormatError(`HDU ${index} has an invalid BITPIX (${header.get('BITPIX') ?? 'missing'})`);
  }
  const naxis = header.getNumber('NAXIS');
  if (naxis === undefined || !Number.isInteger(naxis) || naxis < 0 || naxis > 999) {
    throw new FitsFormatError(`HDU ${index} has an invalid NAXIS (${header.get('NAXIS') ?? 'missing'})`);
  }
  const shape: number[] = [];
  for (let axis = 1; axis <= naxis; axis++) {
    const n = header.getNumber(`NAXIS${axis}`);
    if (n === undefined || !Number.isSafeInteger(n) || n < 0) {
      const given = header.get(`NAXIS${axis}`) ?? 'missing';
      throw new FitsFormatError(`HDU ${index} has an invalid NAXIS${axis} (${given})`);
    }
    shape.push(n);
  }
  // Random groups (primary with NAXIS1 = 0 and GROUPS = T) leave NAXIS1 out of the product.
  const randomGroups = index === 0 && shape[0] === 0 && header.getBoolean('GROUPS') === true;
  const axes = randomGroups ? shape.slice(1) : shape;
  const product = naxis === 0 ? 0 : axes.reduce((a, b) => a * b, 1);
  const gcount = header.getNumber('GCOUNT', 1);
  const pcount = header.getNumber('PCOUNT', 0);
  const dataBytes = (Math.abs(bitpix) / 8) * gcount * (pcount + product);
  if (!Number.isSafeInteger(dataBytes) || dataBytes < 0) {
    throw new FitsFormatError(`HDU ${index} declares an impossible data size`);
  }
  const extname = header.getString('EXTNAME')?.trim();
  return {
    index,
    type: hduTypeOf(header, index),
    ...(extname ? { extname } : {}),
    shape: naxis === 0 ? [] : shape,
    bitpix,
    header,
    dataOffset: header.end,
    dataBytes,
  };
}

/**
 * Every HDU in the file, in order. Stops quietly at trailing bytes that are not an extension
 * header (some writers leave junk after the last HDU) or at a truncated last HDU.
 */
export function listFitsHdus(buffer: Uint8Array): FitsHduInfo[] {
  const hdus: FitsHduInfo[] = [describeHdu(parseFitsHeader(buffer, 0), 0)];
  for (;;) {
    const last = hdus[hdus.length - 1];
    const next = last.dataOffset + Math.ceil(last.dataBytes / FITS_BLOCK_BYTES) * FITS_BLOCK_BYTES;
    if (next + FITS_BLOCK_BYTES > buffer.byteLength) break;
    let header: FitsHeader;
    try {
      header = parseFitsHeader(buffer, next);
    } catch (err) {
      if (err instanceof FitsFormatError) break;
      throw err;
    }
    hdus.push(describeHdu(header, hdus.length));
  }
  return hdus;
}
