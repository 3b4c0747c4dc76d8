// Tile-compressed images (fpack's .fz, and what survey cutout services deliver): the image is
// cut into tiles, each compressed on its own and stored as one row of a BINTABLE with
// ZIMAGE = T, its bytes in the table's heap (FITS standard §10). Supported: RICE_1, GZIP_1,
// GZIP_2 and PLIO_1 (integer masks); integer images, floats stored losslessly, and floats
// quantised with NO_DITHER or SUBTRACTIVE_DITHER_1/2. Every size comes from the file, so each
// is checked against the bytes present and the pixel limit before anything is allocated.
import { inflateSync, unzipSync } from 'node:zlib';
import { type FitsHeader, FitsFormatError } from './header.js';
import type { FitsHduInfo } from './hdu-list.js';
import { describeFitsTable, findColumn, readFitsColumn } from './table.js';
import type { FitsColumnInfo, FitsTableLayout } from './table-layout.js';
import { parseQuantization, unquantizeInPlace } from './quantization.js';
import { riceDecode } from './rice.js';
import { plioDecode } from './plio.js';
import type { FitsBitpix } from './writer.js';

const VALID_BITPIX = new Set([8, 16, 32, 64, -32, -64]);
const SUPPORTED = new Set(['RICE_1', 'RICE_ONE', 'GZIP_1', 'GZIP_2', 'PLIO_1', 'NOCOMPRESS']);

export function isCompressedImageHdu(hdu: FitsHduInfo): boolean {
  return hdu.type === 'BINTABLE' && hdu.header.getBoolean('ZIMAGE') === true;
}

function whereOf(hdu: FitsHduInfo): string {
  return hdu.extname ? `HDU ${hdu.index} '${hdu.extname}'` : `HDU ${hdu.index}`;
}

export interface CompressedImageGeometry {
  bitpix: FitsBitpix;
  /** ZNAXISn, FITS order. */
  shape: number[];
  /** ZTILEn, FITS order. */
  tile: number[];
}

/** The uncompressed image's BITPIX, shape and tile shape, checked. */
export function compressedImageGeometry(hdu: FitsHduInfo): CompressedImageGeometry {
  const where = whereOf(hdu);
  const { header } = hdu;
  const bitpix = header.getNumber('ZBITPIX');
  if (bitpix === undefined || !VALID_BITPIX.has(bitpix))
    throw new FitsFormatError(
      `${where}: compressed image has an invalid ZBITPIX (${header.get('ZBITPIX') ?? 'missing'})`,
    );
  const naxis = header.getNumber('ZNAXIS');
  if (naxis === undefined || !Number.isInteger(naxis) || naxis < 1 || naxis > 999)
    throw new FitsFormatError(
      `${where}: compressed image has an invalid ZNAXIS (${header.get('ZNAXIS') ?? 'missing'})`,
    );
  const shape: number[] = [];
  const tile: number[] = [];
  for (let axis = 1; axis <= naxis; axis++) {
    const n = header.getNumber(`ZNAXIS${axis}`);
    if (n === undefined || !Number.isSafeInteger(n) || n < 1)
      throw new FitsFormatError(`${where}: invalid ZNAXIS${axis} (${header.get(`ZNAXIS${axis}`) ?? 'missing'})`);
    const t = header.getNumber(`ZTILE${axis}`, axis === 1 ? n : 1);
    if (!Number.isSafeInteger(t) || t < 1)
      throw new FitsFormatError(`${where}: invalid ZTILE${axis} (${header.get(`ZTILE${axis}`)})`);
    shape.push(n);
    tile.push(Math.min(t, n));
  }
  return { bitpix: bitpix as FitsBitpix, shape, tile };
}

/** ZNAMEi/ZVALi parameters of the compression algorithm, by upper-case name. */
function compressionParameters(header: FitsHeader): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 1; i <= 999; i++) {
    const name = header.getString(`ZNAME${i}`);
    if (name === undefined) break;
    const value = header.getNumber(`ZVAL${i}`);
    if (value !== undefined) out.set(name.trim().toUpperCase(), value);
  }
  return out;
}

