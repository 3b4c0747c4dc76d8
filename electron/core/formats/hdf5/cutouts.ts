// A cutout collection in one HDF5 file: an image dataset of N rows, shaped (N, H, W),
// (N, H, W, C) or (N, C, H, W), with optional 1-D datasets of N values beside it (names,
// ra, dec, labels: the Galaxy10 DECaLS layout has 'images' (N,256,256,3) uint8, 'ans',
// 'ra', 'dec', 'redshift'). The layout is decided from shapes and types alone, and rows are
// read in bounded slices, so a collection of any length never sits in memory whole.
import { statSync } from 'node:fs';
import {
  type Hdf5Dataset,
  type Hdf5File,
  type Hdf5Group,
  Hdf5FormatError,
  hdf5Step,
  isDataset,
  isGroup,
} from './file.js';

/** How the pixels of one row are ordered. */
export type CutoutOrder = 'nhw' | 'nhwc' | 'nchw';

/** uint8 pixels are display images (like PNG); other numbers are measurements (like FITS). */
export type PixelKind = 'uint8' | 'measured';

/** The role of a 1-D dataset parallel to the images. */
export type ColumnRole = 'name' | 'ra' | 'dec' | 'metadata';

export interface CutoutColumn {
  /** Dataset name (the metadata key for role 'metadata'). */
  key: string;
  path: string;
  role: ColumnRole;
  /** float32 values are printed as the shortest decimal that reads back the same. */
  float32: boolean;
}

export interface CutoutLayout {
  /** Path of the image dataset in the file. */
  path: string;
  rows: number;
  height: number;
  width: number;
  bands: number;
  order: CutoutOrder;
  kind: PixelKind;
  columns: CutoutColumn[];
}

/** One row's parallel values: text for names and metadata, numbers where the dataset is numeric. */
export type ColumnValue = string | number | null;

/** Rows above this are refused as absurd before anything is read. */
export const MAX_CUTOUT_ROWS = 100_000_000;
/** Image sides below this are taken for a channel axis, not an image. */
export const MIN_CUTOUT_SIDE = 5;
/**
 * Most pixel bytes a byte of a compressed dataset may stand for. Deflate, the usual HDF5
 * filter, peaks at about 1032:1 on constant data; past this the rows are mostly fill value
 * for chunks never written (a few kB can declare terabytes), not pixels.
 */
export const MAX_COMPRESSION_RATIO = 1100;
/** Pixel bytes read from the file at once. */
const SLICE_BYTES = 16 * 1024 * 1024;

const NAME_KEYS = /^(names?|ids?|objid|obj_?ids?|object_?ids?|objects?|iauname|galaxy_?ids?|specobjid)$/i;
const RA_KEYS = /^(ra|ra_?deg|ra_?j2000)$/i;
const DEC_KEYS = /^(dec|dec_?deg|de|dec_?j2000)$/i;

function isNumeric(dataset: Hdf5Dataset): boolean {
  const m = dataset.metadata;
  return (m.type === 0 || m.type === 1) && !m.vlen && !m.compound_type && !m.array_type && !m.enum_type;
}

function isText(dataset: Hdf5Dataset): boolean {
  return dataset.metadata.type === 3;
}

