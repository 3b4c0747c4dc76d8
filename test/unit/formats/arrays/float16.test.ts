import { describe, it, expect } from 'vitest';
import {
  float16BitsOf,
  float16Value,
  fromFloat16Bits,
  toFloat16Bits,
} from '../../../../electron/core/formats/arrays/float16.js';

const f32 = (x: number) => Math.fround(x);

describe('float16 encoding', () => {
  it('encodes known values exactly', () => {
    const cases: [number, number][] = [
      [0, 0x0000],
      [-0, 0x8000],
      [1, 0x3c00],
      [-2, 0xc000],
      [0.5, 0x3800],
      [0.1, 0x2e66],
      [1 / 3, 0x3555],
      [65504, 0x7bff], // largest finite half
      [2 ** -14, 0x0400], // smallest normal
      [2 ** -24, 0x0001], // smallest subnormal
      [1023 * 2 ** -24, 0x03ff], // largest subnormal
      [Infinity, 0x7c00],
      [-Infinity, 0xfc00],
      [1e10, 0x7c00],
      [-1e10, 0xfc00],
      [1e-10, 0x0000],
      [-1e-10, 0x8000],
    ];
    for (const [value, bits] of cases) expect(float16BitsOf(value), `value ${value}`).toBe(bits);
  });

  it('rounds ties to even in the normal and subnormal ranges', () => {
    expect(float16BitsOf(1 + 2 ** -11)).toBe(0x3c00); // between 0x3c00 and 0x3c01: even is 0x3c00
    expect(float16BitsOf(1 + 3 * 2 ** -11)).toBe(0x3c02); // between 0x3c01 and 0x3c02
    expect(float16BitsOf(2 ** -25)).toBe(0x0000); // half the smallest subnormal: ties to zero
    expect(float16BitsOf(f32(2 ** -25 * (1 + 2 ** -20)))).toBe(0x0001);
    expect(float16BitsOf(3 * 2 ** -25)).toBe(0x0002); // between 1 and 2 subnormal steps
    expect(float16BitsOf(65519)).toBe(0x7bff);
    expect(float16BitsOf(65520)).toBe(0x7c00); // the tie above 65504 goes to infinity (even)
  });

  it('rounds every midpoint between adjacent finite halves to the even one', () => {
    const lower = new Float32Array(0x7bff);
    const upper = new Float32Array(0x7bff);
    for (let h = 0; h < 0x7bff; h++) {
      lower[h] = float16Value(h);
      upper[h] = float16Value(h + 1);
    }
    const mid = new Float32Array(0x7bff);
    for (let h = 0; h < mid.length; h++) mid[h] = (lower[h] + upper[h]) / 2; // exact in float32
    const bits = toFloat16Bits(mid);
    const wrong: number[] = [];
    for (let h = 0; h < mid.length; h++) if (bits[h] !== (h % 2 === 0 ? h : h + 1)) wrong.push(h);
    expect(wrong).toEqual([]);

    // One float32 step either side of the midpoint decides the rounding direction.
    const midBits = new Uint32Array(mid.buffer);
    const above = new Float32Array(new Uint32Array(midBits.map((b) => b + 1)).buffer);
    const below = new Float32Array(new Uint32Array(midBits.map((b) => b - 1)).buffer);
    const up = toFloat16Bits(above);
    const down = toFloat16Bits(below);
    const wrongDirection: number[] = [];
    for (let h = 1; h < mid.length; h++) if (up[h] !== h + 1 || down[h] !== h) wrongDirection.push(h);
    expect(wrongDirection).toEqual([]);
  });

  it('keeps NaN a NaN, with the sign', () => {
    const bits = toFloat16Bits(Float32Array.of(NaN, -NaN));
    expect(bits[0] & 0x7c00).toBe(0x7c00);
    expect(bits[0] & 0x03ff).not.toBe(0);
    expect(Number.isNaN(float16Value(bits[0]))).toBe(true);
    // A signalling NaN whose payload lives only in the low bits must not become infinity.
    const signalling = new Float32Array(new Uint32Array([0x7f800001]).buffer);
    const encoded = toFloat16Bits(signalling)[0];
    expect(encoded & 0x7c00).toBe(0x7c00);
    expect(encoded & 0x03ff).not.toBe(0);
  });

  it('writes into a given destination and refuses one too small', () => {
    const dst = new Uint16Array(3);
    expect(toFloat16Bits(Float32Array.of(1, 2, 3), dst)).toBe(dst);
    expect([...dst]).toEqual([0x3c00, 0x4000, 0x4200]);
    expect(() => toFloat16Bits(Float32Array.of(1, 2), new Uint16Array(1))).toThrow(RangeError);
    expect(() => fromFloat16Bits(Uint16Array.of(1, 2), new Float32Array(1))).toThrow(RangeError);
  });

  it('encodes a subarray view from its own offset', () => {
    const whole = Float32Array.of(9, 1, 2);
    expect([...toFloat16Bits(whole.subarray(1))]).toEqual([0x3c00, 0x4000]);
  });
});

describe('float16 decoding', () => {
  it('decodes known bit patterns', () => {
    expect([
      ...fromFloat16Bits(Uint16Array.of(0x3c00, 0xc000, 0x7bff, 0x0001, 0x0400, 0x7c00, 0xfc00, 0x8000)),
    ]).toEqual([1, -2, 65504, 2 ** -24, 2 ** -14, Infinity, -Infinity, -0]);
    expect(Object.is(float16Value(0x8000), -0)).toBe(true);
    expect(Number.isNaN(float16Value(0x7e00))).toBe(true);
    expect(float16Value(0x3555)).toBe(0.333251953125);
  });

  it('round-trips every non-NaN half exactly', () => {
    const all = new Uint16Array(65536);
    for (let h = 0; h < 65536; h++) all[h] = h;
    const back = toFloat16Bits(fromFloat16Bits(all));
    const mismatches: number[] = [];
    for (let h = 0; h < 65536; h++) {
      const isNaN = (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;
      if (isNaN) {
        if ((back[h] & 0x7c00) !== 0x7c00 || (back[h] & 0x3ff) === 0 || (back[h] & 0x8000) !== (h & 0x8000))
          mismatches.push(h);
      } else if (back[h] !== h) mismatches.push(h);
    }
    expect(mismatches).toEqual([]);
  });
});
