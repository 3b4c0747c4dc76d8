// numpy .npy files: how the workspace stores large arrays (embeddings, ids, model inputs) so
// that numpy.load reads them unchanged. Writes format 1.0 (2.0 when the header outgrows 64 KiB),
// little-endian, C order, with the data starting on a 64-byte boundary as numpy itself does.
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { writeFileAtomic, writeFileAtomicSync } from '../../util/atomic-write.js';

export type NpyDtype = '<f2' | '<f4' | '<f8' | '<i2' | '<i4' | '<i8' | '<u2' | '<u4' | '<u8' | '|u1' | '|i1' | '|b1';

export type NpyTypedArray =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  /** '<f2' data is raw half bits (see float16.ts); '|b1' is one byte per value, 0 or 1. */
  data: NpyTypedArray;
  /** Always false: Fortran-order files are rejected rather than silently transposed. */
  fortranOrder: boolean;
}

export interface NpyHeader {
  dtype: NpyDtype;
  shape: number[];
  fortranOrder: boolean;
  /** Byte offset of the first value: magic, version, length field and dict together. */
  dataOffset: number;
}

export class NpyFormatError extends Error {
  override name = 'NpyFormatError';
}

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY
/** numpy aligns the data to 64 bytes so that memory-mapped arrays are aligned for any dtype. */
export const NPY_ALIGNMENT = 64;

interface DtypeInfo {
  bytes: number;
  make: (buffer: ArrayBuffer, byteOffset: number, length: number) => NpyTypedArray;
}