function elements(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Every dataset in the file with its path, groups searched a few levels deep. */
function listDatasets(
  group: Hdf5Group,
  prefix: string,
  depth: number,
  out: { path: string; dataset: Hdf5Dataset }[],
): void {
  for (const name of hdf5Step('cannot list the HDF5 file', () => group.keys())) {
    if (out.length >= 10_000) return;
    const entity = hdf5Step(`cannot read ${prefix}${name}`, () => group.get(name));
    if (isDataset(entity)) out.push({ path: `${prefix}${name}`, dataset: entity });
    else if (isGroup(entity) && depth > 0) listDatasets(entity, `${prefix}${name}/`, depth - 1, out);
  }
}

function describe(path: string, dataset: Hdf5Dataset): string {
  return `${path} ${JSON.stringify(dataset.shape)} ${dataset.dtype}`;
}

/** The order of a row from its shape after N; refuses what could be read two ways. */
export function cutoutOrder(shape: number[]): { order: CutoutOrder; height: number; width: number; bands: number } {
  const isChannels = (n: number) => n >= 1 && n <= 4;
  let found;
  if (shape.length === 3) found = { order: 'nhw' as const, height: shape[1], width: shape[2], bands: 1 };
  else if (shape.length === 4) {
    const first = isChannels(shape[1]);
    const last = isChannels(shape[3]);
    if (first && last)
      throw new Hdf5FormatError(
        `ambiguous image layout ${JSON.stringify(shape)}: both axis 1 and axis 3 could be channels`,
      );
    if (!first && !last) {
      const described = JSON.stringify(shape);
      throw new Hdf5FormatError(`image layout ${described} has no channel axis of 1–4 at position 1 or 3`);
    }
    found = last
      ? { order: 'nhwc' as const, height: shape[1], width: shape[2], bands: shape[3] }
      : { order: 'nchw' as const, height: shape[2], width: shape[3], bands: shape[1] };
  } else throw new Hdf5FormatError(`image dataset must be 3-D or 4-D, got shape ${JSON.stringify(shape)}`);
  if (found.height < MIN_CUTOUT_SIDE || found.width < MIN_CUTOUT_SIDE) {
    throw new Hdf5FormatError(
      `image layout ${JSON.stringify(shape)} gives ${found.height}×${found.width} images, too small to be cutouts`,
    );
  }
  return found;
}

function chooseImageDataset(all: { path: string; dataset: Hdf5Dataset }[]): { path: string; dataset: Hdf5Dataset } {
  const named = all.filter((d) => /(^|\/)images$/i.test(d.path));
  if (named.length > 1)
    throw new Hdf5FormatError(
      `ambiguous HDF5 cutouts: several datasets named images (${named.map((d) => d.path).join(', ')})`,
    );
  if (named.length === 1) {
    if (!isNumeric(named[0].dataset))
      throw new Hdf5FormatError(`dataset ${describe(named[0].path, named[0].dataset)} is not numeric`);
    return named[0];
  }
  const candidates = all
    .filter((d) => isNumeric(d.dataset) && (d.dataset.shape?.length === 3 || d.dataset.shape?.length === 4))
    .sort((a, b) => elements(b.dataset.shape!) - elements(a.dataset.shape!));
  if (candidates.length === 0) {
    const seen =
      all
        .slice(0, 8)
        .map((d) => describe(d.path, d.dataset))
        .join('; ') || 'no datasets';
    throw new Hdf5FormatError(`no 3-D or 4-D numeric image dataset in the HDF5 file (found: ${seen})`);
  }
  if (candidates.length > 1 && elements(candidates[0].dataset.shape!) === elements(candidates[1].dataset.shape!)) {
    throw new Hdf5FormatError(
      `ambiguous HDF5 cutouts: ${candidates[0].path} and ${candidates[1].path} are the same ` +
        `size; name the image dataset 'images'`,
    );
  }
  return candidates[0];
}

function roleOf(key: string): ColumnRole {
  if (NAME_KEYS.test(key)) return 'name';
  if (RA_KEYS.test(key)) return 'ra';
  if (DEC_KEYS.test(key)) return 'dec';
  return 'metadata';
}

/** 1-D (or N×1) numeric or text datasets of N values in the image dataset's group. */
function parallelColumns(
  all: { path: string; dataset: Hdf5Dataset }[],
  imagePath: string,
  rows: number,
): CutoutColumn[] {
  const group = imagePath.includes('/') ? imagePath.slice(0, imagePath.lastIndexOf('/') + 1) : '';
  const columns: CutoutColumn[] = [];
  const taken = new Set<ColumnRole>();
  for (const { path, dataset } of all) {
    if (path === imagePath || !path.startsWith(group) || path.slice(group.length).includes('/')) continue;
    const shape = dataset.shape ?? [];
    const oneD = shape.length === 1 || (shape.length === 2 && shape[1] === 1);
    if (!oneD || shape[0] !== rows || !(isNumeric(dataset) || isText(dataset))) continue;
    const key = path.slice(group.length);
    let role = roleOf(key);
    // A second name/ra/dec candidate, or a text ra, is kept as plain metadata.
    if (role !== 'metadata' && (taken.has(role) || (role !== 'name' && !isNumeric(dataset)))) role = 'metadata';
    taken.add(role);
    columns.push({ key, path, role, float32: dataset.metadata.type === 1 && dataset.metadata.size === 4 });
  }
  return columns;
}

/**
 * Refuses an image dataset that declares more pixel bytes than the file can hold: all of
 * them for unfiltered data, MAX_COMPRESSION_RATIO per file byte for compressed data. Such
 * rows would be read (and held, one item each) as fill values: a decompression bomb.
 */
function refuseUnbackedPixels(
  file: Hdf5File,
  path: string,
  shape: number[],
  valueBytes: number,
  dataset: Hdf5Dataset,
): void {
  let fileBytes: number;
  try {
    fileBytes = statSync(file.filename).size;
  } catch {
    return; // not a real path (an in-memory file): nothing to compare against
  }
  const declared = elements(shape) * valueBytes;
  const filtered = hdf5Step(`cannot read the filters of ${path}`, () => dataset.filters).length > 0;
  const limit = filtered ? fileBytes * MAX_COMPRESSION_RATIO : fileBytes;
  if (declared > limit) {
    throw new Hdf5FormatError(
      `image dataset ${path} ${JSON.stringify(shape)} declares ${declared} bytes of pixels, ` +
        `more than a ${fileBytes}-byte file can hold` +
        (filtered ? ` compressed (limit ${MAX_COMPRESSION_RATIO}:1)` : ''),
    );
  }
}

/** Finds the cutouts in an open file, refusing what cannot be read unambiguously or is absurdly big. */
export function detectCutoutLayout(file: Hdf5File, maxPixels: number): CutoutLayout {
  const all: { path: string; dataset: Hdf5Dataset }[] = [];
  listDatasets(file, '', 4, all);
  const { path, dataset } = chooseImageDataset(all);
  const shape = dataset.shape ?? [];
  const { order, height, width, bands } = cutoutOrder(shape);
  const rows = shape[0];
  if (!(rows >= 1)) throw new Hdf5FormatError(`image dataset ${path} has no rows`);
  if (rows > MAX_CUTOUT_ROWS)
    throw new Hdf5FormatError(`image dataset ${path} declares ${rows} rows, more than ${MAX_CUTOUT_ROWS}`);
  if (height * width * bands > maxPixels) {
    throw new Hdf5FormatError(
      `image dataset ${path} has ${height}×${width}×${bands} rows, more than the ${maxPixels}-pixel limit`,
    );
  }
  const m = dataset.metadata;
  refuseUnbackedPixels(file, path, shape, m.size, dataset);
  const kind: PixelKind = m.type === 0 && m.size === 1 && !m.signed ? 'uint8' : 'measured';
  return { path, rows, height, width, bands, order, kind, columns: parallelColumns(all, path, rows) };
}

/** How many rows one slice reads: about sliceBytes of pixels, at least one row. */
export function rowsPerSlice(layout: CutoutLayout, bytesPerValue: number, sliceBytes = SLICE_BYTES): number {
  const rowBytes = layout.height * layout.width * layout.bands * bytesPerValue;
  return Math.max(1, Math.min(4096, Math.floor(sliceBytes / rowBytes)));
}

export interface CutoutSlice {
  start: number;
  count: number;
  /** count rows of the dataset's own order, as h5wasm returns them (BigInt arrays for 64-bit integers). */
  pixels: ArrayLike<number | bigint>;
  /** Per column (layout.columns order), count values. */
  columns: ColumnValue[][];
}

function dataset(file: Hdf5File, path: string): Hdf5Dataset {
  const entity = hdf5Step(`cannot read ${path}`, () => file.get(path));
  if (!isDataset(entity)) throw new Hdf5FormatError(`${path} is not a dataset`);
  return entity;
}

function columnValues(file: Hdf5File, column: CutoutColumn, start: number, end: number): ColumnValue[] {
  const raw = hdf5Step(`cannot read ${column.path}`, () => dataset(file, column.path).slice([[start, end]]));
  const values = (
    raw && typeof raw === 'object' && 'length' in raw ? Array.from(raw as ArrayLike<unknown>) : []
  ) as unknown[];
  return Array.from({ length: end - start }, (_, i) => {
    const v = values[i];
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'number') return v;
    if (typeof v === 'string') return v.replace(/\0+$/, '').trim();
    return null;
  });
}

