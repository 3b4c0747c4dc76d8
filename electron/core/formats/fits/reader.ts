// Reading FITS images (2-D cutouts and 3-D cubes whose third axis is bands) from a file held in
// memory. No maintained FITS reader runs in Node, so this is the project's own. HDUs are walked
// by hdu-list.ts with the standard data-size rule; pixels are copied once, byte-swapped natively
// (Buffer.swapNN) and scaled with BZERO/BSCALE, with integer BLANK values turned into NaN.
// Tile-compressed image HDUs (fpack) count as images, decoded by tile-compression.ts.
import { FitsFormatError, type FitsHeader } from './header.js';
import { type FitsHduInfo, listFitsHdus } from './hdu-list.js';
import { maybeGunzipFits } from './gzip.js';
import { compressedImageGeometry, decompressFitsImage, isCompressedImageHdu } from './tile-compression.js';
import type { FitsBitpix } from './writer.js';

export { FitsFormatError } from './header.js';

export interface FitsImage {
  header: FitsHeader;
  hduIndex: number;
  bitpix: FitsBitpix;
  /** FITS order: [NAXIS1, NAXIS2] or [NAXIS1, NAXIS2, NAXIS3] (trailing axes of length 1 dropped past the third). */
  shape: number[];
  width: number;
  height: number;
  /** NAXIS3, or 1 for a 2-D image. */
  bands: number;
  /** Physical values in FITS order: x fastest, then y (bottom row first), then band. */
  data: Float32Array | Float64Array;
}

export interface ReadFitsImageOptions {
  /**
   * Which HDU: its number (0 = primary) or its EXTNAME (ignoring case). Default: the primary
   * if it holds an image, else the first image extension (plain or tile-compressed) that does.
   */
  hdu?: number | string;
  /** Refuse images with more pixels than this, before allocating anything. Default 2^28. */
  maxPixels?: number;
  /** Default 'float32'. */
  precision?: 'float32' | 'float64';
  /**
   * The file's HDU list when the caller has walked it already (see listFitsHdus); the buffer is then taken as plain
   * FITS.
   */
  hdus?: FitsHduInfo[];
}

const DEFAULT_MAX_PIXELS = 2 ** 28;

/** The image axes once trailing axes of length 1 past the third are dropped; null if not 2-D or 3-D. */
function imageAxes(shape: number[]): number[] | null {
  const axes = [...shape];
  while (axes.length > 3 && axes[axes.length - 1] === 1) axes.pop();
  return axes.length >= 2 && axes.length <= 3 ? axes : null;
}

/** The image's axes (ZNAXISn for a tile-compressed one), or null when the HDU is not an image. */
function imageShapeOf(hdu: FitsHduInfo): number[] | null {
  if (isCompressedImageHdu(hdu)) return compressedImageGeometry(hdu).shape;
  return hdu.type === 'PRIMARY' || hdu.type === 'IMAGE' ? hdu.shape : null;
}

function holdsImage(hdu: FitsHduInfo): boolean {
  if (isCompressedImageHdu(hdu)) {
    try {
      return imageAxes(compressedImageGeometry(hdu).shape) !== null;
    } catch {
      return false;
    }
  }
  return (hdu.type === 'PRIMARY' || hdu.type === 'IMAGE') && imageAxes(hdu.shape) !== null && hdu.dataBytes > 0;
}

/** Every HDU that holds a 2-D image or a cube, plain or tile-compressed: one object each in multi-extension ingest. */
export function listImageHdus(hdus: FitsHduInfo[]): FitsHduInfo[] {
  return hdus.filter(holdsImage);
}

function describeFor(hdu: FitsHduInfo): string {
  return hdu.extname ? `HDU ${hdu.index} '${hdu.extname}'` : `HDU ${hdu.index}`;
}

function chooseImageHdu(hdus: FitsHduInfo[], requested: number | string | undefined): FitsHduInfo {
  if (requested !== undefined) {
    let hdu: FitsHduInfo | undefined;
    if (typeof requested === 'string') {
      const wanted = requested.trim().toUpperCase();
      hdu = hdus.find((h) => h.extname?.toUpperCase() === wanted);
      const names = hdus.map((h) => h.extname).filter((n) => n);
      if (!hdu)
        throw new FitsFormatError(
          `the file has no HDU named '${requested}' (` +
            (names.length ? `it has ${names.map((n) => `'${n}'`).join(', ')}` : 'no HDU has an EXTNAME') +
            ')',
        );
    } else {
      hdu = hdus[requested];
      if (!Number.isInteger(requested) || !hdu)
        throw new FitsFormatError(`the file has no HDU ${requested} (it has ${hdus.length})`);
    }
    if (isCompressedImageHdu(hdu)) return hdu;
    if (hdu.type !== 'PRIMARY' && hdu.type !== 'IMAGE')
      throw new FitsFormatError(`${describeFor(hdu)} is a ${hdu.type} extension, not an image`);
    if (hdu.dataBytes === 0) throw new FitsFormatError(`${describeFor(hdu)} holds no data`);
    return hdu;
  }
  const found = hdus.find(holdsImage);
  if (found) return found;
  const compressed = hdus.find(isCompressedImageHdu);
  // Let the compressed HDU's own checks say precisely what is wrong with it.
  if (compressed) return compressed;
  const dims = hdus.find((h) => (h.type === 'PRIMARY' || h.type === 'IMAGE') && h.dataBytes > 0);
  if (dims) {
    const shape = dims.shape.join('×');
    if (dims.shape.length === 1)
      throw new FitsFormatError(
        `HDU ${dims.index} is a 1-D array of ${shape} values with no wavelength axis, so neither an image nor a ` +
          "spectrum: give it a wavelength WCS (CRVAL1, CDELT1, CTYPE1 = 'WAVE') to ingest it as a spectrum",
      );
    throw new FitsFormatError(`no 2-D image or cube in the file (HDU ${dims.index} has shape ${shape})`);
  }
  throw new FitsFormatError('no image HDU in the file');
}

