// numpy string arrays in .npy files: object names saved beside an embedding with
// numpy.save(names) come as fixed-width 'U' (UTF-32 code points) or 'S' (bytes) dtypes.
// Each item is padded with NULs to the width, which numpy strips on reading; so does this.
// Python object arrays ('O') are pickles and are refused rather than unpickled.
import { formatNpyShape, NpyFormatError, parseNpyPrelude } from './npy.js';

export interface NpyStrings {
  shape: number[];
  /** Row-major, one string per item, trailing NULs removed. */
  values: string[];
}

/** Whether `descr` is a fixed-width string dtype ('<U8', '|S12', ...). */
export function isNpyStringDescr(descr: string): boolean {
  return /^[<>|=][US]\d+$/.test(descr);
}

function decodeUnicode(bytes: Buffer, offset: number, width: number, littleEndian: boolean): string {
  let text = '';
  for (let i = 0; i < width; i++) {
    const at = offset + 4 * i;
    const code = littleEndian ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at);
    if (code > 0x10ffff) throw new NpyFormatError(`invalid code point ${code} in a .npy string array`);
    text += String.fromCodePoint(code);
  }
  return text.replace(/\0+$/, '');
}

function decodeBytes(bytes: Buffer, offset: number, width: number): string {
  let end = offset + width;
  while (end > offset && bytes[end - 1] === 0) end--;
  return bytes.toString('utf8', offset, end);
}

/** Reads a whole .npy file of fixed-width strings held in memory. */
export function readNpyStrings(buffer: Uint8Array): NpyStrings {
  const prelude = parseNpyPrelude(buffer);
  const { descr, shape } = prelude;
  if (descr.includes('O'))
    throw new NpyFormatError(
      '.npy array holds Python objects (dtype object), which are pickles; save it with names.astype(str)',
    );
  if (!isNpyStringDescr(descr)) throw new NpyFormatError(`expected a .npy array of strings, found dtype ${descr}`);
  if (prelude.fortranOrder && shape.length > 1)
    throw new NpyFormatError('Fortran-order .npy arrays are not supported; save with numpy.ascontiguousarray first');
  const unicode = descr[1] === 'U';
  const width = Number(descr.slice(2));
  const itemBytes = unicode ? 4 * width : width;
  const count = shape.reduce((a, b) => a * b, 1);
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const needed = count * itemBytes;
  if (bytes.length < prelude.dataOffset + needed) {
    throw new NpyFormatError(
      `.npy data is truncated: shape ${formatNpyShape(shape)} of ${descr} needs ${needed} bytes, ` +
        `file has ${Math.max(0, bytes.length - prelude.dataOffset)}`,
    );
  }
  const values = new Array<string>(count);
  for (let i = 0; i < count; i++) {
    const offset = prelude.dataOffset + i * itemBytes;
    values[i] = unicode ? decodeUnicode(bytes, offset, width, descr[0] !== '>') : decodeBytes(bytes, offset, width);
  }
  return { shape, values };
}
