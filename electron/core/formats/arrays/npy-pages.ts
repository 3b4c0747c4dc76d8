// .npy files read and written a page of rows at a time, for arrays too large to hold whole: Node
// cannot make a typed array past 2^32 values, and merging shards streams 10M × 32 embeddings through
// a few megabytes. The writer fills a temporary file beside the target (with a header of fixed size,
// its row count written last) and renames it over the target only when told, so that a caller
// writing several files can finish all of them before any one replaces what was there.
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import {
  type NpyDtype,
  type NpyTypedArray,
  NpyFormatError,
  defaultNpyDtypeOf,
  encodeNpyHeader,
  formatNpyShape,
  npyDtypeByteSize,
  npyTypedArrayOver,
  parseNpyHeader,
} from './npy.js';

/** The most of a file's start read to find its header (numpy headers are far smaller). */
const MAX_HEADER_READ = 65536 + 12;
/** A row count this long never occurs, so the header written first has room for the real one. */
const COUNT_PLACEHOLDER = 999_999_999_999_999;

export interface NpyPageReader {
  readonly path: string;
  readonly dtype: NpyDtype;
  readonly shape: readonly number[];
  /** The first dimension (1 for a scalar). */
  readonly rows: number;
  /** Values in one row: the product of the other dimensions. */
  readonly rowLength: number;
  /** Rows `start` to `start + count - 1`, in a fresh array. */
  read(start: number, count: number): NpyTypedArray;
  close(): void;
}

/** Opens a C-order little-endian .npy for reading rows; it checks that the file holds every row its header counts. */
export function openNpyPages(path: string): NpyPageReader {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, MAX_HEADER_READ));
    readSync(fd, head, 0, head.length, 0);
    const header = parseNpyHeader(head);
    const rows = header.shape.length === 0 ? 1 : header.shape[0];
    const rowLength = header.shape.slice(1).reduce((a, b) => a * b, 1);
    const bytes = npyDtypeByteSize(header.dtype);
    const needed = header.dataOffset + rows * rowLength * bytes;
    if (size < needed)
      throw new NpyFormatError(`${path} is truncated: shape ${formatNpyShape(header.shape)} needs ${needed} bytes`);
    let open = true;
    return {
      path,
      dtype: header.dtype,
      shape: header.shape,
      rows,
      rowLength,
      read(start, count) {
        if (!open) throw new Error(`${path} is closed`);
        if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > rows)
          throw new RangeError(`rows ${start}..${start + count - 1} are out of range (the file has ${rows})`);
        const buffer = new ArrayBuffer(count * rowLength * bytes);
        const view = new Uint8Array(buffer);
        const position = header.dataOffset + start * rowLength * bytes;
        for (let done = 0; done < view.length;) {
          const n = readSync(fd, view, done, view.length - done, position + done);
          if (n === 0) throw new NpyFormatError(`${path} ended early`);
          done += n;
        }
        return npyTypedArrayOver(header.dtype, buffer, 0, count * rowLength);
      },
      close() {
        if (open) closeSync(fd);
        open = false;
      },
    };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/**
 * Writes an .npy of rows appended page by page into a temporary file beside `path`: `finish` makes
 * it whole and durable, `publish` then renames it over `path`; `discard` removes it.
 */
export class NpyPageWriter {
  private fd: number | null;
  private count = 0;
  private readonly rowLength: number;
  private readonly headerBytes: number;
  private state: 'writing' | 'finished' | 'published' | 'discarded' = 'writing';

  private constructor(
    readonly path: string,
    readonly temporaryPath: string,
    readonly dtype: NpyDtype,
    /** The shape of one row; [] for a 1-D file of values. */
    readonly rowShape: readonly number[],
  ) {
    this.rowLength = rowShape.reduce((a, b) => a * b, 1);
    this.headerBytes = encodeNpyHeader(dtype, [COUNT_PLACEHOLDER, ...rowShape]).length;
    this.fd = openSync(temporaryPath, 'wx');
    // The data starts after a header sized for any count; the real header is written by finish.
    writeSync(this.fd, Buffer.alloc(this.headerBytes, 0x20), 0, this.headerBytes, 0);
  }

  static create(path: string, dtype: NpyDtype, rowShape: readonly number[]): NpyPageWriter {
    if (rowShape.some((n) => !Number.isSafeInteger(n) || n <= 0))
      throw new NpyFormatError(`invalid row shape ${formatNpyShape([...rowShape])}`);
    const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
    return new NpyPageWriter(path, temporary, dtype, [...rowShape]);
  }

  get rows(): number {
    return this.count;
  }

  /** Appends whole rows (their values one row after another). */
  append(values: NpyTypedArray): void {
    if (this.state !== 'writing' || this.fd === null) throw new Error(`${this.path}: appending after finish`);
    const natural = defaultNpyDtypeOf(values);
    if (natural !== this.dtype && !(this.dtype === '<f2' && natural === '<u2'))
      throw new NpyFormatError(`a ${values.constructor.name} cannot be appended to a ${this.dtype} file`);
    if (values.length % this.rowLength !== 0)
      throw new RangeError(`${values.length} values is not a whole number of rows of ${this.rowLength}`);
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    const position = this.headerBytes + this.count * this.rowLength * npyDtypeByteSize(this.dtype);
    for (let done = 0; done < bytes.length;)
      done += writeSync(this.fd, bytes, done, bytes.length - done, position + done);
    this.count += values.length / this.rowLength;
  }

  /** Writes the header with the final row count and forces the file to disk. */
  finish(): void {
    if (this.state !== 'writing' || this.fd === null) throw new Error(`${this.path}: finished twice`);
    const header = encodeNpyHeader(this.dtype, [this.count, ...this.rowShape], this.headerBytes);
    writeSync(this.fd, header, 0, header.length, 0);
    fsyncSync(this.fd);
    closeSync(this.fd);
    this.fd = null;
    this.state = 'finished';
  }

  /** Renames the finished file over `path`. */
  publish(): void {
    if (this.state !== 'finished') throw new Error(`${this.path}: publish before finish`);
    renameSync(this.temporaryPath, this.path);
    this.state = 'published';
  }

  /** Removes the temporary file (harmless after publish). */
  discard(): void {
    if (this.state === 'published' || this.state === 'discarded') return;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.temporaryPath, { force: true });
    this.state = 'discarded';
  }
}

/**
 * A page of integer values (an id column) as doubles, exact below 2^53. 64-bit values are read
 * through their two 32-bit halves: Number(bigint) per value would dominate a scan of 100M ids.
 */
export function integersAsNumbers(values: NpyTypedArray): Float64Array {
  if (!(values instanceof BigInt64Array || values instanceof BigUint64Array))
    return Float64Array.from(values as ArrayLike<number>);
  const out = new Float64Array(values.length);
  const low = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const high =
    values instanceof BigInt64Array
      ? new Int32Array(values.buffer, values.byteOffset, values.length * 2)
      : new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  for (let i = 0; i < values.length; i++) out[i] = high[2 * i + 1] * 4294967296 + low[2 * i];
  return out;
}
