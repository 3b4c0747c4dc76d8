// FITS files through the project's own reader. A file that holds spectra (any layout of
// formats/spectra/fits-spectrum.ts) becomes one spectrum object per item that holds an object
// (read-spectrum-items.ts); anything else is read as before, as a cutout:
// the primary or first image HDU (or the one asked for), a 2-D image or a cube whose third axis is bands, or each image
// HDU of a multi-extension file as its own object. Whole-file gzip (.fits.gz) is inflated with
// a bound, and tile-compressed HDUs (.fz) decode like plain ones. FITS rows run bottom-up;
// decoded images are top-down like every other reader's, so north is up in thumbnails.
import { type FileHandle, open, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipFitsBounded, isGzip } from '../formats/fits/gzip.js';
import { FITS_BLOCK_BYTES, type FitsHeader, declaredDataBytes, parseFitsHeader } from '../formats/fits/header.js';
import { type FitsHduInfo, listFitsHdus } from '../formats/fits/hdu-list.js';
import { listImageHdus, readFitsImage } from '../formats/fits/reader.js';
import { findFitsSpectrum } from '../formats/spectra/fits-spectrum.js';
import { describeTableLayout } from '../formats/spectra/table-description.js';
import { imageCentreSky } from '../formats/fits/wcs.js';
import type { DecodedImage } from './decoded-image.js';
import { modelInputFromImage } from './model-input.js';
import { imageInputLayout } from './model-input-store.js';
import { readSpectrumItems } from './read-spectrum-items.js';
import { fitsGuessWarnings } from './fits-guess-warnings.js';
import { thumbnailFromImage } from './thumbnail.js';
import { DEFAULT_READ_OPTIONS, type IngestedItem, type ReadOptions, UnreadableFileError } from './ingested-item.js';
import { unreadableFile } from './walk-files.js';

/** A header alone can claim any size; refuse a file before reading it if it is absurdly big. */
export const MAX_FITS_BYTES = 4 * 1024 ** 3;
/** Largest FITS a .gz may inflate to: a gzip bomb of a few MB must not take the machine's memory. */
export const MAX_GUNZIPPED_FITS_BYTES = 2 * 1024 ** 3;

export function flipRows(
  data: Float32Array | Float64Array,
  width: number,
  height: number,
  bands: number,
): Float32Array {
  const out = new Float32Array(width * height * bands);
  for (let b = 0; b < bands; b++) {
    const plane = b * width * height;
    for (let y = 0; y < height; y++) {
      const from = plane + (height - 1 - y) * width;
      out.set(data.subarray(from, from + width), plane + y * width);
    }
  }
  return out;
}

/** Runs a format step, turning its errors into the per-file error ingest records. */
function unreadable<T>(step: () => T): T {
  try {
    return step();
  } catch (err) {
    throw new UnreadableFileError((err as Error).message);
  }
}

/** Plain FITS files above this have their headers walked before anything else is read. */
const PRESCAN_BYTES = 256 * 1024 ** 2;

/**
 * How much of a big plain FITS file to read: every HDU up to the first whose data alone is
 * more than `limit` bytes, of which only the header is kept. The reader then sees that HDU's
 * header and refuses its image by the pixel limit ("over the limit of …") without the file's
 * gigabytes ever being read. Headers are read with positional reads, a block at a time.
 */
async function boundedFitsLength(handle: FileHandle, size: number, limit: number): Promise<number> {
  let offset = 0;
  for (let index = 0; offset < size; index++) {
    let headerBytes = Buffer.alloc(0);
    let header: FitsHeader | null = null;
    while (!header && headerBytes.length < 1000 * FITS_BLOCK_BYTES && offset + headerBytes.length < size) {
      const block = Buffer.alloc(FITS_BLOCK_BYTES);
      const { bytesRead } = await handle.read(block, 0, FITS_BLOCK_BYTES, offset + headerBytes.length);
      headerBytes = Buffer.concat([headerBytes, block.subarray(0, bytesRead)]);
      try {
        header = parseFitsHeader(headerBytes);
      } catch (err) {
        // not a header: the reader says why
        if (!/truncated/.test((err as Error).message) || bytesRead < FITS_BLOCK_BYTES) return size;
      }
    }
    if (!header) return size;
    const data = declaredDataBytes(header, index === 0);
    if (data === null) return size;
    if (data > limit) return offset + header.byteLength;
    offset += header.byteLength + Math.ceil(data / FITS_BLOCK_BYTES) * FITS_BLOCK_BYTES;
  }
  return size;
}

/**
 * Reads a FITS file, refusing absurd sizes before allocating; a gzipped one is inflated
 * (bounded). A big plain file is read only as far as an image within `maxPixels` could need.
 */