/** One parallel column's values for rows [start, end) (a plan reads the names column alone). */
export function readCutoutColumn(file: Hdf5File, column: CutoutColumn, start: number, end: number): ColumnValue[] {
  return columnValues(file, column, start, end);
}

/**
 * Reads rows in slices of about sliceBytes (default 16 MiB): one slice in memory at a time;
 * `rows` limits it to [first, last) of the dataset.
 */
export function* readCutoutSlices(
  file: Hdf5File,
  layout: CutoutLayout,
  sliceBytes = SLICE_BYTES,
  rows: [number, number] = [0, layout.rows],
): Generator<CutoutSlice> {
  const [first, last] = rows;
  if (!(Number.isInteger(first) && Number.isInteger(last) && first >= 0 && first <= last && last <= layout.rows))
    throw new Hdf5FormatError(`${layout.path} has ${layout.rows} rows, not rows ${first}–${last - 1}`);
  const images = dataset(file, layout.path);
  const perSlice = rowsPerSlice(layout, images.metadata.size, sliceBytes);
  for (let start = first; start < last; start += perSlice) {
    const end = Math.min(last, start + perSlice);
    const pixels = hdf5Step(`cannot read rows ${start}–${end - 1} of ${layout.path}`, () =>
      images.slice([[start, end]]),
    );
    const expected = (end - start) * layout.height * layout.width * layout.bands;
    if (
      !pixels ||
      typeof pixels !== 'object' ||
      !('length' in pixels) ||
      (pixels as ArrayLike<unknown>).length !== expected
    ) {
      const rows = `${start}–${end - 1}`;
      throw new Hdf5FormatError(`rows ${rows} of ${layout.path} did not read back as ${expected} numbers`);
    }
    const columns = layout.columns.map((c) => columnValues(file, c, start, end));
    yield { start, count: end - start, pixels: pixels as ArrayLike<number | bigint>, columns };
  }
}

