// Decodes a binary frame (layout: electron/core/api/binary-frame.ts) into the result it
// encodes, with typed arrays viewing the frame's buffer (no copy).

type TypedCtor =
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | Uint8ArrayConstructor
  | Uint16ArrayConstructor
  | Uint32ArrayConstructor
  | Int32ArrayConstructor;
const CTORS: Record<string, TypedCtor> = {
  f4: Float32Array,
  f8: Float64Array,
  u1: Uint8Array,
  u2: Uint16Array,
  u4: Uint32Array,
  i4: Int32Array,
};

export function isBinaryFrame(bytes: Uint8Array): boolean {
  // "SRDB"
  return bytes.length >= 8 && bytes[0] === 0x53 && bytes[1] === 0x52 && bytes[2] === 0x44 && bytes[3] === 0x42;
}

export function decodeBinaryFrame(input: ArrayBuffer | Uint8Array): unknown {
  // Typed-array views need an aligned start: copy a view that does not begin at offset 0.
  const bytes =
    input instanceof Uint8Array ? (input.byteOffset % 8 === 0 ? input : input.slice()) : new Uint8Array(input);
  if (!isBinaryFrame(bytes)) throw new Error('not a binary frame');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as {
    value: unknown;
    arrays: { dtype: string; offset: number; length: number }[];
  };
  const arrays = header.arrays.map(({ dtype, offset, length }) => {
    const Ctor = CTORS[dtype];
    if (!Ctor) throw new Error(`binary frame: unknown dtype ${dtype}`);
    return new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset + offset, length);
  });
  const restore = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(restore);
    if (v && typeof v === 'object') {
      const index = (v as { $array?: unknown }).$array;
      if (typeof index === 'number' && Object.keys(v).length === 1) return arrays[index];
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, restore(x)]));
    }
    return v;
  };
  return restore(header.value);
}
