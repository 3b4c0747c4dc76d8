// 1-D spectra as text tables (CSV, TSV or whitespace-separated): a wavelength, a flux and an
// optional error or inverse-variance column, found by header name case-insensitively (units
// in brackets are ignored: "wavelength(A)", "flux [1e-17 erg/s/cm2/A]"), or two or three
// unnamed numeric columns in that order. The header may be a comment line ("# wave flux
// err"), as numpy.savetxt and many pipelines write it. Comment lines of the form
// "# z = 0.1" also give the redshift, class and sky position. A table that names no
// wavelength and flux is refused rather than guessed at, because catalogs are CSV too.
import { type Spectrum1D, type WavelengthMedium, inWavelengthOrder } from './spectrum.js';
import { angstromsPer } from './wavelength-units.js';

export class TextSpectrumError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TextSpectrumError';
  }
}

/** Which column is which; -1 when absent. */
export interface TextSpectrumColumns {
  wavelength: number;
  flux: number;
  error: number;
  ivar: number;
  /** The wavelength column holds log10(Å) (SDSS loglam). */
  logWavelength: boolean;
  /** Names from the header; null when the columns are unnamed. */
  names: string[] | null;
}

const WAVELENGTH = /^(wavelength|wave|lambda|lam|wl|loglam|log_?lambda)(_?(air|vac))?$/;
/** A wavelength column named for its medium (wave_air, lambda_vac): the medium it states. */
const MEDIUM_SUFFIX = /_?(air|vac)$/;
const LOG_WAVELENGTH = /^(loglam|log_?lambda)$/;
const FLUX = /^(flux|flam|f_?lambda|flux_?density)$/;
const ERROR = /^(error|err|sigma|flux_?err|flux_?error|flux_?sigma|noise|uncertainty)$/;
const IVAR = /^(ivar|inverse_?variance|flux_?ivar)$/;
const COMMENT = /^\s*[#%!;]/;
const STATED = /^\s*[#%!;]+\s*(z|redshift|class|ra|dec|medium|airorvac|object)\s*[=:]\s*'?([^\s,']+)/i;

/**
 * Longest line read, in characters: a spectrum row is tens of characters and a header a few
 * kB, and splitting one enormous line (a 50 MB run of "1,1,1…") would allocate millions of
 * fields at once.
 */
export const MAX_TEXT_LINE_CHARS = 1 << 20;

/** Lines above this are refused before parsing. */
export const MAX_TEXT_SPECTRUM_ROWS = 10_000_000;

/**
 * The text of a table file: UTF-8 (a BOM dropped), or UTF-16 when a BOM says so (Windows
 * tools write it). NUL bytes mean binary data, refused here rather than parsed into a
 * header of garbage. Invalid UTF-8 (a Latin-1 comment) decodes to U+FFFD and is harmless.
 */
export function decodeTextTable(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.toString('utf8', 3);
  if (buffer[0] === 0xff && buffer[1] === 0xfe)
    return buffer.toString('utf16le', 2, buffer.length - (buffer.length % 2));
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    const swapped = Buffer.from(buffer.subarray(2, buffer.length - (buffer.length % 2)));
    return swapped.swap16().toString('utf16le');
  }
  const nul = buffer.indexOf(0);
  if (nul >= 0) throw new TextSpectrumError(`binary data, not a UTF-8 text table (a NUL byte at byte ${nul})`);
  return buffer.toString('utf8');
}

/** Text from the file quoted in an error: control and undecodable characters shown as '?', at most 120 characters. */
function quoted(text: string): string {
  // Control characters are exactly what is matched here.
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\x00-\x1f\x7f-\x9f\ufffd]/g, '?');
  return clean.length > 120 ? `${clean.slice(0, 117)}...` : clean;
}

function splitFields(line: string): string[] {
  const trimmed = line.trim();
  if (trimmed.includes(',')) return trimmed.split(',').map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
  if (trimmed.includes('\t')) return trimmed.split('\t').map((f) => f.trim());
  return trimmed.split(/\s+/);
}

