// A minimal protobuf wire-format writer, just enough to encode ONNX ModelProto messages:
// varints, length-delimited fields (strings, bytes, sub-messages), 32-bit floats and packed
// repeated numbers. Writing needs no schema compiler: onnx-model-writer.ts names the fields.

/** One encoded field, ready to concatenate into a message. */
export type Field = Uint8Array;

function varint(value: bigint): number[] {
  // Negative int64 values are written as their 64-bit two's complement (10 bytes).
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

function key(field: number, wireType: 0 | 1 | 2 | 5): number[] {
  return varint(BigInt((field << 3) | wireType));
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** An integer field (int32, int64, enum) as a varint. */
export function int(field: number, value: number | bigint): Field {
  return Uint8Array.from([...key(field, 0), ...varint(BigInt(value))]);
}

/** A length-delimited field: bytes or an encoded sub-message. */
export function bytes(field: number, value: Uint8Array): Field {
  return concat([Uint8Array.from([...key(field, 2), ...varint(BigInt(value.length))]), value]);
}

export function str(field: number, value: string): Field {
  return bytes(field, new TextEncoder().encode(value));
}

/** A sub-message made of fields. */
export function message(field: number, fields: readonly Field[]): Field {
  return bytes(field, concat(fields));
}

/** A 32-bit float field (wire type 5). */
export function float(field: number, value: number): Field {
  const data = new Uint8Array(4);
  new DataView(data.buffer).setFloat32(0, value, true);
  return concat([Uint8Array.from(key(field, 5)), data]);
}

/** Packed repeated floats. */
export function packedFloats(field: number, values: ArrayLike<number>): Field {
  return bytes(field, new Uint8Array(Float32Array.from(values).buffer));
}

/** Packed repeated varints (int64 dims, ints attributes). */
export function packedInts(field: number, values: readonly number[]): Field {
  return bytes(field, Uint8Array.from(values.flatMap((v) => varint(BigInt(v)))));
}