interface HeapColumn {
  column: FitsColumnInfo;
  /** Bytes per element of the variable-length array (PB → 1). */
  elementBytes: number;
}

function heapColumn(layout: FitsTableLayout, name: string, where: string): HeapColumn | null {
  const column = findColumn(layout.columns, name);
  if (!column) return null;
  const match = /^\s*\d*\s*[PQ]\s*([BIJKED])/i.exec(column.tform);
  if (!match)
    throw new FitsFormatError(`${where}: column ${name} has TFORM '${column.tform}', not a variable-length array`);
  const elementBytes = { B: 1, I: 2, J: 4, K: 8, E: 4, D: 8 }[match[1].toUpperCase() as 'B'];
  return { column, elementBytes };
}

/** Returns a reader of row r's variable-length array bytes, each checked to lie within the heap and the file. */
function heapReader(
  buffer: Uint8Array,
  hdu: FitsHduInfo,
  layout: FitsTableLayout,
  where: string,
): (heap: HeapColumn, row: number) => Uint8Array {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const tableBytes = layout.rowBytes * layout.rows;
  const theap = layout.header.getNumber('THEAP', tableBytes);
  const heapEnd = tableBytes + layout.header.getNumber('PCOUNT', 0);
  return (heap, row) => {
    const at = hdu.dataOffset + row * layout.rowBytes + heap.column.offset;
    const q = heap.column.code === 'Q';
    const count = q ? Number(view.getBigInt64(at)) : view.getInt32(at);
    const offset = q ? Number(view.getBigInt64(at + 8)) : view.getInt32(at + 4);
    const bytes = count * heap.elementBytes;
    if (count < 0 || offset < 0 || !Number.isSafeInteger(bytes) || theap + offset + bytes > heapEnd) {
      throw new FitsFormatError(
        `${where}: tile ${row + 1} points outside the heap (offset ${offset}, ${count} elements)`,
      );
    }
    const start = hdu.dataOffset + theap + offset;
    if (start + bytes > buffer.byteLength)
      throw new FitsFormatError(
        `the file is truncated: ${where} tile ${row + 1} needs bytes up to ${start + bytes}, ` +
          `the file has ${buffer.byteLength}`,
      );
    return buffer.subarray(start, start + bytes);
  };
}

function inflateTile(bytes: Uint8Array, maxBytes: number, where: string, tile: number): Buffer {
  try {
    // GZIP_n tiles are gzip streams; some writers use bare zlib, which unzip also accepts.
    return bytes[0] === 0x1f && bytes[1] === 0x8b
      ? unzipSync(bytes, { maxOutputLength: maxBytes })
      : inflateSync(bytes, { maxOutputLength: maxBytes });
  } catch (err) {
    throw new FitsFormatError(`${where}: tile ${tile + 1} does not inflate (${(err as Error).message})`);
  }
}

/** GZIP_2 stores each element's most significant bytes first, then the next, and so on. */
function unshuffle(bytes: Uint8Array, elementBytes: number): Uint8Array {
  const n = bytes.length / elementBytes;
  const out = new Uint8Array(bytes.length);
  for (let b = 0; b < elementBytes; b++) for (let i = 0; i < n; i++) out[i * elementBytes + b] = bytes[b * n + i];
  return out;
}

/** Reads big-endian numbers of elementBytes each into values: integers, or floats when `float`. */
function readBigEndian(
  bytes: Uint8Array,
  count: number,
  elementBytes: number,
  float: boolean,
  values: Float64Array,
): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) {
    const at = i * elementBytes;
    values[i] = float
      ? elementBytes === 4
        ? view.getFloat32(at)
        : view.getFloat64(at)
      : elementBytes === 1
        ? view.getUint8(at)
        : elementBytes === 2
          ? view.getInt16(at)
          : elementBytes === 4
            ? view.getInt32(at)
            : Number(view.getBigInt64(at));
  }
}