export async function readFitsFile(path: string, maxPixels = DEFAULT_READ_OPTIONS.maxPixels): Promise<Buffer> {
  const { size } = await stat(path).catch(unreadableFile);
  if (size > MAX_FITS_BYTES) throw new UnreadableFileError(`FITS file too large (${size} bytes)`);
  let bytes: Buffer;
  if (size > PRESCAN_BYTES) {
    const handle = await open(path, 'r').catch(unreadableFile);
    try {
      const magic = Buffer.alloc(2);
      await handle.read(magic, 0, 2, 0);
      // 8 bytes a pixel (BITPIX -64) is the most a readable image can take.
      const length = isGzip(magic) ? size : await boundedFitsLength(handle, size, maxPixels * 8);
      bytes = Buffer.alloc(length);
      // One read() returns at most ~2 GB on Linux: loop until the buffer is full or the file ends.
      for (let at = 0; at < length;) {
        const { bytesRead } = await handle.read(bytes, at, length - at, at);
        if (bytesRead === 0) {
          bytes = bytes.subarray(0, at);
          break;
        }
        at += bytesRead;
      }
    } finally {
      await handle.close();
    }
  } else {
    bytes = await readFile(path).catch(unreadableFile);
  }
  if (!isGzip(bytes)) return bytes;
  // Streamed: each header is read as it inflates, so a gzip bomb is refused before it fills memory.
  return gunzipFitsBounded(bytes, MAX_GUNZIPPED_FITS_BYTES, basename(path)).catch((err: Error) => {
    throw new UnreadableFileError(err.message);
  });
}

export async function readFits(path: string, options: ReadOptions): Promise<IngestedItem[]> {
  const buffer = await readFitsFile(path, options.maxPixels);
  const hdus = unreadable(() => listFitsHdus(buffer));
  const items = await readFitsItems(buffer, hdus, options);
  // Every header of the file was parsed to find the data: its generous readings are the file's.
  const warnings = [...new Set(hdus.flatMap((h) => h.header.warnings.map((w) => `HDU ${h.index}: ${w}`)))];
  for (const item of items) {
    // Guesses that may be wrong (a multispec frame read as an image, ...): the item's own.
    const all = [...warnings, ...(item.warnings ?? []), ...fitsGuessWarnings(item, hdus)];
    if (all.length > 0) item.warnings = all;
  }
  return items;
}

async function readFitsItems(buffer: Buffer, hdus: FitsHduInfo[], options: ReadOptions): Promise<IngestedItem[]> {
  if (options.hdu === undefined && findFitsSpectrum(hdus)) return readSpectrumItems(buffer, hdus);
  if (options.eachImageHdu && options.hdu === undefined) {
    const images = listImageHdus(hdus);
    if (images.length > 1) {
      const items: IngestedItem[] = [];
      // One at a time: each HDU's pixels are dropped before the next is decoded.
      for (const hdu of images) items.push(await imageItem(buffer, hdus, options, hdu.index, hdu.index));
      return items;
    }
  }
  try {
    return [await imageItem(buffer, hdus, options, options.hdu, 0)];
  } catch (err) {
    throw withTablesNamed(err, hdus);
  }
}

/**
 * A file of tables only, that no spectrum layout claimed, is refused with what its tables hold ("HDU 1 'CAT' is a
 * table of 500 rows, columns RA, DEC, …"), so a user sees why: a catalog, or a spectrum table whose columns are
 * not named as flux and wavelength.
 */
function withTablesNamed(err: unknown, hdus: FitsHduInfo[]): unknown {
  if (!(err instanceof UnreadableFileError) || !/^no image HDU in the file/.test(err.message)) return err;
  const tables = hdus.filter((h) => h.type === 'BINTABLE' || h.type === 'TABLE');
  if (tables.length === 0) return err;
  const described = tables.map(
    (h) => `HDU ${h.index}${h.extname ? ` '${h.extname}'` : ''} is ${describeTableLayout(h)}`,
  );
  return new UnreadableFileError(
    `no image or spectrum in the file: ${described.join('; ')}. A spectrum table needs flux and wavelength columns ` +
      '(FLUX, WAVELENGTH or LOGLAM); a catalog (CSV, TSV or Parquet) is attached with --catalog',
  );
}

async function imageItem(
  buffer: Buffer,
  hdus: FitsHduInfo[],
  options: ReadOptions,
  hdu: number | string | undefined,
  itemIndex: number,
): Promise<IngestedItem> {
  const image = unreadable(() => readFitsImage(buffer, { maxPixels: options.maxPixels, hdus, hdu }));
  const decoded: DecodedImage = {
    width: image.width,
    height: image.height,
    bands: image.bands,
    data: flipRows(image.data, image.width, image.height, image.bands),
  };
  const sky = imageCentreSky(image.header, image.width, image.height);
  return {
    itemIndex,
    modality: 'image',
    hdu: image.hduIndex,
    nameHint: null,
    ra: sky?.ra ?? null,
    dec: sky?.dec ?? null,
    width: image.width,
    height: image.height,
    bands: image.bands,
    modelInput: modelInputFromImage(decoded, { size: options.inputSize, crop: options.crop }),
    inputLayout: imageInputLayout(options.inputSize, image.bands),
    metadata: [],
    thumbnail: await thumbnailFromImage(decoded),
  };
}
