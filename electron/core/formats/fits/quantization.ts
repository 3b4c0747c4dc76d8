// Turning the integers of a quantised, tile-compressed float image back into floats (FITS
// standard §10.2-10.3). Subtractive dithering adds a known pseudo-random offset per pixel
// before quantising; undoing it needs the exact same sequence, so the standard fixes it: a
// 10,000-value table from the Park-Miller generator, stored as single precision, walked from
// a per-tile start that depends on ZDITHER0 and the tile's row.
import { FitsFormatError } from './header.js';

export type FitsQuantization = 'NO_DITHER' | 'SUBTRACTIVE_DITHER_1' | 'SUBTRACTIVE_DITHER_2';

const RANDOM_COUNT = 10000;
/** Stored integer meaning "exactly 0.0" under SUBTRACTIVE_DITHER_2. */
const ZERO_VALUE = -2147483646;

let randomTable: Float32Array | null = null;

/** The standard's table of 10,000 uniform values in (0, 1), as float32 like cfitsio keeps it. */
export function ditherRandomTable(): Float32Array {
  if (randomTable) return randomTable;
  const a = 16807;
  const m = 2147483647;
  let seed = 1;
  const table = new Float32Array(RANDOM_COUNT);
  for (let i = 0; i < RANDOM_COUNT; i++) {
    const temp = a * seed;
    seed = temp - m * Math.trunc(temp / m);
    table[i] = seed / m;
  }
  // The standard gives the last seed as a check on the implementation.
  if (seed !== 1043618065) throw new Error(`dither random table is wrong (final seed ${seed})`);
  randomTable = table;
  return table;
}

export function parseQuantization(text: string | undefined, where: string): FitsQuantization {
  const value = (text ?? 'NO_DITHER').trim().toUpperCase();
  if (value === 'NO_DITHER' || value === 'SUBTRACTIVE_DITHER_1' || value === 'SUBTRACTIVE_DITHER_2') return value;
  throw new FitsFormatError(`${where}: unknown ZQUANTIZ '${text}'`);
}

export interface UnquantizeTile {
  method: FitsQuantization;
  scale: number;
  zero: number;
  /** The stored integer that stands for NaN, or null when none does. */
  blank: number | null;
  /** ZDITHER0 (1-10000). */
  ditherSeed: number;
  /** 0-based tile number (the table row minus 1). */
  tile: number;
}

/** Turns a tile's stored integers (values[0…count)) into floats, in place. */
export function unquantizeInPlace(values: Float64Array, count: number, t: UnquantizeTile): void {
  const blank = t.blank ?? NaN;
  if (t.method === 'NO_DITHER') {
    for (let i = 0; i < count; i++) {
      const v = values[i];
      values[i] = v === blank ? NaN : v * t.scale + t.zero;
    }
    return;
  }
  const table = ditherRandomTable();
  let seedIndex = (t.tile + t.ditherSeed - 1) % RANDOM_COUNT;
  let next = Math.trunc(table[seedIndex] * 500);
  const dither2 = t.method === 'SUBTRACTIVE_DITHER_2';
  for (let i = 0; i < count; i++) {
    const v = values[i];
    if (v === blank) values[i] = NaN;
    else if (dither2 && v === ZERO_VALUE) values[i] = 0;
    else values[i] = (v - table[next] + 0.5) * t.scale + t.zero;
    // The sequence advances for every pixel, blank or not.
    next++;
    if (next === RANDOM_COUNT) {
      seedIndex = (seedIndex + 1) % RANDOM_COUNT;
      next = Math.trunc(table[seedIndex] * 500);
    }
  }
}