export interface DecompressOptions {
  maxPixels: number;
  precision: 'float32' | 'float64';
}

/** Where a tile lies in the image: its first pixel per axis, its extent per axis, and its pixels. */
interface TilePlace {
  origin: number[];
  size: number[];
  count: number;
}

/** A tile-compressed image HDU checked and ready to decode tile by tile (tiles in FITS order, axis 1 fastest). */
interface CompressedTiles {
  geometry: CompressedImageGeometry;
  tilesPerAxis: number[];
  /** Decodes tile `t` into `values` (physical values, axis 1 fastest) and says where it lies. */
  decodeTile(t: number, values: Float64Array): TilePlace;
  /** Pixels of the largest tile: the length `values` needs. */
  maxTilePixels: number;
}

/** Checks a compressed image's table against its geometry and prepares decoding its tiles one at a time. */
function openCompressedTiles(buffer: Uint8Array, hdu: FitsHduInfo, maxPixels: number): CompressedTiles {
  const where = whereOf(hdu);
  const { header } = hdu;
  const geometry = compressedImageGeometry(hdu);
  const { bitpix, shape, tile } = geometry;
  const maxTilePixels = tile.reduce((a, b) => a * b, 1);
  if (maxTilePixels > maxPixels)
    throw new FitsFormatError(
      `${where}: compressed tiles of ${tile.join('×')} = ${maxTilePixels} pixels are over the limit of ${maxPixels}`,
    );
  const tilesPerAxis = shape.map((n, i) => Math.ceil(n / tile[i]));
  const tileCount = tilesPerAxis.reduce((a, b) => a * b, 1);
  const algorithm = header.getString('ZCMPTYPE', '').trim().toUpperCase();
  if (!SUPPORTED.has(algorithm))
    throw new FitsFormatError(
      `${where}: compression '${algorithm || 'missing ZCMPTYPE'}' is not supported (RICE_1, ` +
        'GZIP_1, GZIP_2 and PLIO_1 are)',
    );
  const layout = describeFitsTable(hdu, buffer.byteLength);
  if (layout.rows !== tileCount)
    throw new FitsFormatError(
      `${where}: the table has ${layout.rows} rows, the image's ${shape.join('×')} in ` +
        `${tile.join('×')} tiles needs ${tileCount}`,
    );

  const heapBytes = heapReader(buffer, hdu, layout, where);
  const compressed = heapColumn(layout, 'COMPRESSED_DATA', where);
  if (!compressed) throw new FitsFormatError(`${where}: compressed image has no COMPRESSED_DATA column`);
  const gzipFallback = heapColumn(layout, 'GZIP_COMPRESSED_DATA', where);
  const uncompressed = heapColumn(layout, 'UNCOMPRESSED_DATA', where);
  const scalar = (name: string) => {
    const column = findColumn(layout.columns, name);
    return column ? (readFitsColumn(buffer, layout, column, hdu.dataOffset).data as ArrayLike<number | bigint>) : null;
  };
  const zscale = scalar('ZSCALE');
  const zzero = scalar('ZZERO');
  const zblank = scalar('ZBLANK');
  const float = bitpix < 0;
  const quantized = float && zscale !== null;
  const method = parseQuantization(header.getString('ZQUANTIZ'), where);
  const ditherSeed = header.getNumber('ZDITHER0', 1);
  if (method !== 'NO_DITHER' && (!Number.isInteger(ditherSeed) || ditherSeed < 1 || ditherSeed > 10000))
    throw new FitsFormatError(`${where}: ZDITHER0 ${ditherSeed} is outside 1-10000`);
  const parameters = compressionParameters(header);
  const blockSize = parameters.get('BLOCKSIZE') ?? 32;
  const storedBytes = quantized ? 4 : Math.abs(bitpix) / 8;
  const bytePix = parameters.get('BYTEPIX') ?? Math.min(storedBytes, 4);
  const headerBlank = header.getNumber('ZBLANK') ?? (float ? undefined : header.getNumber('BLANK'));
  const bzero = float ? 0 : header.getNumber('BZERO', 0);
  const bscale = float ? 1 : header.getNumber('BSCALE', 1);
  const ints = new Int32Array(maxTilePixels);

  const decodeTile = (t: number, values: Float64Array): TilePlace => {
    let rest = t;
    const origin = tilesPerAxis.map((n, i) => {
      const k = rest % n;
      rest = Math.floor(rest / n);
      return k * tile[i];
    });
    const size = origin.map((o, i) => Math.min(tile[i], shape[i] - o));
    const count = size.reduce((a, b) => a * b, 1);
    const here = `${where} tile ${t + 1}`;
    let raw = false; // true when values already hold floats as stored (no quantisation)
    const bytes = heapBytes(compressed, t);
    if (bytes.length > 0 && algorithm !== 'NOCOMPRESS') {
      if (algorithm.startsWith('RICE')) {
        if (!quantized && float) throw new FitsFormatError(`${here}: RICE_1 cannot hold unquantised floats`);
        riceDecode(bytes, count, bytePix, blockSize, ints, here);
        for (let i = 0; i < count; i++) values[i] = ints[i];
      } else if (algorithm === 'PLIO_1') {
        if (!quantized && float) throw new FitsFormatError(`${here}: PLIO_1 cannot hold unquantised floats`);
        plioDecode(bytes, count, ints, here);
        for (let i = 0; i < count; i++) values[i] = ints[i];
      } else {
        const inflated = inflateTile(bytes, count * 8, where, t);
        const elementBytes = inflated.length / count;
        if (![1, 2, 4, 8].includes(elementBytes))
          throw new FitsFormatError(
            `${here}: inflates to ${inflated.length} bytes, not a whole number of ${count} pixels`,
          );
        const ordered = algorithm === 'GZIP_2' ? unshuffle(inflated, elementBytes) : inflated;
        raw = float && !quantized;
        readBigEndian(ordered, count, elementBytes, raw, values);
      }
    } else {
      // Tiles that could not be quantised are kept losslessly, gzipped or as they are.
      const fallback = gzipFallback ? heapBytes(gzipFallback, t) : new Uint8Array(0);
      const plain = uncompressed ? heapBytes(uncompressed, t) : new Uint8Array(0);
      const elementBytes = Math.abs(bitpix) / 8;
      const data =
        fallback.length > 0 ? inflateTile(fallback, count * elementBytes, where, t) : plain.length > 0 ? plain : bytes;
      if (data.length !== count * elementBytes)
        throw new FitsFormatError(`${here}: holds ${data.length} bytes, the tile needs ${count * elementBytes}`);
      readBigEndian(data, count, elementBytes, float, values);
      raw = true;
    }
    if (quantized && !raw) {
      const blank = zblank ? Number(zblank[t]) : headerBlank;
      unquantizeInPlace(values, count, {
        method,
        scale: Number(zscale[t]),
        zero: Number(zzero?.[t] ?? 0),
        blank: blank ?? null,
        ditherSeed,
        tile: t,
      });
    } else if (!float) {
      const blank = (zblank ? Number(zblank[t]) : headerBlank) ?? NaN;
      for (let i = 0; i < count; i++) values[i] = values[i] === blank ? NaN : bzero + bscale * values[i];
    }
    return { origin, size, count };
  };
  return { geometry, tilesPerAxis, decodeTile, maxTilePixels };
}

