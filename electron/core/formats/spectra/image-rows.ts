// Reading one row of a many-row spectrum image (an aperture of a multispec frame, a fibre of a
// 2dfdr or DESI frame, an échelle order) without decoding the rest, after checking the HDU against the
// file: a header can claim any size, and a truncated file must say so before anything is
// allocated. Shared by multispec-spectrum.ts, fibre-array-spectrum.ts and desi-spectrum.ts.
import { FitsFormatError } from '../fits/header.js';
import type { FitsHduInfo } from '../fits/hdu-list.js';
import { readFitsHduData } from '../fits/reader.js';

/** Pixels one spectrum row may have; bounds what a header can make us allocate. */
const MAX_ROW_PIXELS = 1 << 22;

export function describeHdu(hdu: FitsHduInfo): string {
  return hdu.extname ? `HDU ${hdu.index} '${hdu.extname}'` : `HDU ${hdu.index}`;
}

/** The first image HDU holding data (the primary, or the first IMAGE extension after an empty primary). */
export function firstImageHdu(hdus: FitsHduInfo[]): FitsHduInfo | undefined {
  return hdus.find((h) => (h.type === 'PRIMARY' || h.type === 'IMAGE') && h.dataBytes > 0);
}

/** Refuses an HDU that is not a plain image or whose data the file does not hold in full. */
export function checkImageData(hdu: FitsHduInfo, fileBytes: number): void {
  if (hdu.type !== 'PRIMARY' && hdu.type !== 'IMAGE')
    throw new FitsFormatError(`${describeHdu(hdu)} is a ${hdu.type} extension, not an image`);
  if (hdu.shape.length === 0 || hdu.shape[0] < 1 || hdu.shape[0] > MAX_ROW_PIXELS)
    throw new FitsFormatError(`${describeHdu(hdu)} has shape ${hdu.shape.join('×') || 'none'}, not rows of spectra`);
  const available = fileBytes - hdu.dataOffset;
  if (hdu.dataBytes > available)
    throw new FitsFormatError(
      `the file is truncated: ${describeHdu(hdu)} needs ${hdu.dataBytes} bytes, ` +
        `only ${Math.max(0, available)} are present`,
    );
}

/** Rows of an image: the product of its axes after the first. */
export function rowsOf(hdu: FitsHduInfo): number {
  return hdu.shape.slice(1).reduce((a, b) => a * b, 1);
}

/** Row `row` (counting through axes 2, 3, … as FITS stores them) of a checked image, with BSCALE/BZERO/BLANK. */
export function readImageRow(
  buffer: Uint8Array,
  hdu: FitsHduInfo,
  row: number,
  precision: 'float32' | 'float64' = 'float32',
): Float32Array | Float64Array {
  const width = hdu.shape[0];
  const rowBytes = width * (Math.abs(hdu.bitpix) / 8);
  const rowHdu: FitsHduInfo = {
    ...hdu,
    shape: [width],
    dataOffset: hdu.dataOffset + row * rowBytes,
    dataBytes: rowBytes,
  };
  return readFitsHduData(buffer, rowHdu, { maxPixels: width, precision });
}

/** 1/σ² for an error row (1/v for a variance row); 0 where it is not positive and finite: no information. */
export function inverseOf(values: Float32Array | Float64Array, squared: boolean): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const d = squared ? v * v : v;
    out[i] = v > 0 && d < Infinity ? 1 / d : 0;
  }
  return out;
}
