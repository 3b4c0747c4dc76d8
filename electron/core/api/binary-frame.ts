// Binary frames: how results holding typed arrays (map columns, pixels) cross HTTP (and,
// optionally, IPC) without JSON-encoding millions of numbers. Layout, little-endian:
//
//   bytes 0..3    "SRDB"
//   bytes 4..7    uint32: H, byte length of the JSON header
//   bytes 8..8+H  UTF-8 JSON header: { "value": <the result, each typed array replaced by
//                 {"$array": i}>, "arrays": [{ "dtype", "offset", "length" }, ...] }
//   then          array i's bytes at `offset` (from the frame start, a multiple of 8),
//                 `length` elements of `dtype` (f4 f8 u1 u2 u4 i4)
//
// The renderer's decoder (renderer/src/api/binary-frame.ts) mirrors this file.

export const BINARY_FRAME_MAGIC = 'SRDB';
export const BINARY_FRAME_CONTENT_TYPE = 'application/octet-stream';

type Typed = Float32Array | Float64Array | Uint8Array | Uint16Array | Uint32Array | Int32Array;
const DTYPES: [string, new (...args: never[]) => Typed][] = [
  ['f4', Float32Array],
  ['f8', Float64Array],
  ['u1', Uint8Array],
  ['u2', Uint16Array],
  ['u4', Uint32Array],
  ['i4', Int32Array],
];

function dtypeOf(value: unknown): string | null {
  for (const [dtype, ctor] of DTYPES) if (value instanceof ctor) return dtype;
  return null;
}

/** True when a result holds typed arrays anywhere, so it should travel as a frame. */
export function holdsTypedArrays(value: unknown): boolean {
  if (ArrayBuffer.isView(value)) return dtypeOf(value) !== null;
  if (Array.isArray(value)) return value.some(holdsTypedArrays);
  if (value && typeof value === 'object') return Object.values(value).some(holdsTypedArrays);
  return false;
}

export function encodeBinaryFrame(value: unknown): Uint8Array {
  const arrays: Typed[] = [];
  const replace = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v) && dtypeOf(v)) {
      arrays.push(v as Typed);
      return { $array: arrays.length - 1 };
    }
    if (Array.isArray(v)) return v.map(replace);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replace(x)]));
    return v;
  };
  const replaced = replace(value);
  // The offsets depend on the header's length, which depends on the offsets' digits: lay
  // out against a generous header size, then pad the real header up to it.
  const describe = (start: number) => {
    let offset = start;
    return arrays.map((a) => {
      const entry = { dtype: dtypeOf(a)!, offset, length: a.length };
      offset += Math.ceil(a.byteLength / 8) * 8;
      return entry;
    });
  };
  const draft = new TextEncoder().encode(JSON.stringify({ value: replaced, arrays: describe(0) }));
  const dataStart = Math.ceil((8 + draft.length + 64 + arrays.length * 16) / 8) * 8;
  const layout = describe(dataStart);
  let header = new TextEncoder().encode(JSON.stringify({ value: replaced, arrays: layout }));
  if (8 + header.length > dataStart) throw new Error('binary frame header outgrew its reserve');
  const padded = new Uint8Array(dataStart - 8).fill(0x20); // JSON allows trailing spaces
  padded.set(header);
  header = padded;
  const end = layout.length
    ? layout[layout.length - 1].offset + Math.ceil(arrays[arrays.length - 1].byteLength / 8) * 8
    : dataStart;
  const frame = new Uint8Array(end);
  frame.set(new TextEncoder().encode(BINARY_FRAME_MAGIC), 0);
  new DataView(frame.buffer).setUint32(4, header.length, true);
  frame.set(header, 8);
  arrays.forEach((a, i) => frame.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), layout[i].offset));
  return frame;
}