/** Decompresses a tile-compressed image HDU into physical values in FITS order. */
export function decompressFitsImage(
  buffer: Uint8Array,
  hdu: FitsHduInfo,
  options: DecompressOptions,
): Float32Array | Float64Array {
  const { shape } = compressedImageGeometry(hdu);
  const total = shape.reduce((a, b) => a * b, 1);
  if (total > options.maxPixels)
    throw new FitsFormatError(
      `${whereOf(hdu)}: compressed image is ${shape.join('×')} = ${total} pixels, over the limit of ` +
        `${options.maxPixels}`,
    );
  const tiles = openCompressedTiles(buffer, hdu, options.maxPixels);
  const tileCount = tiles.tilesPerAxis.reduce((a, b) => a * b, 1);
  const out = options.precision === 'float64' ? new Float64Array(total) : new Float32Array(total);
  const values = new Float64Array(tiles.maxTilePixels);
  for (let t = 0; t < tileCount; t++) {
    const { size, origin } = tiles.decodeTile(t, values);
    scatterTile(values, size, origin, shape, out);
  }
  return out;
}

/** One row at a time of a 2-D tile-compressed image (a DESI mask: one row per fibre). */
export interface CompressedImageRows {
  /** ZNAXIS1: pixels a row. */
  width: number;
  /** ZNAXIS2: rows. */
  rows: number;
  /** Row `row`'s physical values, decoding only the tiles that hold it. */
  read(row: number, precision: 'float32' | 'float64'): Float32Array | Float64Array;
}

