// IRAF's world coordinate attributes as FITS carries them: WATn_001, WATn_002, … are one
// attribute string for axis n cut into 68-character card values, anywhere (inside a word or a
// number). FITS drops a string's trailing blanks, so a card that ended on a blank reads back
// shorter: each card but the last is padded back to 68 before joining, or two words would
// fuse. The multispec system (WAT0_001 = 'system=multispec') describes each image line N in
// an attribute specN = "ap beam dtype w1 dw nw z aplow aphigh [functions]" on axis 2.
import { FitsFormatError, type FitsHeader } from '../fits/header.js';

/** Characters of one WAT card value, as IRAF's mwcs writes them. */
const WAT_CARD_CHARS = 68;
/** A header longer than this many WAT cards for one axis is damaged (IRAF images hold at most a few thousand). */
const MAX_WAT_CARDS = 99_999;

/** One line's aperture as its specN attribute gives it (IRAF onedspec "specwcs"). */
export interface MultispecAperture {
  /** The physical image line N of specN. */
  line: number;
  ap: number;
  beam: number;
  /** -1 not dispersion-calibrated, 0 linear, 1 log-linear, 2 nonlinear. */
  dtype: number;
  w1: number;
  dw: number;
  /** Valid pixels of the line (lines shorter than the image are padded). */
  nw: number;
  /** Doppler factor: wavelengths are divided by 1 + z. */
  z: number;
  aplow: number;
  aphigh: number;
  /** The nonlinear dispersion functions' fields after the first nine, as numbers. */
  functions: number[];
}

/** The attribute string of axis `axis` (0 for the system), its cards joined; '' when there are none. */
export function watString(header: FitsHeader, axis: number): string {
  const parts: string[] = [];
  for (let n = 1; n <= MAX_WAT_CARDS; n++) {
    const key = `WAT${axis}_${String(n).padStart(3, '0')}`;
    if (!header.has(key)) break;
    parts.push(header.getString(key, ''));
  }
  return parts.map((p, i) => (i < parts.length - 1 ? p.padEnd(WAT_CARD_CHARS, ' ') : p)).join('');
}

/** `key=value` and `key = "quoted value"` pairs of an attribute string. */
export function watAttributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of text.matchAll(/([A-Za-z_][\w-]*)\s*=\s*(?:"([^"]*)"?|(\S+))/g)) {
    out.set(match[1].toLowerCase(), match[2] ?? match[3]);
  }
  return out;
}

/** True when the header declares IRAF's multispec coordinate system and describes at least one line. */
export function isMultispecHeader(header: FitsHeader): boolean {
  if (watAttributes(watString(header, 0)).get('system')?.toLowerCase() !== 'multispec') return false;
  return /\bspec\d+\s*=/.test(watString(header, 2));
}

function parseNumbers(text: string, key: string): number[] {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  return words.map((word) => {
    const value = Number(word.replace(/[dD]/, 'e'));
    if (!Number.isFinite(value)) throw new FitsFormatError(`multispec attribute ${key} has '${word}', not a number`);
    return value;
  });
}

/** Every specN of the header, by physical line N; FitsFormatError for an attribute that is not nine numbers or more. */
export function multispecApertures(header: FitsHeader): Map<number, MultispecAperture> {
  const out = new Map<number, MultispecAperture>();
  for (const [key, value] of watAttributes(watString(header, 2))) {
    const line = /^spec(\d+)$/.exec(key);
    if (!line) continue;
    const fields = parseNumbers(value, key);
    if (fields.length < 9)
      throw new FitsFormatError(
        `multispec attribute ${key} has ${fields.length} fields, not the 9 of "ap beam dtype w1 dw nw z aplow aphigh"`,
      );
    const [ap, beam, dtype, w1, dw, nw, z, aplow, aphigh] = fields;
    out.set(Number(line[1]), {
      line: Number(line[1]),
      ap,
      beam,
      dtype,
      w1,
      dw,
      nw,
      z,
      aplow,
      aphigh,
      functions: fields.slice(9),
    });
  }
  return out;
}

/** The wavelength unit WAT1 names (units=angstroms, nanometers, …), or '' when it names none. */
export function watUnits(header: FitsHeader): string {
  return watAttributes(watString(header, 1)).get('units') ?? '';
}