/** The pixels of one row (the inspector reads objects one at a time). */
export function readCutoutRow(file: Hdf5File, layout: CutoutLayout, row: number): ArrayLike<number | bigint> {
  if (!(Number.isInteger(row) && row >= 0 && row < layout.rows))
    throw new Hdf5FormatError(`${layout.path} has ${layout.rows} rows, not row ${row}`);
  const pixels = hdf5Step(`cannot read row ${row} of ${layout.path}`, () =>
    dataset(file, layout.path).slice([[row, row + 1]]),
  );
  if (!pixels || typeof pixels !== 'object' || !('length' in pixels))
    throw new Hdf5FormatError(`row ${row} of ${layout.path} did not read back as numbers`);
  return pixels as ArrayLike<number | bigint>;
}

/** Row `r` of a slice as planar bands × height × width float32, top row first. */
export function planarRow(layout: CutoutLayout, pixels: ArrayLike<number | bigint>, r: number): Float32Array {
  const { height, width, bands, order } = layout;
  const plane = height * width;
  const offset = r * plane * bands;
  const out = new Float32Array(plane * bands);
  // 64-bit integers come back as BigInt arrays; everything else copies without conversion calls.
  const values =
    ArrayBuffer.isView(pixels) && !(pixels instanceof BigInt64Array || pixels instanceof BigUint64Array)
      ? (pixels as ArrayLike<number>)
      : Float64Array.from({ length: out.length }, (_, i) => Number(pixels[offset + i]));
  const base = values === pixels ? offset : 0;
  if (order === 'nhwc') {
    for (let b = 0; b < bands; b++)
      for (let i = 0, j = base + b; i < plane; i++, j += bands) out[b * plane + i] = values[j];
  } else {
    for (let i = 0; i < out.length; i++) out[i] = values[base + i];
  }
  return out;
}
