// IEEE 754 half-precision conversion. Model inputs are stored as float16 (.npy '<f2') to halve
// disk and memory, and Node 20 has no Float16Array, so halves travel as raw Uint16Array bits.
// Decoding is a lookup in a 65,536-entry table (every half has one exact float32). Encoding
// works on the float32 bit pattern: a table gives each sign+exponent its class, and integer
// arithmetic rounds the mantissa to nearest, ties to even, which a pure shift table cannot do.

const EXPONENT_CLASS_ZERO = 0; // rounds to ±0 whatever the mantissa
const EXPONENT_CLASS_SUBNORMAL = 1; // becomes a half subnormal (or the smallest normal, by rounding)
const EXPONENT_CLASS_NORMAL = 2; // a half normal (or infinity, by rounding at the top)
const EXPONENT_CLASS_OVERFLOW = 3; // beyond the half range: ±infinity
const EXPONENT_CLASS_SPECIAL = 4; // float32 infinity or NaN

let halfToFloatTable: Float32Array | null = null;
let exponentClassTable: Uint8Array | null = null;

function decodeHalf(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? NaN : sign * Infinity;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

function getHalfToFloatTable(): Float32Array {
  if (!halfToFloatTable) {
    const table = new Float32Array(65536);
    // Through bits so that NaN payloads survive the table (a JS NaN would canonicalise them).
    const tableBits = new Uint32Array(table.buffer);
    for (let h = 0; h < 65536; h++) {
      const exponent = (h >>> 10) & 0x1f;
      if (exponent === 0x1f) tableBits[h] = ((h & 0x8000) << 16) | 0x7f800000 | ((h & 0x3ff) << 13);
      else table[h] = decodeHalf(h);
    }
    halfToFloatTable = table;
  }
  return halfToFloatTable;
}

function getExponentClassTable(): Uint8Array {
  if (!exponentClassTable) {
    const table = new Uint8Array(256);
    for (let e = 0; e < 256; e++) {
      // float32 biased exponent e means 2^(e-127); the half normal range is 2^-14 .. 2^15.
      if (e === 255) table[e] = EXPONENT_CLASS_SPECIAL;
      else if (e > 142) table[e] = EXPONENT_CLASS_OVERFLOW;
      else if (e >= 113) table[e] = EXPONENT_CLASS_NORMAL;
      else if (e >= 102)
        table[e] = EXPONENT_CLASS_SUBNORMAL; // 2^-25 and up can round to a nonzero half
      else table[e] = EXPONENT_CLASS_ZERO;
    }
    exponentClassTable = table;
  }
  return exponentClassTable;
}

/** Encodes float32 values as half-precision bit patterns, rounding to nearest, ties to even. */
export function toFloat16Bits(src: Float32Array, dst?: Uint16Array): Uint16Array {
  const out = dst ?? new Uint16Array(src.length);
  if (out.length < src.length)
    throw new RangeError(`float16 destination holds ${out.length} values, source has ${src.length}`);
  const bits = new Uint32Array(src.buffer, src.byteOffset, src.length);
  const classes = getExponentClassTable();
  for (let i = 0; i < bits.length; i++) {
    const x = bits[i];
    const sign = (x >>> 16) & 0x8000;
    const exponent = (x >>> 23) & 0xff;
    switch (classes[exponent]) {
      case EXPONENT_CLASS_NORMAL: {
        // Rebias the exponent (127 → 15) in place, then round away the low 13 mantissa bits.
        const rebiased = (x & 0x7fffffff) - 0x38000000;
        const rounded = (rebiased + 0xfff + ((rebiased >>> 13) & 1)) >>> 13;
        // Rounding past 65504 carries into exponent 31 with a zero mantissa: exactly infinity.
        out[i] = sign | rounded;
        break;
      }
      case EXPONENT_CLASS_SUBNORMAL: {
        const mantissa = (x & 0x7fffff) | 0x800000;
        const shift = 126 - exponent; // 14 .. 24
        const halfway = 1 << (shift - 1);
        const remainder = mantissa & ((1 << shift) - 1);
        let quotient = mantissa >>> shift;
        if (remainder > halfway || (remainder === halfway && quotient & 1)) quotient++;
        out[i] = sign | quotient;
        break;
      }
      case EXPONENT_CLASS_ZERO:
        out[i] = sign;
        break;
      case EXPONENT_CLASS_OVERFLOW:
        out[i] = sign | 0x7c00;
        break;
      default: {
        const mantissa = x & 0x7fffff;
        // Keep the top payload bits and force a quiet bit so a NaN never turns into infinity.
        out[i] = mantissa === 0 ? sign | 0x7c00 : sign | 0x7e00 | (mantissa >>> 13);
      }
    }
  }
  return out;
}

/** Decodes half-precision bit patterns to float32 (exact: every half is a float32). */
export function fromFloat16Bits(src: Uint16Array, dst?: Float32Array): Float32Array {
  const out = dst ?? new Float32Array(src.length);
  if (out.length < src.length)
    throw new RangeError(`float32 destination holds ${out.length} values, source has ${src.length}`);
  const table = getHalfToFloatTable();
  for (let i = 0; i < src.length; i++) out[i] = table[src[i]];
  return out;
}

/** Converts one number to half bits; convenient for tests and single values, slow for arrays. */
export function float16BitsOf(value: number): number {
  return toFloat16Bits(Float32Array.of(value))[0];
}

/** Converts one half bit pattern to its value. */
export function float16Value(bits: number): number {
  return getHalfToFloatTable()[bits & 0xffff];
}