/**
 * Prepares reading a 2-D tile-compressed image row by row: a file of many spectra is read one spectrum at a time, so
 * decoding the whole image for each would repeat the work once per row. Tiles of several rows are decoded whole.
 */
export function compressedImageRows(buffer: Uint8Array, hdu: FitsHduInfo, maxPixels: number): CompressedImageRows {
  const { shape } = compressedImageGeometry(hdu);
  if (shape.length > 2 && shape.slice(2).some((n) => n !== 1))
    throw new FitsFormatError(`${whereOf(hdu)}: compressed image is ${shape.join('×')}, not 2-D`);
  const [width, rows = 1] = shape;
  if (width > maxPixels)
    throw new FitsFormatError(`${whereOf(hdu)}: rows of ${width} pixels are over the limit of ${maxPixels}`);
  const tiles = openCompressedTiles(buffer, hdu, maxPixels);
  const [across] = tiles.tilesPerAxis;
  const tileRows = tiles.geometry.tile[1] ?? 1;
  const values = new Float64Array(tiles.maxTilePixels);
  return {
    width,
    rows,
    read(row, precision) {
      if (!Number.isInteger(row) || row < 0 || row >= rows)
        throw new FitsFormatError(`${whereOf(hdu)} has ${rows} rows, not a row ${row}`);
      const out = precision === 'float64' ? new Float64Array(width) : new Float32Array(width);
      const first = Math.floor(row / tileRows) * across;
      for (let t = first; t < first + across; t++) {
        const { origin, size } = tiles.decodeTile(t, values);
        const from = (row - (origin[1] ?? 0)) * size[0];
        for (let x = 0; x < size[0]; x++) out[origin[0] + x] = values[from + x];
      }
      return out;
    },
  };
}

/** Copies a tile's values (axis 1 fastest) into the image at its origin. */
function scatterTile(
  values: Float64Array,
  size: number[],
  origin: number[],
  shape: number[],
  out: Float32Array | Float64Array,
): void {
  const strides = shape.map((_, i) => shape.slice(0, i).reduce((a, b) => a * b, 1));
  const rows = size.slice(1).reduce((a, b) => a * b, 1);
  const position = new Array<number>(size.length).fill(0);
  for (let r = 0, from = 0; r < rows; r++, from += size[0]) {
    let to = origin[0];
    for (let i = 1; i < size.length; i++) to += (origin[i] + position[i]) * strides[i];
    for (let x = 0; x < size[0]; x++) out[to + x] = values[from + x];
    for (let i = 1; i < size.length; i++) {
      if (++position[i] < size[i]) break;
      position[i] = 0;
    }
  }
}
