// An appendable .npy file of fixed-shape rows (model inputs: e.g. N × 64 × 64 × 3 float16),
// which numpy.load, with or without mmap_mode, reads at any moment after an append returns.
// The header has a fixed size, with room for a row count of up to 15 digits, and is rewritten
// in place after each append. Rows are written before the count that exposes them, so after a
// crash the header never counts a row that is not fully on disk; reopening trims the rest.
// It is the one workspace file written in place rather than through atomic-write: copying
// gigabytes per append is not an option, and the write order keeps it consistent instead.
// One writer at a time: nothing here locks the file against a second process appending.
import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { type NpyDtype, NpyFormatError, encodeNpyHeader, formatNpyShape, parseNpyHeader } from './npy.js';

export type NpyRowDtype = '<f2' | '<f4';
/** '<f2' rows are raw half bits (see float16.ts). */
export type NpyRowArray<D extends NpyRowDtype> = D extends '<f2' ? Uint16Array : Float32Array;

export interface NpyRowFileSpec<D extends NpyRowDtype> {
  dtype: D;
  /** The shape of one row, e.g. [64, 64, 3]; the file's shape is [rowCount, ...rowShape]. */
  rowShape: number[];
}

const BYTES_PER_VALUE: Record<NpyRowDtype, number> = { '<f2': 2, '<f4': 4 };
/** A row count this long (10^15 rows) never occurs, so the header never has to grow. */
const COUNT_PLACEHOLDER = 999_999_999_999_999;
/** The most of an existing file's header read to find its length (numpy headers are far smaller). */
const MAX_HEADER_READ = 65536 + 12;

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

function headerSizeFor(dtype: NpyDtype, rowShape: number[]): number {
  return encodeNpyHeader(dtype, [COUNT_PLACEHOLDER, ...rowShape]).length;
}

export class NpyRowFile<D extends NpyRowDtype = NpyRowDtype> {
  private fd: number | null;
  private count: number;
  /** Values in one row (the product of rowShape). */
  readonly rowLength: number;
  readonly rowBytes: number;

  private constructor(
    readonly path: string,
    fd: number,
    readonly dtype: D,
    readonly rowShape: readonly number[],
    /** Bytes before the first row; fixed for the life of the file. */
    readonly headerBytes: number,
    rowCount: number,
    readonly readOnly: boolean,
  ) {
    this.fd = fd;
    this.count = rowCount;
    this.rowLength = rowShape.reduce((a, b) => a * b, 1);
    this.rowBytes = this.rowLength * BYTES_PER_VALUE[dtype];
  }

  /** Opens the file for appending, creating it (with zero rows) when it does not exist. */
  static openOrCreate<D extends NpyRowDtype>(path: string, spec: NpyRowFileSpec<D>): NpyRowFile<D> {
    const { dtype, rowShape } = spec;
    if (!(dtype in BYTES_PER_VALUE)) throw new NpyFormatError(`row files hold '<f2' or '<f4', not ${dtype}`);
    if (rowShape.some((n) => !Number.isSafeInteger(n) || n <= 0))
      throw new NpyFormatError(`invalid row shape ${formatNpyShape(rowShape)}`);
    if (!existsSync(path)) {
      const header = encodeNpyHeader(dtype, [0, ...rowShape], headerSizeFor(dtype, rowShape));
      // 'wx': if another writer created it in the meantime, fail rather than clobber it.
      const fd = openSync(path, 'wx+');
      writeSync(fd, header, 0, header.length, 0);
      fsyncSync(fd);
      return new NpyRowFile(path, fd, dtype, [...rowShape], header.length, 0, false);
    }
    const fd = openSync(path, 'r+');
    try {
      const file = NpyRowFile.fromExisting<D>(path, fd, false);
      if (file.dtype !== dtype || !sameShape([...file.rowShape], rowShape)) {
        throw new NpyFormatError(
          `${path} holds rows of ${file.dtype} ${formatNpyShape([...file.rowShape])}, not ` +
            `${dtype} ${formatNpyShape(rowShape)}`,
        );
      }
      file.repairAfterCrash();
      return file;
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  /** Opens an existing file for reading rows only; it must not be appended to meanwhile. */
  static openReadOnly(path: string): NpyRowFile {
    const fd = openSync(path, 'r');
    try {
      return NpyRowFile.fromExisting<NpyRowDtype>(path, fd, true);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  private static fromExisting<D extends NpyRowDtype>(path: string, fd: number, readOnly: boolean): NpyRowFile<D> {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, MAX_HEADER_READ));
    readSync(fd, head, 0, head.length, 0);
    const header = parseNpyHeader(head);
    if (header.dtype !== '<f2' && header.dtype !== '<f4')
      throw new NpyFormatError(`${path} holds ${header.dtype}, and row files hold '<f2' or '<f4'`);
    if (header.shape.length < 1) throw new NpyFormatError(`${path} holds a scalar, not rows`);
    const [declared, ...rowShape] = header.shape;
    const file = new NpyRowFile<D>(path, fd, header.dtype as D, rowShape, header.dataOffset, 0, readOnly);
    // A row past the end of the file was never written; a row past the count was never committed.
    const whole = file.rowBytes === 0 ? declared : Math.floor((size - header.dataOffset) / file.rowBytes);
    file.count = Math.min(declared, Math.max(0, whole));
    return file;
  }

  /** Trims bytes past the last counted row (a crash mid-append) and fixes the count. */
  private repairAfterCrash(): void {
    const fd = this.descriptor();
    const expected = this.headerBytes + this.count * this.rowBytes;
    if (fstatSync(fd).size !== expected) {
      ftruncateSync(fd, expected);
      this.writeHeader();
      fsyncSync(fd);
    }
  }

  get rowCount(): number {
    return this.count;
  }

  private descriptor(): number {
    if (this.fd === null) throw new Error(`${this.path} is closed`);
    return this.fd;
  }

  private writable(): number {
    if (this.readOnly) throw new Error(`${this.path} was opened read-only`);
    return this.descriptor();
  }

  private checkRows(rows: Uint16Array | Float32Array): void {
    const expected = this.dtype === '<f2' ? Uint16Array : Float32Array;
    if (!(rows instanceof expected))
      throw new TypeError(`${this.path} holds ${this.dtype}: rows must be a ${expected.name}`);
    if (rows.length % this.rowLength !== 0) {
      throw new RangeError(`${rows.length} values is not a whole number of rows of ${this.rowLength}`);
    }
  }

  private writeHeader(): void {
    const header = encodeNpyHeader(this.dtype, [this.count, ...this.rowShape], this.headerBytes);
    writeSync(this.writable(), header, 0, header.length, 0);
  }

  private writeAt(rows: Uint16Array | Float32Array, position: number): void {
    const bytes = new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength);
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(this.writable(), bytes, written, bytes.length - written, position + written);
    }
  }