/** Copies the big-endian data into a fresh aligned buffer and swaps it to host order in place. */
function swappedCopy(buffer: Uint8Array, offset: number, byteLength: number, bytesPer: number): ArrayBuffer {
  const copy = Buffer.from(new ArrayBuffer(byteLength));
  copy.set(buffer.subarray(offset, offset + byteLength));
  if (bytesPer === 2) copy.swap16();
  else if (bytesPer === 4) copy.swap32();
  else if (bytesPer === 8) copy.swap64();
  return copy.buffer as ArrayBuffer;
}

function decodePixels(
  buffer: Uint8Array,
  hdu: FitsHduInfo,
  count: number,
  precision: 'float32' | 'float64',
): Float32Array | Float64Array {
  const bitpix = hdu.bitpix as FitsBitpix;
  const bytesPer = Math.abs(bitpix) / 8;
  const raw = swappedCopy(buffer, hdu.dataOffset, count * bytesPer, bytesPer);
  const bzero = hdu.header.getNumber('BZERO', 0);
  const bscale = hdu.header.getNumber('BSCALE', 1);
  const scaled = bzero !== 0 || bscale !== 1;
  const Output = precision === 'float64' ? Float64Array : Float32Array;

  if (bitpix < 0) {
    const stored = bitpix === -32 ? new Float32Array(raw) : new Float64Array(raw);
    // The swapped copy is already the answer when no conversion or scaling is needed.
    const out = stored instanceof Output ? stored : new Output(stored);
    if (scaled) for (let i = 0; i < count; i++) out[i] = bzero + bscale * out[i];
    return out;
  }

  const out = new Output(count);
  const blankValue = hdu.header.getNumber('BLANK');
  if (bitpix === 64) {
    const stored = new BigInt64Array(raw);
    const blank = hdu.header.getBigInt('BLANK');
    for (let i = 0; i < count; i++) {
      const v = stored[i];
      out[i] = v === blank ? NaN : bzero + bscale * Number(v);
    }
    return out;
  }
  const stored = bitpix === 8 ? new Uint8Array(raw) : bitpix === 16 ? new Int16Array(raw) : new Int32Array(raw);
  // NaN never equals a stored integer, so it stands for "no BLANK" without a branch per pixel.
  const blank = blankValue ?? NaN;
  for (let i = 0; i < count; i++) {
    const v = stored[i];
    out[i] = v === blank ? NaN : bzero + bscale * v;
  }
  return out;
}

/**
 * The physical values of an image HDU's whole data array, whatever its NAXIS (1-D spectra
 * included), in FITS order; refuses more than maxPixels values or data the file does not hold.
 */
export function readFitsHduData(
  buffer: Uint8Array,
  hdu: FitsHduInfo,
  options: { maxPixels?: number; precision?: 'float32' | 'float64' } = {},
): Float32Array | Float64Array {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (isCompressedImageHdu(hdu))
    return decompressFitsImage(buffer, hdu, { maxPixels, precision: options.precision ?? 'float32' });
  if (hdu.type !== 'PRIMARY' && hdu.type !== 'IMAGE')
    throw new FitsFormatError(`HDU ${hdu.index} is a ${hdu.type} extension, not an image`);
  const count = hdu.shape.length === 0 ? 0 : hdu.shape.reduce((a, b) => a * b, 1);
  if (count > maxPixels) {
    throw new FitsFormatError(
      `image in HDU ${hdu.index} is ${hdu.shape.join('×')} = ${count} pixels, over the limit of ${maxPixels}`,
    );
  }
  const byteLength = count * (Math.abs(hdu.bitpix) / 8);
  const available = buffer.byteLength - hdu.dataOffset;
  if (available < byteLength) {
    throw new FitsFormatError(
      `the file is truncated: HDU ${hdu.index} needs ${byteLength} bytes of pixels, only ` +
        `${Math.max(0, available)} are present`,
    );
  }
  return decodePixels(buffer, hdu, count, options.precision ?? 'float32');
}

/**
 * Reads one image HDU (see ReadFitsImageOptions for which) as physical values. A whole-file
 * gzip buffer is inflated first (bounded) unless the caller passes its HDU list.
 */
export function readFitsImage(buffer: Uint8Array, options: ReadFitsImageOptions = {}): FitsImage {
  if (!options.hdus) buffer = maybeGunzipFits(buffer);
  const hdus = options.hdus ?? listFitsHdus(buffer);
  const hdu = chooseImageHdu(hdus, options.hdu);
  const shape = imageShapeOf(hdu) ?? hdu.shape;
  const axes = imageAxes(shape);
  if (!axes) {
    const real = shape.filter((n) => n > 1).length;
    throw new FitsFormatError(
      shape.length < 2
        ? `${describeFor(hdu)} is ${shape.length}-D (shape ${shape.join('×') || 'none'}), not an image`
        : `${describeFor(hdu)} has ${real} real dimensions (shape ${shape.join('×')}); only 2-D ` +
            'images and 3-D cubes are supported',
    );
  }
  const [width, height, bands = 1] = axes;
  return {
    header: hdu.header,
    hduIndex: hdu.index,
    bitpix: (isCompressedImageHdu(hdu) ? compressedImageGeometry(hdu).bitpix : hdu.bitpix) as FitsBitpix,
    shape: axes,
    width,
    height,
    bands,
    data: readFitsHduData(buffer, hdu, { maxPixels: options.maxPixels, precision: options.precision }),
  };
}
