// The Rice decoder of FITS tile compression (RICE_1; Pence et al. 2009, as in cfitsio's
// ricecomp.c). A tile is the first pixel as-is, then blocks of BLOCKSIZE pixel differences,
// each block a code-length choice (fs) followed by that many Golomb-Rice coded differences
// (or none for an all-equal block, or raw differences for a noisy one). Compressed bytes come
// from an untrusted file, so every read is checked: a short or corrupt tile throws, it never
// reads past the input or writes past the output.
import { FitsFormatError } from './header.js';

/** Code-length bits and the escape value fs that means "raw differences", per BYTEPIX. */
const PARAMETERS: Record<number, { fsBits: number; fsMax: number; bits: number }> = {
  1: { fsBits: 3, fsMax: 6, bits: 8 },
  2: { fsBits: 4, fsMax: 14, bits: 16 },
  4: { fsBits: 5, fsMax: 25, bits: 32 },
};

/**
 * Decodes `count` pixels of one Rice-compressed tile into `out` (as signed integers of
 * BYTEPIX bytes, or unsigned for BYTEPIX 1, as cfitsio stores them). The bit buffer `b`
 * holds the `nbits` not yet consumed bits of the bytes read so far (fewer than 32, so int32
 * arithmetic is exact), as in cfitsio's fits_rdecomp.
 */
export function riceDecode(
  input: Uint8Array,
  count: number,
  bytePix: number,
  blockSize: number,
  out: Int32Array,
  where: string,
): void {
  const parameters = PARAMETERS[bytePix];
  if (!parameters) throw new FitsFormatError(`${where}: Rice BYTEPIX ${bytePix} is not 1, 2 or 4`);
  if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > 1 << 16)
    throw new FitsFormatError(`${where}: invalid Rice BLOCKSIZE ${blockSize}`);
  if (out.length < count) throw new FitsFormatError(`${where}: Rice output buffer too small`);
  const { fsBits, fsMax, bits } = parameters;
  const length = input.length;
  const truncated = () => new FitsFormatError(`${where}: the Rice-compressed data end early (${length} bytes)`);
  if (length < bytePix + 1) throw truncated();
  let pos = 0;
  let first = 0;
  for (; pos < bytePix; pos++) first = first * 256 + input[pos];
  const wrap =
    bytePix === 1 ? (v: number) => v & 0xff : bytePix === 2 ? (v: number) => (v << 16) >> 16 : (v: number) => v | 0;
  let last = wrap(first);
  let b = input[pos++];
  let nbits = 8;
  for (let start = 0; start < count; start += blockSize) {
    const end = Math.min(start + blockSize, count);
    nbits -= fsBits;
    while (nbits < 0) {
      if (pos >= length) throw truncated();
      b = (b << 8) | input[pos++];
      nbits += 8;
    }
    const fs = (b >>> nbits) - 1;
    b &= (1 << nbits) - 1;
    if (fs < 0) {
      // An all-equal block: every difference is 0.
      out.fill(last, start, end);
      continue;
    }
    if (fs > fsMax) throw new FitsFormatError(`${where}: corrupt Rice block (code length ${fs} over ${fsMax})`);
    const scale = 2 ** fs;
    for (let i = start; i < end; i++) {
      let mapped: number;
      if (fs === fsMax) {
        // A noisy block: the differences as they are, `bits` bits each.
        let k = bits - nbits;
        mapped = b * 2 ** k;
        for (k -= 8; k >= 0; k -= 8) {
          if (pos >= length) throw truncated();
          mapped += input[pos++] * 2 ** k;
        }
        if (nbits > 0) {
          if (pos >= length) throw truncated();
          b = input[pos++];
          mapped += b >>> -k;
          b &= (1 << nbits) - 1;
        } else {
          b = 0;
        }
      } else {
        // Unary high part (zeros up to a 1), then fs low bits.
        while (b === 0) {
          if (pos >= length) throw truncated();
          nbits += 8;
          b = input[pos++];
        }
        const nzero = nbits - (32 - Math.clz32(b));
        nbits -= nzero + 1;
        b ^= 1 << nbits;
        nbits -= fs;
        while (nbits < 0) {
          if (pos >= length) throw truncated();
          b = (b << 8) | input[pos++];
          nbits += 8;
        }
        mapped = nzero * scale + (b >>> nbits);
        b &= (1 << nbits) - 1;
      }
      // Differences are zig-zag mapped: even → non-negative, odd → negative.
      const diff = mapped % 2 === 0 ? mapped / 2 : -(mapped + 1) / 2;
      last = wrap(last + diff);
      out[i] = last;
    }
  }
}
