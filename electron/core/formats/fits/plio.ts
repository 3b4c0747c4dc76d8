// The PLIO_1 decoder of FITS tile compression: IRAF's pixel-list "line list" (cfitsio's
// pl_l2pi in pliocomp.c), used for integer masks. A tile is a run of 16-bit words: a short
// header giving the list's length and where the instructions start, then one instruction per
// word, the opcode in the top 4 bits and a 12-bit count or value below: runs of zeros (ZN),
// runs of the current high value (HN), zeros then one high value (PN), set/increment/decrement
// the high value (SH, IH, DH), and increment/decrement then store one pixel (IS, DS).
// Compressed words come from an untrusted file: the loop is bounded by the words present,
// writes are bounded by the tile, and anything no writer produces throws a FitsFormatError.
import { FitsFormatError } from './header.js';

/** Opcodes (top 4 bits of a word). */
const ZN = 0,
  SH = 1,
  IH = 2,
  DH = 3,
  HN = 4,
  PN = 5,
  IS = 6,
  DS = 7;

/**
 * Decodes `count` pixels of one PLIO_1 tile (big-endian 16-bit words, as the heap holds
 * them) into `out`. Pixels the list does not reach are zero, as in cfitsio.
 */
export function plioDecode(bytes: Uint8Array, count: number, out: Int32Array, where: string): void {
  if (bytes.length % 2 !== 0)
    throw new FitsFormatError(`${where}: PLIO_1 tile has an odd number of bytes (${bytes.length})`);
  if (count > out.length) throw new FitsFormatError(`${where}: PLIO_1 tile of ${count} pixels exceeds the buffer`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const words = bytes.length / 2;
  const word = (i: number): number => view.getInt16(i * 2);
  if (words < 3) throw new FitsFormatError(`${where}: PLIO_1 tile is ${words} words, too short for a line-list header`);
  // Old format: word 2 is the length and instructions start at word 3. New format (word 2 ≤ 0,
  // -100 as written): words 3 and 4 hold the length (low 15 bits, then high), word 1 the header size.
  let length: number;
  let first: number;
  if (word(2) > 0) {
    length = word(2);
    first = 3;
  } else {
    if (words < 5)
      throw new FitsFormatError(`${where}: PLIO_1 tile is ${words} words, too short for a line-list header`);
    length = word(4) * 32768 + word(3);
    first = word(1);
  }
  if (length > words)
    throw new FitsFormatError(`${where}: PLIO_1 line list claims ${length} words, the tile holds ${words}`);
  if (first < 3 || (length > 0 && first > length))
    throw new FitsFormatError(`${where}: PLIO_1 line list starts at word ${first}, outside its ${length} words`);
  out.fill(0, 0, count);
  if (count <= 0 || length <= 0) return;

  let op = 0; // next output pixel
  let x1 = 1; // line position (1-based) of the next instruction's pixels
  let pv = 1; // the current high value
  for (let ip = first; ip < length && x1 <= count; ip++) {
    const w = word(ip) & 0xffff;
    const opcode = w >>> 12;
    const data = w & 4095;
    switch (opcode) {
      case ZN:
      case HN:
      case PN: {
        const np = Math.min(x1 + data - 1, count) - x1 + 1;
        if (np > 0) {
          if (opcode === HN) out.fill(pv, op, op + np);
          // ZN and PN leave zeros (already there); PN ends its run with one high value.
          else if (opcode === PN && x1 + data - 1 <= count) out[op + np - 1] = pv;
          op += np;
        }
        x1 += data;
        break;
      }
      case SH:
        if (ip + 1 >= length)
          throw new FitsFormatError(`${where}: PLIO_1 line list ends inside a set-high instruction`);
        pv = word(ip + 1) * 4096 + data;
        ip++;
        break;
      case IH:
        pv += data;
        break;
      case DH:
        pv -= data;
        break;
      case IS:
      case DS:
        pv += opcode === IS ? data : -data;
        out[op++] = pv;
        x1++;
        break;
      default:
        throw new FitsFormatError(`${where}: PLIO_1 line list has an unknown opcode ${opcode} at word ${ip}`);
    }
  }
}