  /** Appends one or more whole rows; returns the index of the first. */
  appendRows(rows: NpyRowArray<D>): number {
    this.checkRows(rows);
    const first = this.count;
    this.writeAt(rows, this.headerBytes + first * this.rowBytes);
    this.count += rows.length / this.rowLength;
    this.writeHeader();
    return first;
  }

  /** Overwrites row `index` (which must exist) in place. */
  writeRow(index: number, row: NpyRowArray<D>): void {
    this.checkRows(row);
    if (row.length !== this.rowLength)
      throw new RangeError(`writeRow takes one row of ${this.rowLength} values, got ${row.length}`);
    if (!Number.isInteger(index) || index < 0 || index >= this.count)
      throw new RangeError(`row ${index} is out of range (0..${this.count - 1})`);
    this.writeAt(row, this.headerBytes + index * this.rowBytes);
  }

  /** Reads `count` rows from `start` into a new array (row-major, as numpy holds them). */
  readRows(start: number, count: number): NpyRowArray<D> {
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > this.count) {
      throw new RangeError(`rows ${start}..${start + count - 1} are out of range (the file has ${this.count})`);
    }
    const out = (
      this.dtype === '<f2' ? new Uint16Array(count * this.rowLength) : new Float32Array(count * this.rowLength)
    ) as NpyRowArray<D>;
    const bytes = new Uint8Array(out.buffer);
    const position = this.headerBytes + start * this.rowBytes;
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(this.descriptor(), bytes, read, bytes.length - read, position + read);
      if (n === 0)
        throw new NpyFormatError(`${this.path} ended early, at row ${start + Math.floor(read / this.rowBytes)}`);
      read += n;
    }
    return out;
  }

  /** Forces appended rows and the header to disk (close does it too). */
  flush(): void {
    if (!this.readOnly) fsyncSync(this.descriptor());
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    try {
      if (!this.readOnly) fsyncSync(fd);
    } finally {
      this.fd = null;
      closeSync(fd);
    }
  }
}

/**
 * The rows at `rows` (any order, repeats allowed), one after another in a new array, reading
 * each run of consecutive row numbers with one call: inputs stored in id order are mostly
 * contiguous, so a batch costs a few reads rather than one per row.
 */
export function readRowRuns<D extends NpyRowDtype>(file: NpyRowFile<D>, rows: ArrayLike<number>): NpyRowArray<D> {
  const count = rows.length;
  let run = 1;
  while (run < count && rows[run] === rows[0] + run) run++;
  if (count === 0 || run === count) return file.readRows(count === 0 ? 0 : rows[0], count);
  const out = (
    file.dtype === '<f2' ? new Uint16Array(count * file.rowLength) : new Float32Array(count * file.rowLength)
  ) as NpyRowArray<D>;
  for (let k = 0; k < count;) {
    const first = rows[k];
    let length = 1;
    while (k + length < count && rows[k + length] === first + length) length++;
    out.set(file.readRows(first, length) as never, k * file.rowLength);
    k += length;
  }
  return out;
}