const DTYPES: Record<NpyDtype, DtypeInfo> = {
  '<f2': { bytes: 2, make: (b, o, n) => new Uint16Array(b, o, n) },
  '<f4': { bytes: 4, make: (b, o, n) => new Float32Array(b, o, n) },
  '<f8': { bytes: 8, make: (b, o, n) => new Float64Array(b, o, n) },
  '<i2': { bytes: 2, make: (b, o, n) => new Int16Array(b, o, n) },
  '<i4': { bytes: 4, make: (b, o, n) => new Int32Array(b, o, n) },
  '<i8': { bytes: 8, make: (b, o, n) => new BigInt64Array(b, o, n) },
  '<u2': { bytes: 2, make: (b, o, n) => new Uint16Array(b, o, n) },
  '<u4': { bytes: 4, make: (b, o, n) => new Uint32Array(b, o, n) },
  '<u8': { bytes: 8, make: (b, o, n) => new BigUint64Array(b, o, n) },
  '|u1': { bytes: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
  '|i1': { bytes: 1, make: (b, o, n) => new Int8Array(b, o, n) },
  '|b1': { bytes: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
};

/** Spellings numpy or other writers use for the same dtypes ('=' and single bytes' '<'/'>'). */
function normaliseDtype(descr: string): NpyDtype | null {
  if (descr.length < 3) return null;
  const order = descr[0];
  const kind = descr.slice(1);
  if (kind === 'u1' || kind === 'i1' || kind === 'b1')
    return order === '|' || order === '<' || order === '>' || order === '=' ? (`|${kind}` as NpyDtype) : null;
  const littleEndian = `<${kind}`;
  if ((order === '<' || order === '=') && littleEndian in DTYPES) return littleEndian as NpyDtype;
  return null;
}

export function npyDtypeByteSize(dtype: NpyDtype): number {
  return DTYPES[dtype].bytes;
}

/** A typed array of `length` values of `dtype` over `buffer` from `byteOffset` (which must be aligned for it). */
export function npyTypedArrayOver(
  dtype: NpyDtype,
  buffer: ArrayBuffer,
  byteOffset: number,
  length: number,
): NpyTypedArray {
  return DTYPES[dtype].make(buffer, byteOffset, length);
}

/** The dtype an array is written as when the caller does not say. Uint16Array means '<u2'. */
export function defaultNpyDtypeOf(array: NpyTypedArray): NpyDtype {
  if (array instanceof Float32Array) return '<f4';
  if (array instanceof Float64Array) return '<f8';
  if (array instanceof Int8Array) return '|i1';
  if (array instanceof Int16Array) return '<i2';
  if (array instanceof Int32Array) return '<i4';
  if (array instanceof BigInt64Array) return '<i8';
  if (array instanceof Uint8Array) return '|u1';
  if (array instanceof Uint16Array) return '<u2';
  if (array instanceof Uint32Array) return '<u4';
  if (array instanceof BigUint64Array) return '<u8';
  throw new NpyFormatError('unsupported array type for .npy');
}

function checkArrayMatchesDtype(array: NpyTypedArray, dtype: NpyDtype): void {
  const natural = defaultNpyDtypeOf(array);
  const compatible =
    natural === dtype || (dtype === '<f2' && natural === '<u2') || (dtype === '|b1' && natural === '|u1');
  if (!compatible) throw new NpyFormatError(`a ${array.constructor.name} cannot be written as dtype ${dtype}`);
}

function checkShape(shape: number[], length: number): void {
  for (const n of shape) {
    if (!Number.isSafeInteger(n) || n < 0) throw new NpyFormatError(`invalid .npy shape (${shape.join(', ')})`);
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== length)
    throw new NpyFormatError(`shape (${shape.join(', ')}) holds ${count} values but the array has ${length}`);
}

export function formatNpyShape(shape: number[]): string {
  if (shape.length === 1) return `(${shape[0]},)`;
  return `(${shape.join(', ')})`;
}

export function formatNpyDict(dtype: NpyDtype, shape: number[]): string {
  return `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${formatNpyShape(shape)}, }`;
}

/**
 * The header bytes (magic, version, length, dict padded with spaces and ended by '\n').
 * `totalBytes` forces a fixed header size (a multiple of 64) so the dict can be rewritten in place.
 */
export function encodeNpyHeader(dtype: NpyDtype, shape: number[], totalBytes?: number): Buffer {
  const dict = formatNpyDict(dtype, shape);
  let total = totalBytes ?? Math.ceil((10 + dict.length + 1) / NPY_ALIGNMENT) * NPY_ALIGNMENT;
  let version = 1;
  let prefix = 10;
  if (total - 10 > 0xffff) {
    version = 2;
    prefix = 12;
    if (totalBytes === undefined) total = Math.ceil((12 + dict.length + 1) / NPY_ALIGNMENT) * NPY_ALIGNMENT;
  }
  if (total % NPY_ALIGNMENT !== 0)
    throw new NpyFormatError(`.npy header size ${total} is not a multiple of ${NPY_ALIGNMENT}`);
  if (prefix + dict.length + 1 > total)
    throw new NpyFormatError(`.npy header for shape ${formatNpyShape(shape)} does not fit in ${total} bytes`);
  const header = Buffer.alloc(total, 0x20);
  MAGIC.copy(header, 0);
  header[6] = version;
  header[7] = 0;
  if (version === 1) header.writeUInt16LE(total - prefix, 8);
  else header.writeUInt32LE(total - prefix, 8);
  header.write(dict, prefix, 'latin1');
  header[total - 1] = 0x0a;
  return header;
}

function bytesOf(array: NpyTypedArray): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

export interface NpyWriteOptions {
  /** Overrides the dtype implied by the array type: '<f2' for a Uint16Array of half bits, '|b1' for booleans. */
  dtype?: NpyDtype;
}

function checkHostIsLittleEndian(): void {
  // Typed arrays use the host's byte order; .npy here is always little-endian.
  if (endianness() !== 'LE') throw new NpyFormatError('.npy support needs a little-endian host');
}

/** The whole file in memory: header then data (a copy). Prefer writeNpy for large arrays. */
export function encodeNpy(array: NpyTypedArray, shape: number[], options: NpyWriteOptions = {}): Buffer {
  checkHostIsLittleEndian();
  const dtype = options.dtype ?? defaultNpyDtypeOf(array);
  checkArrayMatchesDtype(array, dtype);
  checkShape(shape, array.length);
  return Buffer.concat([encodeNpyHeader(dtype, shape), bytesOf(array)]);
}

/** writeNpy without blocking the thread on the write and its fsync (the app's server keeps answering). */
export async function writeNpyAsync(
  path: string,
  array: NpyTypedArray,
  shape: number[],
  options: NpyWriteOptions = {},
): Promise<void> {
  checkHostIsLittleEndian();
  const dtype = options.dtype ?? defaultNpyDtypeOf(array);
  checkArrayMatchesDtype(array, dtype);
  checkShape(shape, array.length);
  await writeFileAtomic(path, encodeNpyHeader(dtype, shape), bytesOf(array));
}

/** Writes atomically (temporary file, then rename), without copying the data. */
export function writeNpy(path: string, array: NpyTypedArray, shape: number[], options: NpyWriteOptions = {}): void {
  checkHostIsLittleEndian();
  const dtype = options.dtype ?? defaultNpyDtypeOf(array);
  checkArrayMatchesDtype(array, dtype);
  checkShape(shape, array.length);
  writeFileAtomicSync(path, encodeNpyHeader(dtype, shape), [bytesOf(array)]);
}

function parseHeaderDict(text: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(text);
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text);
  const shape = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape) throw new NpyFormatError(`unreadable .npy header: ${text.trim()}`);
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const n = Number(s.replace(/L$/, ''));
      if (!Number.isSafeInteger(n) || n < 0) throw new NpyFormatError(`invalid .npy shape (${shape[1]})`);
      return n;
    });
  return { descr: descr[1], fortranOrder: fortran[1] === 'True', shape: dims };
}