/** A header name without units or quotes: "Wavelength (A)" → "wavelength". */
function bareName(name: string): string {
  return name
    .toLowerCase()
    .replace(/["']/g, '')
    .replace(/[([{].*$/, '')
    .trim()
    .replace(/[\s-]+/g, '_');
}

function parseNumber(field: string): number {
  if (field === '') return NaN;
  const v = Number(field);
  if (Number.isNaN(v) && !/^[+-]?(nan|inf(inity)?)$/i.test(field))
    throw new TextSpectrumError(`'${quoted(field.slice(0, 40))}' is not a number`);
  return /^[+-]?inf/i.test(field) ? (field.startsWith('-') ? -Infinity : Infinity) : v;
}

function isNumericField(field: string): boolean {
  return field !== '' && (!Number.isNaN(Number(field)) || /^[+-]?(nan|inf(inity)?)$/i.test(field));
}

/** The columns a header names, or null when it names no wavelength and flux. */
export function columnsFromHeader(names: string[]): TextSpectrumColumns | null {
  const bare = names.map(bareName);
  const find = (pattern: RegExp) => bare.findIndex((n) => pattern.test(n));
  const wavelength = find(WAVELENGTH);
  const flux = find(FLUX);
  if (wavelength < 0 || flux < 0) return null;
  return {
    wavelength,
    flux,
    error: find(ERROR),
    ivar: find(IVAR),
    logWavelength: LOG_WAVELENGTH.test(bare[wavelength]),
    names,
  };
}

function unnamedColumns(count: number): TextSpectrumColumns {
  if (count < 2 || count > 3) {
    throw new TextSpectrumError(
      `a table without a header must have 2 or 3 columns (wavelength, flux[, error]); this one has ${count}`,
    );
  }
  return { wavelength: 0, flux: 1, error: count === 3 ? 2 : -1, ivar: -1, logWavelength: false, names: null };
}

export interface ParseOptions {
  /** Refuse unnamed columns (a .csv must name its columns: catalogs are CSV too). */
  requireHeader?: boolean;
  /** The text is the head of a longer file: a last line without a newline is dropped. */
  partial?: boolean;
}

/** Parses a text spectrum. Errors say which line and why. */
export function parseTextSpectrum(text: string, options: ParseOptions = {}): Spectrum1D {
  const lines = text.split(/\r?\n/);
  if (options.partial && !text.endsWith('\n')) {
    lines.pop();
    if (lines.length === 0) throw new TextSpectrumError(`no line ends within the first ${text.length} characters`);
  }
  const stated = new Map<string, string>();
  let columns: TextSpectrumColumns | null = null;
  let commentHeader: string[] | null = null;
  const wave: number[] = [];
  const flux: number[] = [];
  const sigma: number[] = [];
  let lineNo = 0;
  for (const line of lines) {
    lineNo++;
    if (line.length > MAX_TEXT_LINE_CHARS)
      throw new TextSpectrumError(`line ${lineNo} is ${line.length} characters long, more than ${MAX_TEXT_LINE_CHARS}`);
    if (line.trim() === '') continue;
    if (COMMENT.test(line)) {
      const m = STATED.exec(line);
      if (m) stated.set(m[1].toLowerCase() === 'redshift' ? 'z' : m[1].toLowerCase(), m[2]);
      else if (!columns) commentHeader = splitFields(line.replace(/^\s*[#%!;]+/, ''));
      continue;
    }
    const fields = splitFields(line);
    if (!columns) {
      if (!fields.every(isNumericField)) {
        columns = columnsFromHeader(fields);
        if (!columns)
          throw new TextSpectrumError(
            `line ${lineNo}: the header (${quoted(fields.slice(0, 8).join(', '))}) names no wavelength and flux column`,
          );
        continue;
      }
      const named = commentHeader && commentHeader.length === fields.length ? columnsFromHeader(commentHeader) : null;
      if (!named && options.requireHeader)
        throw new TextSpectrumError('the table has no header naming its wavelength and flux columns');
      columns = named ?? unnamedColumns(fields.length);
    }
    if (wave.length >= MAX_TEXT_SPECTRUM_ROWS) throw new TextSpectrumError(`more than ${MAX_TEXT_SPECTRUM_ROWS} rows`);
    const needed = Math.max(columns.wavelength, columns.flux, columns.error, columns.ivar) + 1;
    if (fields.length < needed)
      throw new TextSpectrumError(`line ${lineNo}: ${fields.length} fields, expected at least ${needed}`);
    try {
      wave.push(parseNumber(fields[columns.wavelength]));
      flux.push(parseNumber(fields[columns.flux]));
      if (columns.ivar >= 0) sigma.push(parseNumber(fields[columns.ivar]));
      else if (columns.error >= 0) sigma.push(parseNumber(fields[columns.error]));
    } catch (err) {
      throw new TextSpectrumError(`line ${lineNo}: ${(err as Error).message}`);
    }
  }
  if (!columns || wave.length === 0) throw new TextSpectrumError('the table has no rows of numbers');
  return inWavelengthOrder(spectrumOf(columns, wave, flux, sigma, stated));
}

function statedNumber(stated: Map<string, string>, key: string): number | null {
  const v = Number(stated.get(key));
  return stated.has(key) && Number.isFinite(v) ? v : null;
}

function spectrumOf(
  columns: TextSpectrumColumns,
  wave: number[],
  flux: number[],
  sigma: number[],
  stated: Map<string, string>,
): Spectrum1D {
  const n = wave.length;
  const scale = wavelengthScale(columns);
  const wavelength = Float64Array.from(wave, (w) => (columns.logWavelength ? 10 ** w : w * scale));
  let ivar: Float32Array | null = null;
  if (columns.ivar >= 0) ivar = Float32Array.from(sigma, (w) => (w > 0 && w < Infinity ? w : 0));
  else if (columns.error >= 0) ivar = Float32Array.from(sigma, (e) => (e > 0 && e < Infinity ? 1 / (e * e) : 0));
  const unit = bracketedUnit(columns.names?.[columns.flux]);
  return {
    wavelength,
    flux: Float32Array.from(flux),
    ivar,
    mask: new Uint32Array(n),
    z: statedNumber(stated, 'z'),
    class: stated.get('class') ?? null,
    ra: statedNumber(stated, 'ra'),
    dec: statedNumber(stated, 'dec'),
    fluxUnit: unit,
    hdu: 0,
    layout: 'text-table',
    ...mediumOf(columns, stated),
    ...(stated.has('object') ? { objectName: stated.get('object') } : {}),
  };
}

/** The unit in brackets after a name: "wavelength(nm)" → "nm"; null when there is none. */
function bracketedUnit(name: string | undefined): string | null {
  return name ? (/[([{]\s*([^)\]}]+?)\s*[)\]}]/.exec(name)?.[1] ?? null) : null;
}

/** Å per unit of the wavelength column, from its bracketed unit ("wave [nm]"); Å when none is given. */
function wavelengthScale(columns: TextSpectrumColumns): number {
  const unit = bracketedUnit(columns.names?.[columns.wavelength]);
  // "wavelength (air)" names the medium, not a unit: Å, as without brackets.
  const scale = unit && /^(air|vac|vacuum)$/i.test(unit) ? 1 : angstromsPer(unit);
  if (scale === undefined)
    throw new TextSpectrumError(`the wavelength column's unit '${unit}' is not a wavelength unit`);
  return scale;
}

/** The medium a "# medium = air" line or a wave_air / wave_vac column states; nothing when neither does. */
function mediumOf(columns: TextSpectrumColumns, stated: Map<string, string>): Partial<Spectrum1D> {
  const said = (stated.get('medium') ?? stated.get('airorvac'))?.toLowerCase();
  const column = columns.names ? bareName(columns.names[columns.wavelength]) : '';
  const bracketed = bracketedUnit(columns.names?.[columns.wavelength])?.toLowerCase();
  const suffix = MEDIUM_SUFFIX.exec(column)?.[1] ?? /^(air|vac)/.exec(bracketed ?? '')?.[1];
  const medium: WavelengthMedium | null = said?.startsWith('air')
    ? 'air'
    : said?.startsWith('vac')
      ? 'vacuum'
      : suffix === 'air'
        ? 'air'
        : suffix === 'vac'
          ? 'vacuum'
          : null;
  if (!medium) return {};
  const evidence = said ? `the table says medium = ${said}` : `column '${column}'`;
  return { medium, mediumEvidence: evidence };
}

/**
 * Why the head of a file does not read as a spectrum table (null when it does) (named wavelength and flux, or for
 * non-CSV files 2–3 numeric columns with a rising first column), so that notes and
 * catalogs met while walking a folder are passed over rather than recorded as errors.
 */
export function whyNotTextSpectrum(head: string, requireHeader: boolean): string | null {
  try {
    const spectrum = parseTextSpectrum(head, { requireHeader, partial: true });
    const rows = spectrum.wavelength.length;
    return rows >= 3 ? null : `only ${rows} row${rows === 1 ? '' : 's'}; a spectrum needs at least 3`;
  } catch (err) {
    return (err as Error).message;
  }
}
