// Sky positions typed by a person or written into an object's name, read into degrees. One
// parser serves "go to object" (RA/Dec in degrees or sexagesimal) and the IAU-style names
// ("SDSS J100024.00+021200.0") that carry a position when no catalog gives one.

export interface SkyPosition {
  /** Degrees, [0, 360). */
  ra: number;
  /** Degrees, [-90, 90]. */
  dec: number;
}

/** How far from typed coordinates "go to object" still lists objects: a degree, wider than most fields. */
export const COORDINATE_SEARCH_RADIUS_ARCSEC = 3600;

/** A parse: the position, or why text that looks like coordinates is not a valid one. */
export type SkyPositionParse = { position: SkyPosition } | { error: string };

/** Only digits, signs, separators and unit marks: anything else (letters of a name) is no coordinate. */
const COORDINATE_CHARACTERS = /^[\d\s.,:+\-hmsd°'"′″]+$/i;
const UNIT_MARKS = /[hmsd°'"′″:]/gi;

function number(token: string): number {
  return /^\d+(\.\d*)?$|^\.\d+$/.test(token) ? Number(token) : NaN;
}

/** Fields like ["10", "00", "24"] as one value in the first field's unit, or why they are not one. */
function sexagesimal(fields: string[]): number | string {
  const values = fields.map(number);
  if (values.some(Number.isNaN)) return 'each field must be a plain number';
  if (values.slice(1).some((v) => v >= 60)) return 'minutes and seconds must be below 60';
  if (values.slice(0, -1).some((v) => !Number.isInteger(v))) return 'only the last field may have decimals';
  return values.reduce((sum, v, i) => sum + v / 60 ** i, 0);
}

/** The text's fields split into the RA part and the signed Dec part; null when no split is evident. */
function splitRaDec(text: string): { ra: string[]; decSign: number; dec: string[] } | null {
  const tokens = text
    .replace(UNIT_MARKS, ' ')
    .replace(/,/g, ' , ')
    .replace(/([+-])\s*/g, ' $1')
    .split(/\s+/)
    .filter(Boolean);
  const fields = tokens.filter((t) => t !== ',');
  const comma = tokens.indexOf(',');
  // Where Dec starts: at its sign, else after a comma, else halfway ("10 00 24 02 12 00").
  let at = fields.findIndex((t, i) => i > 0 && /^[+-]/.test(t));
  if (at < 0 && comma >= 0) at = comma;
  if (at < 0 && fields.length % 2 === 0) at = fields.length / 2;
  if (at <= 0 || at > 3 || fields.length - at > 3 || fields.length === at) return null;
  const dec = fields.slice(at);
  const decSign = dec[0].startsWith('-') ? -1 : 1;
  dec[0] = dec[0].replace(/^[+-]/, '');
  return { ra: fields.slice(0, at), decSign, dec };
}

/**
 * RA/Dec as a person types them: degrees ("150.1 2.2", "150.1, +2.2") or sexagesimal, RA in
 * hours ("10:00:24.0 +02:12:00", "10h00m24s +2d12m00s", "10 00 24 +02 12 00"). RA is in hours
 * when it is written with `h` or `:` or in more than one field. Null when the text does not
 * look like coordinates at all (a name, say); an error when it does but is out of range.
 */
export function parseSkyPosition(text: string): SkyPositionParse | null {
  const trimmed = text.trim();
  if (!COORDINATE_CHARACTERS.test(trimmed) || !/\d/.test(trimmed)) return null;
  const parts = splitRaDec(trimmed);
  if (!parts) return null;
  // Dec is never written with h, and RA with a colon after its first field is in hours too.
  const raInHours = parts.ra.length > 1 || /h/i.test(trimmed) || /^\d+(\.\d*)?\s*:/.test(trimmed);
  if (/^[+-]/.test(parts.ra[0])) return { error: 'RA cannot be negative: give 0 to 360 degrees or 0 to 24 hours' };
  const ra = sexagesimal(parts.ra);
  const dec = sexagesimal(parts.dec);
  if (typeof ra === 'string') return { error: `RA: ${ra}` };
  if (typeof dec === 'string') return { error: `Dec: ${dec}` };
  if (raInHours ? ra >= 24 : ra >= 360)
    return { error: raInHours ? 'RA must be below 24h' : 'RA must be below 360 degrees' };
  if (dec > 90) return { error: 'Dec must lie within ±90 degrees' };
  return { position: { ra: raInHours ? ra * 15 : ra, dec: parts.decSign * dec } };
}

/**
 * "J" then RA as HHMMSS(.ss) and Dec as ±DDMMSS(.s), optionally after a survey prefix: the IAU
 * naming convention. Fewer fields are allowed (J1000+0212: HHMM±DDMM), as the convention permits.
 */
const IAU_NAME = /(?:^|[\s_])J(\d{2})(\d{2})(\d{2}(?:\.\d+)?)?([+-])(\d{2})(\d{2})(\d{2}(?:\.\d+)?)?$/;

/**
 * The position written into an IAU-style name ("J100024.00+021200.0", "SDSS J100024.00+021200.0"),
 * or null when the name is not one or its fields are out of range. The convention truncates
 * rather than rounds, so the position is good to the last digit given.
 */
export function positionFromIauName(name: string): SkyPosition | null {
  const m = IAU_NAME.exec(name.trim());
  if (!m) return null;
  const [, hh, mm, ss, sign, dd, am, as] = m;
  const ra = sexagesimal(ss === undefined ? [hh, mm] : [hh, mm, ss]);
  const dec = sexagesimal(as === undefined ? [dd, am] : [dd, am, as]);
  if (typeof ra === 'string' || typeof dec === 'string' || ra >= 24 || dec > 90) return null;
  // RA and Dec written to the same precision: a name with seconds in one and not the other is malformed.
  if ((ss === undefined) !== (as === undefined)) return null;
  return { ra: ra * 15, dec: (sign === '-' ? -1 : 1) * dec };
}

/** `value` (≥ 0) as "DD:MM:SS.s…" with `decimals` on the seconds, carrying a rounded-up 60 upward. */
function sexagesimalText(value: number, decimals: number): string {
  const scale = 10 ** decimals;
  const total = Math.round(value * 3600 * scale);
  const whole = Math.floor(total / (3600 * scale));
  const minutes = Math.floor((total / (60 * scale)) % 60);
  const seconds = ((total % (60 * scale)) / scale).toFixed(decimals);
  const pad = (n: number | string, width: number) => String(n).padStart(width, '0');
  return `${pad(whole, 2)}:${pad(minutes, 2)}:${pad(seconds, decimals > 0 ? decimals + 3 : 2)}`;
}

/** A position as astronomers write it: "10:00:24.00 +02:12:00.0" (RA to 0.01 s, Dec to 0.1″). */
export function formatSexagesimal(position: SkyPosition): string {
  const sign = position.dec < 0 ? '-' : '+';
  return `${sexagesimalText(position.ra / 15, 2)} ${sign}${sexagesimalText(Math.abs(position.dec), 1)}`;
}