/** The header as written: the dtype's descr text as it stands (any dtype), shape, order and data offset. */
export interface NpyPrelude {
  descr: string;
  shape: number[];
  fortranOrder: boolean;
  dataOffset: number;
}

/**
 * Reads the magic, version and dict at the start of `buffer` without judging the dtype, so
 * readers of dtypes this module does not hand back as typed arrays (strings) share it.
 */
export function parseNpyPrelude(buffer: Uint8Array): NpyPrelude {
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (bytes.length < 10 || !bytes.subarray(0, 6).equals(MAGIC))
    throw new NpyFormatError('not a .npy file (no \\x93NUMPY magic)');
  const major = bytes[6];
  let prefix: number;
  let dictLength: number;
  if (major === 1) {
    prefix = 10;
    dictLength = bytes.readUInt16LE(8);
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new NpyFormatError('.npy header is truncated');
    prefix = 12;
    dictLength = bytes.readUInt32LE(8);
  } else {
    throw new NpyFormatError(`unsupported .npy format version ${major}.${bytes[7]}`);
  }
  if (bytes.length < prefix + dictLength) throw new NpyFormatError('.npy header is truncated');
  const text = bytes.toString(major === 3 ? 'utf8' : 'latin1', prefix, prefix + dictLength);
  return { ...parseHeaderDict(text), dataOffset: prefix + dictLength };
}

/**
 * Parses the header at the start of `buffer` (which may be just the first bytes of a file).
 * Throws for anything this module cannot hand back as a C-order little-endian typed array.
 */
export function parseNpyHeader(buffer: Uint8Array): NpyHeader {
  const dict = parseNpyPrelude(buffer);
  if (dict.fortranOrder)
    throw new NpyFormatError('Fortran-order .npy arrays are not supported; save with numpy.ascontiguousarray first');
  const dtype = normaliseDtype(dict.descr);
  if (!dtype && dict.descr.startsWith('>')) {
    throw new NpyFormatError(
      `big-endian .npy dtype ${dict.descr} is not supported; convert with arr.astype(arr.dtype.newbyteorder('<'))`,
    );
  }
  if (!dtype) throw new NpyFormatError(`unsupported .npy dtype ${dict.descr}`);
  return { dtype, shape: dict.shape, fortranOrder: false, dataOffset: dict.dataOffset };
}

/**
 * Reads a whole .npy file held in memory. The data is a view into `buffer` when its offset
 * is aligned for the dtype (no copy for large arrays), else an aligned copy.
 */
export function readNpy(buffer: Uint8Array): NpyArray {
  checkHostIsLittleEndian();
  const header = parseNpyHeader(buffer);
  const { bytes } = DTYPES[header.dtype];
  const count = header.shape.reduce((a, b) => a * b, 1);
  const byteLength = count * bytes;
  if (buffer.byteLength < header.dataOffset + byteLength) {
    throw new NpyFormatError(
      `.npy data is truncated: shape ${formatNpyShape(header.shape)} needs ${byteLength} ` +
        `bytes, file has ${Math.max(0, buffer.byteLength - header.dataOffset)}`,
    );
  }
  const start = buffer.byteOffset + header.dataOffset;
  let data: NpyTypedArray;
  if (start % bytes === 0) {
    data = DTYPES[header.dtype].make(buffer.buffer as ArrayBuffer, start, count);
  } else {
    const copy = new Uint8Array(byteLength);
    copy.set(buffer.subarray(header.dataOffset, header.dataOffset + byteLength));
    data = DTYPES[header.dtype].make(copy.buffer, 0, count);
  }
  return { dtype: header.dtype, shape: header.shape, data, fortranOrder: false };
}

export function readNpyFile(path: string): NpyArray {
  return readNpy(readFileSync(path));
}
