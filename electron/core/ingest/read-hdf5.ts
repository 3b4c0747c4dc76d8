// HDF5 cutout collections (see formats/hdf5/cutouts.ts): one image object per row, its
// item index the row number, ra/dec and a name from parallel datasets when the file has
// them, every other parallel dataset as object metadata. uint8 rows are display images and
// are shrunk for thumbnails as PNGs are; other numbers are measurements and get the FITS
// stretch. Both share modelInputFromImage. Pixels are read one slice of rows at a time and
// handed to ingest slice by slice (readHdf5Chunks), which commits each before the next is
// read: a collection of any length is ingested in bounded memory (Galaxy10's 17,736 rows
// held ~0.9 GB of model inputs when a file's items were taken at once).
import sharp from 'sharp';
import {
  type ColumnValue,
  type CutoutLayout,
  type CutoutSlice,
  detectCutoutLayout,
  planarRow,
  readCutoutRow,
  readCutoutSlices,
} from '../formats/hdf5/cutouts.js';
import { type Hdf5File, Hdf5FormatError, openHdf5 } from '../formats/hdf5/file.js';
import type { MetadataValue } from '../workspace/repositories/metadata-repo.js';
import type { DecodedImage } from './decoded-image.js';
import { type IngestedItem, type ItemChunk, type ReadOptions, UnreadableFileError } from './ingested-item.js';
import { modelInputFromImage } from './model-input.js';
import { imageInputLayout } from './model-input-store.js';
import { float32Text } from './spectrum-item.js';
import { THUMB_SIZE, THUMB_WEBP, thumbnailFromImage } from './thumbnail.js';

/** Rows whose thumbnails are encoded at once. */
const ROWS_IN_FLIGHT = 8;

/** Bands kept: uint8 colour keeps RGB (alpha dropped) and grey+alpha keeps grey, as for PNG; measurements keep all. */
export function keptBands(layout: CutoutLayout): number {
  if (layout.kind === 'measured') return layout.bands;
  return layout.bands >= 3 ? 3 : 1;
}

async function displayThumbnail(image: DecodedImage): Promise<Buffer> {
  const plane = image.width * image.height;
  const interleaved = new Uint8Array(plane * image.bands);
  for (let i = 0; i < plane; i++)
    for (let b = 0; b < image.bands; b++) interleaved[i * image.bands + b] = image.data[b * plane + i];
  return sharp(interleaved, { raw: { width: image.width, height: image.height, channels: image.bands as 1 | 3 } })
    .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
    .webp(THUMB_WEBP)
    .toBuffer();
}

function columnText(value: ColumnValue, float32: boolean): string | null {
  if (value === null || value === '') return null;
  if (typeof value === 'number') return float32 ? float32Text(value) : String(value);
  return value;
}

function finiteOrNull(value: ColumnValue): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

async function rowItem(
  layout: CutoutLayout,
  pixels: ArrayLike<number | bigint>,
  r: number,
  row: number,
  values: ColumnValue[],
  options: ReadOptions,
): Promise<IngestedItem> {
  const bands = keptBands(layout);
  const planar = planarRow(layout, pixels, r);
  const data = bands === layout.bands ? planar : planar.subarray(0, bands * layout.width * layout.height);
  const image: DecodedImage = { width: layout.width, height: layout.height, bands, data };
  let nameHint: string | null = null;
  let ra: number | null = null;
  let dec: number | null = null;
  const metadata: MetadataValue[] = [];
  layout.columns.forEach((column, c) => {
    const value = values[c];
    if (column.role === 'ra') ra = finiteOrNull(value);
    else if (column.role === 'dec') dec = finiteOrNull(value);
    else {
      const text = columnText(value, column.float32);
      if (text === null) return;
      if (column.role === 'name') nameHint = text;
      else {
        // Numeric text ("3") still colours the map as a number, as catalog columns do.
        const number = Number(text);
        metadata.push({ key: column.key, value: text, number: Number.isFinite(number) ? number : null });
      }
    }
  });
  return {
    itemIndex: row,
    modality: 'image',
    hdu: null,
    nameHint,
    ra,
    dec,
    width: layout.width,
    height: layout.height,
    bands,
    modelInput: modelInputFromImage(image, { size: options.inputSize, crop: options.crop }),
    inputLayout: imageInputLayout(options.inputSize, bands),
    metadata,
    thumbnail: layout.kind === 'uint8' ? await displayThumbnail(image) : await thumbnailFromImage(image),
  };
}

/** Opens the file, runs `use` on it and its layout, closes it; HDF5 errors become per-file errors. */
async function withCutouts<T>(
  path: string,
  maxPixels: number,
  use: (file: Hdf5File, layout: CutoutLayout) => Promise<T>,
): Promise<T> {
  try {
    const file = await openHdf5(path);
    try {
      return await use(file, detectCutoutLayout(file, maxPixels));
    } finally {
      file.close();
    }
  } catch (err) {
    throw asUnreadable(err);
  }
}

/**
 * The file's objects one slice of rows at a time. The file stays open between slices and is
 * closed when the caller finishes or stops iterating. `options.rows` reads a range of rows only.
 */
export async function* readHdf5Chunks(path: string, options: ReadOptions): AsyncGenerator<ItemChunk> {
  try {
    const file = await openHdf5(path);
    try {
      const layout = detectCutoutLayout(file, options.maxPixels);
      const [first, last] = options.rows ?? [0, layout.rows];
      for (const slice of readCutoutSlices(file, layout, options.sliceBytes, [first, last])) {
        const read = slice.start + slice.count - first;
        yield { items: await sliceItems(layout, slice, options), read, total: last - first };
      }
    } finally {
      file.close();
    }
  } catch (err) {
    throw asUnreadable(err);
  }
}

/** Every object of the file at once (tests and small files); ingest uses readHdf5Chunks. */
export async function readHdf5(path: string, options: ReadOptions): Promise<IngestedItem[]> {
  const items: IngestedItem[] = [];
  for await (const chunk of readHdf5Chunks(path, options)) items.push(...chunk.items);
  return items;
}

async function sliceItems(layout: CutoutLayout, slice: CutoutSlice, options: ReadOptions): Promise<IngestedItem[]> {
  const items: IngestedItem[] = [];
  // Rows in small groups: pixels are prepared here while libvips encodes the group's thumbnails.
  for (let first = 0; first < slice.count; first += ROWS_IN_FLIGHT) {
    const group = Array.from({ length: Math.min(ROWS_IN_FLIGHT, slice.count - first) }, (_, k) => first + k);
    const values = (r: number) => slice.columns.map((column) => column[r]);
    items.push(
      ...(await Promise.all(group.map((r) => rowItem(layout, slice.pixels, r, slice.start + r, values(r), options)))),
    );
  }
  return items;
}

function asUnreadable(err: unknown): unknown {
  return err instanceof Hdf5FormatError ? new UnreadableFileError(err.message) : err;
}

/**
 * One row's pixels for the inspector, with the bands ingest kept; `display` says they are
 * 0–255 display values (uint8) rather than measurements to stretch.
 */
export async function readHdf5Cutout(
  path: string,
  row: number,
  maxPixels: number,
): Promise<{ image: DecodedImage; display: boolean }> {
  return withCutouts(path, maxPixels, async (file, layout) => {
    const bands = keptBands(layout);
    const planar = planarRow(layout, readCutoutRow(file, layout, row), 0);
    const data = bands === layout.bands ? planar : planar.slice(0, bands * layout.width * layout.height);
    return { image: { width: layout.width, height: layout.height, bands, data }, display: layout.kind === 'uint8' };
  });
}
