// Ways to damage a good file for the ingest fuzz tests: truncation at fixed and relative
// offsets, seeded bit flips, and FITS header card replacement. Deterministic for a seed, so a
// failing case can be rebuilt by name.
import type { SeededRandom } from '../../electron/core/discovery/seeded-random.js';

/** Absolute offsets around FITS block edges, and fractions (< 1) of the file's length. */
export const DEFAULT_TRUNCATIONS = [1, 7, 80, 2879, 2880, 2881, 5760, 0.25, 0.5, 0.75, 0.99];

/** The distinct cuts shorter than the file, each as [offset, bytes up to it]. */
export function truncations(bytes: Buffer, cuts: readonly number[] = DEFAULT_TRUNCATIONS): [number, Buffer][] {
  const offsets = new Set<number>();
  for (const cut of cuts) {
    const at = cut < 1 ? Math.floor(bytes.length * cut) : cut;
    if (at > 0 && at < bytes.length) offsets.add(at);
  }
  return [...offsets].map((at) => [at, bytes.subarray(0, at)]);
}

/** A copy with `flips` single bits flipped at positions drawn from `random` (optionally only within [from, to)). */
export function flipBits(bytes: Buffer, random: SeededRandom, flips: number, from = 0, to = bytes.length): Buffer {
  const out = Buffer.from(bytes);
  const span = Math.max(1, Math.min(to, out.length) - from);
  for (let f = 0; f < flips; f++) out[from + random.nextInt(span)] ^= 1 << random.nextInt(8);
  return out;
}

/** `variants` copies, each with `flips` seeded bit flips. */
export function flipVariants(
  bytes: Buffer,
  random: SeededRandom,
  variants: number,
  flips: number,
  from = 0,
  to = bytes.length,
): Buffer[] {
  return Array.from({ length: variants }, () => flipBits(bytes, random, flips, from, to));
}

/** Byte offset of the `hdu`-th FITS header card `key` (0-based HDU count over the whole file), or -1. */
export function findCard(bytes: Buffer, key: string, hdu = 0): number {
  let seen = -1;
  for (let at = 0; at + 80 <= bytes.length; at += 80) {
    const card = bytes.toString('latin1', at, at + 8).trimEnd();
    if (at % 2880 === 0 && (card === 'SIMPLE' || card === 'XTENSION')) seen++;
    if (seen === hdu && card === key) return at;
  }
  return -1;
}

/**
 * Replaces the value of FITS header card `key` (in HDU `hdu`, default the first header that
 * has it) with `value`, keeping 80-byte cards. Returns a copy; unchanged when the key is absent.
 */
export function withCard(bytes: Buffer, key: string, value: string, hdu?: number): Buffer {
  const out = Buffer.from(bytes);
  let at = -1;
  if (hdu !== undefined) at = findCard(out, key, hdu);
  else for (let h = 0; at < 0 && h < 64; h++) at = findCard(out, key, h);
  if (at >= 0) out.write(`${key.padEnd(8)}= ${value.padStart(20)}`.padEnd(80), at, 'latin1');
  return out;
}

/** Byte offset where the data of HDU `hdu` starts (after its END card, padded to the block). */
export function dataStartOf(bytes: Buffer, hdu = 0): number {
  const start = findCard(bytes, hdu === 0 ? 'SIMPLE' : 'XTENSION', hdu);
  if (start < 0) return -1;
  for (let at = start; at + 80 <= bytes.length; at += 80) {
    if (bytes.toString('latin1', at, at + 80).trimEnd() === 'END') return Math.ceil((at + 80) / 2880) * 2880;
  }
  return -1;
}
