// 1-D spectra as text tables (CSV, TSV or whitespace-separated): a wavelength, a flux and an
// optional error or inverse-variance column, found by header name case-insensitively (units
// in brackets are ignored: "wavelength(A)", "flux [1e-17 erg/s/cm2/A]"), or two or three
// unnamed numeric columns in that order. The header may be a comment line ("# wave flux
// err"), as numpy.savetxt and many pipelines write it. Comment lines of the form
// "# z = 0.1" also give the redshift, class and sky position. A table that names no
// wavelength and flux is refused rather than guessed at, because catalogs are CSV too.
import { type Spectrum1D, inWavelengthOrder } from './spectrum.js';

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

const WAVELENGTH = /^(wavelength|wave|lambda|lam|wl|loglam|log_?lambda)$/;
const LOG_WAVELENGTH = /^(loglam|log_?lambda)$/;
const FLUX = /^(flux|flam|f_?lambda|flux_?density)$/;
const ERROR = /^(error|err|sigma|flux_?err|flux_?error|flux_?sigma|noise|uncertainty)$/;
const IVAR = /^(ivar|inverse_?variance|flux_?ivar)$/;
const COMMENT = /^\s*[#%!;]/;
const STATED = /^\s*[#%!;]+\s*(z|redshift|class|ra|dec)\s*[=:]\s*([^\s,]+)/i;

/** Lines above this are refused before parsing. */
export const MAX_TEXT_SPECTRUM_ROWS = 10_000_000;

function splitFields(line: string): string[] {
  const trimmed = line.trim();
  if (trimmed.includes(',')) return trimmed.split(',').map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
  if (trimmed.includes('\t')) return trimmed.split('\t').map((f) => f.trim());
  return trimmed.split(/\s+/);
}

/** A header name without units or quotes: "Wavelength (A)" → "wavelength". */
function bareName(name: string): string {
  return name.toLowerCase().replace(/["']/g, '').replace(/[([{].*$/, '').trim().replace(/[\s-]+/g, '_');
}

function parseNumber(field: string): number {
  if (field === '') return NaN;
  const v = Number(field);
  if (Number.isNaN(v) && !/^[+-]?(nan|inf(inity)?)$/i.test(field)) throw new TextSpectrumError(`'${field.slice(0, 40)}' is not a number`);
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
  return { wavelength, flux, error: find(ERROR), ivar: find(IVAR), logWavelength: LOG_WAVELENGTH.test(bare[wavelength]), names };
}

function unnamedColumns(count: number): TextSpectrumColumns {
  if (count < 2 || count > 3) {
    throw new TextSpectrumError(`a table without a header must have 2 or 3 columns (wavelength, flux[, error]); this one has ${count}`);
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
  if (options.partial && !text.endsWith('\n')) lines.pop();
  const stated = new Map<string, string>();
  let columns: TextSpectrumColumns | null = null;
  let commentHeader: string[] | null = null;
  const wave: number[] = [];
  const flux: number[] = [];
  const sigma: number[] = [];
  let lineNo = 0;
  for (const line of lines) {
    lineNo++;
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
        if (!columns) throw new TextSpectrumError(`line ${lineNo}: the header (${fields.slice(0, 8).join(', ')}) names no wavelength and flux column`);
        continue;
      }
      const named = commentHeader && commentHeader.length === fields.length ? columnsFromHeader(commentHeader) : null;
      if (!named && options.requireHeader) throw new TextSpectrumError('the table has no header naming its wavelength and flux columns');
      columns = named ?? unnamedColumns(fields.length);
    }
    if (wave.length >= MAX_TEXT_SPECTRUM_ROWS) throw new TextSpectrumError(`more than ${MAX_TEXT_SPECTRUM_ROWS} rows`);
    const needed = Math.max(columns.wavelength, columns.flux, columns.error, columns.ivar) + 1;
    if (fields.length < needed) throw new TextSpectrumError(`line ${lineNo}: ${fields.length} fields, expected at least ${needed}`);
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

function spectrumOf(columns: TextSpectrumColumns, wave: number[], flux: number[], sigma: number[], stated: Map<string, string>): Spectrum1D {
  const n = wave.length;
  const wavelength = Float64Array.from(wave, (w) => (columns.logWavelength ? 10 ** w : w));
  let ivar: Float32Array | null = null;
  if (columns.ivar >= 0) ivar = Float32Array.from(sigma, (w) => (w > 0 && w < Infinity ? w : 0));
  else if (columns.error >= 0) ivar = Float32Array.from(sigma, (e) => (e > 0 && e < Infinity ? 1 / (e * e) : 0));
  const fluxName = columns.names?.[columns.flux];
  const unit = fluxName ? /[([{]\s*([^)\]}]+?)\s*[)\]}]/.exec(fluxName)?.[1] ?? null : null;
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
  };
}

/**
 * Why the head of a file does not read as a spectrum table (null when it does) (named wavelength and flux, or for
 * non-CSV files 2–3 numeric columns with a rising first column), so that notes and
 * catalogs met while walking a folder are passed over rather than recorded as errors.
 */
export function whyNotTextSpectrum(head: string, requireHeader: boolean): string | null {
  try {
    const spectrum = parseTextSpectrum(head, { requireHeader, partial: true });
    return spectrum.wavelength.length >= 3 ? null : `only ${spectrum.wavelength.length} rows`;
  } catch (err) {
    return (err as Error).message;
  }
}
