// FITS files through the project's own reader. A file that holds a spectrum (an SDSS-style
// table, or a 1-D image with a wavelength WCS: see formats/fits-spectrum.ts) becomes a
// spectrum object, and a DESI coadd one per target fibre (read-desi.ts); anything else is read as before, as a cutout: the primary or first image
// HDU (or the one asked for), a 2-D image or a cube whose third axis is bands, or each image
// HDU of a multi-extension file as its own object. Whole-file gzip (.fits.gz) is inflated with
// a bound, and tile-compressed HDUs (.fz) decode like plain ones. FITS rows run bottom-up;
// decoded images are top-down like every other reader's, so north is up in thumbnails.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipBounded, isGzip } from '../formats/fits-gzip.js';
import { type FitsHduInfo, listFitsHdus, listImageHdus, readFitsImage } from '../formats/fits-reader.js';
import { findFitsSpectrum, readFitsSpectrum } from '../formats/fits-spectrum.js';
import { imageCentreSky } from '../formats/fits-wcs.js';
import type { DecodedImage } from './decoded-image.js';
import { modelInputFromImage } from './model-input.js';
import { imageInputLayout } from './model-input-store.js';
import { readDesiCoaddItems } from './read-desi.js';
import { ingestedSpectrum } from './spectrum-item.js';
import { thumbnailFromImage } from './thumbnail.js';
import { type IngestedItem, type ReadOptions, UnreadableFileError } from './ingested-item.js';

/** A header alone can claim any size; refuse a file before reading it if it is absurdly big. */
export const MAX_FITS_BYTES = 4 * 1024 ** 3;
/** Largest FITS a .gz may inflate to: a gzip bomb of a few MB must not take the machine's memory. */
export const MAX_GUNZIPPED_FITS_BYTES = 2 * 1024 ** 3;

export function flipRows(data: Float32Array | Float64Array, width: number, height: number, bands: number): Float32Array {
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

/** Reads a whole FITS file, refusing absurd sizes before allocating; a gzipped one is inflated (bounded). */
export async function readFitsFile(path: string): Promise<Buffer> {
  const { size } = await stat(path);
  if (size > MAX_FITS_BYTES) throw new UnreadableFileError(`FITS file too large (${size} bytes)`);
  const bytes = await readFile(path);
  return isGzip(bytes) ? unreadable(() => gunzipBounded(bytes, MAX_GUNZIPPED_FITS_BYTES, basename(path))) : bytes;
}

export async function readFits(path: string, options: ReadOptions): Promise<IngestedItem[]> {
  const buffer = await readFitsFile(path);
  const hdus = unreadable(() => listFitsHdus(buffer));
  const items = await readFitsItems(buffer, hdus, options);
  // Every header of the file was parsed to find the data: its generous readings are the file's.
  const warnings = [...new Set(hdus.flatMap((h) => h.header.warnings.map((w) => `HDU ${h.index}: ${w}`)))];
  if (warnings.length > 0) for (const item of items) item.warnings = warnings;
  return items;
}

async function readFitsItems(buffer: Buffer, hdus: FitsHduInfo[], options: ReadOptions): Promise<IngestedItem[]> {
  const spectrumSource = options.hdu === undefined ? findFitsSpectrum(hdus) : null;
  if (spectrumSource?.layout === 'desi-coadd') return readDesiCoaddItems(buffer, hdus);
  if (spectrumSource) {
    const spectrum = unreadable(() => readFitsSpectrum(buffer, { hdus }));
    return [await ingestedSpectrum(spectrum)];
  }
  if (options.eachImageHdu && options.hdu === undefined) {
    const images = listImageHdus(hdus);
    if (images.length > 1) {
      const items: IngestedItem[] = [];
      // One at a time: each HDU's pixels are dropped before the next is decoded.
      for (const hdu of images) items.push(await imageItem(buffer, hdus, options, hdu.index, hdu.index));
      return items;
    }
  }
  return [await imageItem(buffer, hdus, options, options.hdu, 0)];
}

async function imageItem(buffer: Buffer, hdus: FitsHduInfo[], options: ReadOptions, hdu: number | string | undefined, itemIndex: number): Promise<IngestedItem> {
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
