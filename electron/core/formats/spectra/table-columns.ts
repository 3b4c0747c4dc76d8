// Spectrum columns of FITS binary tables: the one list of the names archives give them
// (wavelength, flux, ivar, error, mask, and the object's facts), and reading them as numbers,
// a whole column or one row's cells, for every table-based reader (generic tables, SDSS,
// DEEP2, HST). Also joins the parts of one spectrum stored in several rows or tables (blue and
// red halves, segments, échelle orders), skipping the padding some archives write.
import { FitsFormatError } from '../fits/header.js';
import { findColumn, readFitsColumn } from '../fits/table.js';
import type { FitsColumnInfo, FitsTableColumn, FitsTableLayout } from '../fits/table-layout.js';
import type { WavelengthMedium } from './spectrum.js';

export interface WavelengthColumnName {
  name: string;
  /** True for log10 of the wavelength in Å (SDSS loglam). */
  log: boolean;
  /** The medium the name itself states (WAVE_AIR, WAVE_VAC). */
  medium?: WavelengthMedium;
}

/** Wavelength column names, in the order they are looked for. */
export const WAVELENGTH_COLUMNS: readonly WavelengthColumnName[] = [
  { name: 'loglam', log: true },
  { name: 'wavelength', log: false },
  { name: 'wave', log: false },
  { name: 'lambda', log: false },
  { name: 'lam', log: false },
  { name: 'wave_air', log: false, medium: 'air' },
  { name: 'waveair', log: false, medium: 'air' },
  { name: 'wave_vac', log: false, medium: 'vacuum' },
  { name: 'wavevac', log: false, medium: 'vacuum' },
];
export const FLUX_COLUMNS = ['flux', 'spec', 'f_lambda', 'flam', 'fluxdensity'];
export const IVAR_COLUMNS = ['ivar', 'invvar'];
/** 1-sigma flux errors: ivar = 1/error². */
export const ERROR_COLUMNS = ['error', 'err', 'uncertainty', 'sigma', 'flux_err'];
/** Bad-pixel flags (nonzero = bad); and_mask first, since SDSS writes an or_mask too. */
export const MASK_COLUMNS = ['and_mask', 'mask', 'dq', 'quality', 'bitmask'];
export const NAME_COLUMNS = ['name', 'objname', 'object', 'targetid'];
export const REDSHIFT_COLUMNS = ['z', 'redshift'];
export const CLASS_COLUMNS = ['class', 'spectype'];

const NOT_NUMERIC = new Set(['A', 'P', 'Q', 'C', 'M']);

/** The first of `names` that is a column of numbers, or undefined. */
export function numericColumn(
  columns: readonly FitsColumnInfo[],
  names: readonly string[],
): FitsColumnInfo | undefined {
  for (const name of names) {
    const column = findColumn(columns, name);
    if (column && !NOT_NUMERIC.has(column.code)) return column;
  }
  return undefined;
}

/** The wavelength column of a table and what its name says, or null. */
export function wavelengthColumn(
  columns: readonly FitsColumnInfo[],
): { column: FitsColumnInfo; name: WavelengthColumnName } | null {
  for (const name of WAVELENGTH_COLUMNS) {
    const column = numericColumn(columns, [name.name]);
    if (column) return { column, name };
  }
  return null;
}

export type NumericValues = Exclude<FitsTableColumn['data'], string[] | BigInt64Array | BigUint64Array> | Float64Array;

/** A read column's values as numbers (64-bit integers as doubles); text is refused. */
export function numbersOf(column: FitsTableColumn): NumericValues {
  const { data } = column;
  if (Array.isArray(data)) throw new FitsFormatError(`column '${column.name}' holds text, not numbers`);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return Float64Array.from(data, Number);
  return data;
}

/** A whole column, every row, as numbers. */
export function readNumbers(buffer: Uint8Array, table: FitsTableLayout, column: FitsColumnInfo, dataOffset: number) {
  return numbersOf(readFitsColumn(buffer, table, column, dataOffset));
}

/** One row's cells of a column (a table is never decoded whole to read one of its spectra). */
export function readRow(
  buffer: Uint8Array,
  table: FitsTableLayout,
  column: FitsColumnInfo,
  dataOffset: number,
  row: number,
): FitsTableColumn {
  return readFitsColumn(buffer, { ...table, rows: 1 }, column, dataOffset + row * table.rowBytes);
}

/** One row's cells of a numeric column. */
export function readRowNumbers(
  buffer: Uint8Array,
  table: FitsTableLayout,
  column: FitsColumnInfo,
  dataOffset: number,
  row: number,
): NumericValues {
  return numbersOf(readRow(buffer, table, column, dataOffset, row));
}

/** ivar = 1/error², 0 (no information) where the error is not a positive finite number. */
export function ivarFromError(error: ArrayLike<number>): Float32Array {
  return Float32Array.from(error, (e) => (e > 0 && e < Infinity ? 1 / (e * e) : 0));
}

/** Flags as mask words: nonzero (any bit, or true) is bad. */
export function maskFrom(values: ArrayLike<number>): Uint32Array {
  return Uint32Array.from(values, (v) => v >>> 0);
}

/** Refuses a column whose cells hold another number of values than the flux's. */
export function checkWidth(column: FitsColumnInfo, flux: FitsColumnInfo): void {
  if (column.repeat !== flux.repeat)
    throw new FitsFormatError(
      `column '${column.name}' holds ${column.repeat} values a row, column '${flux.name}' ${flux.repeat}`,
    );
}
