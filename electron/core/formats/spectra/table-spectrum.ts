// Spectra in plain FITS binary tables, as many archives and private pipelines write them: a
// wavelength column and a flux column under one of the usual names (table-columns.ts), with
// optional ivar or error and mask columns, units from TUNIT. Either one row per pixel (one
// spectrum), or rows of array cells: one row is one spectrum, several rows are several
// objects, each named by its NAME/OBJNAME/OBJECT/TARGETID cell. This layout is tried after the
// archive-specific ones, so it only reads what they leave; a table of array cells with a flux
// but no wavelength column is claimed only to be refused with what it holds.
import { FitsFormatError, type FitsHeader } from '../fits/header.js';
import type { FitsHduInfo } from '../fits/hdu-list.js';
import { describeFitsTable, findColumn, readFitsColumn } from '../fits/table.js';
import type { FitsColumnInfo, FitsTableLayout } from '../fits/table-layout.js';
import { mediumFromCards } from './air-vacuum.js';
import { type SpectrumFile, type SpectrumFormat, checkItem } from './spectrum-file.js';
import { type Spectrum1D, inWavelengthOrder } from './spectrum.js';
import {
  CLASS_COLUMNS,
  ERROR_COLUMNS,
  FLUX_COLUMNS,
  IVAR_COLUMNS,
  MASK_COLUMNS,
  NAME_COLUMNS,
  REDSHIFT_COLUMNS,
  WAVELENGTH_COLUMNS,
  type WavelengthColumnName,
  checkWidth,
  ivarFromError,
  maskFrom,
  numericColumn,
  readNumbers,
  readRowNumbers,
  wavelengthColumn,
} from './table-columns.js';
import { describeTableLayout, headerColumns } from './table-description.js';
import { angstromsPer } from './wavelength-units.js';

/** The first table with a flux and a wavelength column. */
function findSpectrumTable(hdus: FitsHduInfo[]): FitsHduInfo | null {
  return (
    hdus.find((hdu) => {
      const columns = headerColumns(hdu);
      return columns !== null && numericColumn(columns, FLUX_COLUMNS) && wavelengthColumn(columns);
    }) ?? null
  );
}

/** A table of flux arrays without wavelengths, in a file holding no image that could carry them as a WCS. */
function findWavelengthlessSpectra(hdus: FitsHduInfo[]): FitsHduInfo | null {
  if (hdus.some((h) => (h.type === 'PRIMARY' || h.type === 'IMAGE') && h.dataBytes > 0)) return null;
  return hdus.find((hdu) => (numericColumn(headerColumns(hdu) ?? [], FLUX_COLUMNS)?.repeat ?? 0) > 1) ?? null;
}

interface Facts {
  z: number | null;
  class: string | null;
  ra: number | null;
  dec: number | null;
  objectName: string | null;
}

const finite = (v: unknown): number | null => {
  const n = typeof v === 'bigint' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** Facts from cards of the table's header, then the primary's. */
function cardFacts(headers: FitsHeader[]): Facts {
  const first = <T>(read: (h: FitsHeader) => T | null): T | null => {
    for (const h of headers) {
      const v = read(h);
      if (v !== null) return v;
    }
    return null;
  };
  return {
    z: first((h) => finite(h.get('Z')) ?? finite(h.get('REDSHIFT'))),
    class: first((h) => text(h.get('CLASS')) ?? text(h.get('SPECTYPE'))),
    ra: first((h) => finite(h.get('RA'))),
    dec: first((h) => finite(h.get('DEC'))),
    objectName: first((h) => text(h.get('OBJECT'))),
  };
}

/** A scalar column's value in each row (numbers, or text), or null when the table has no such column. */
function scalarColumn(buffer: Uint8Array, table: FitsTableLayout, dataOffset: number, names: string[]) {
  for (const name of names) {
    const info = findColumn(table.columns, name);
    if (!info || info.code === 'P' || info.code === 'Q' || info.code === 'C' || info.code === 'M') continue;
    const column = readFitsColumn(buffer, table, info, dataOffset);
    if (column.width !== 1) continue;
    return Array.from(column.data as ArrayLike<number | bigint | string>);
  }
  return null;
}

function wavelengthScale(column: FitsColumnInfo, name: WavelengthColumnName): (v: number) => number {
  if (name.log) return (v) => 10 ** v;
  const factor = angstromsPer(column.unit);
  if (factor === undefined)
    throw new FitsFormatError(
      `column '${column.name}' is in '${column.unit}', not a wavelength unit Serendip knows: ` +
        `set TUNIT${column.field} to Angstrom, nm or um`,
    );
  return (v) => v * factor;
}

interface Columns {
  wavelength: FitsColumnInfo;
  flux: FitsColumnInfo;
  ivar: FitsColumnInfo | undefined;
  error: FitsColumnInfo | undefined;
  mask: FitsColumnInfo | undefined;
}

/** Checks a generic spectrum table against the file and prepares reading its spectra. */
export function openTableSpectra(buffer: Uint8Array, hdus: FitsHduInfo[]): SpectrumFile {
  const hdu = findSpectrumTable(hdus) ?? findWavelengthlessSpectra(hdus);
  if (!hdu) throw new FitsFormatError('no table with flux and wavelength columns in the file');
  const table = describeFitsTable(hdu, buffer.byteLength);
  const flux = numericColumn(table.columns, FLUX_COLUMNS);
  const found = wavelengthColumn(table.columns);
  if (!flux || !found) {
    const expected = WAVELENGTH_COLUMNS.map((c) => c.name.toUpperCase()).join(', ');
    throw new FitsFormatError(
      `HDU ${hdu.index} is ${describeTableLayout(hdu)}; none named as wavelength (${expected})`,
    );
  }
  const columns: Columns = {
    wavelength: found.column,
    flux,
    ivar: numericColumn(table.columns, IVAR_COLUMNS),
    error: numericColumn(table.columns, ERROR_COLUMNS),
    mask: numericColumn(table.columns, MASK_COLUMNS),
  };
  for (const c of [columns.wavelength, columns.ivar, columns.error, columns.mask]) if (c) checkWidth(c, flux);
  if (table.rows === 0) throw new FitsFormatError(`HDU ${hdu.index} is ${describeTableLayout(hdu)}: no pixels`);
  const toAngstrom = wavelengthScale(found.column, found.name);
  const perPixel = flux.repeat === 1;
  const headers = [hdu.header, hdus[0].header];
  const cards = cardFacts(headers);
  const medium = found.name.medium
    ? { medium: found.name.medium, evidence: `column ${found.column.name}` }
    : (mediumFromCards(hdu.header) ?? mediumFromCards(hdus[0].header));
  // Scalar columns describe a row's object only when a row is a spectrum.
  const cell = (names: string[]) => (perPixel ? null : scalarColumn(buffer, table, hdu.dataOffset, names));
  const names = cell(NAME_COLUMNS);
  const zs = cell(REDSHIFT_COLUMNS);
  const classes = cell(CLASS_COLUMNS);
  const ras = cell(['ra']);
  const decs = cell(['dec']);
  const count = perPixel ? 1 : table.rows;

  const values = (column: FitsColumnInfo, row: number) =>
    perPixel
      ? readNumbers(buffer, table, column, hdu.dataOffset)
      : readRowNumbers(buffer, table, column, hdu.dataOffset, row);
  const nameOf = (row: number) => (names ? (text(String(names[row])) ?? null) : null);

  return {
    count,
    isObject: (item) => (checkItem(item, count, 'spectra'), true),
    nameHint: (item) => (checkItem(item, count, 'spectra'), count > 1 ? nameOf(item) : null),
    spectrum(item) {
      checkItem(item, count, 'spectra');
      const wavelength = Float64Array.from(values(columns.wavelength, item), toAngstrom);
      const ivar = columns.ivar
        ? Float32Array.from(values(columns.ivar, item))
        : columns.error
          ? ivarFromError(values(columns.error, item))
          : null;
      const spectrum: Spectrum1D = {
        wavelength,
        flux: Float32Array.from(values(flux, item)),
        ivar,
        mask: columns.mask ? maskFrom(values(columns.mask, item)) : new Uint32Array(wavelength.length),
        z: finite(zs?.[item]) ?? cards.z,
        class: text(classes?.[item]) ?? cards.class,
        ra: finite(ras?.[item]) ?? cards.ra,
        dec: finite(decs?.[item]) ?? cards.dec,
        fluxUnit: flux.unit ?? (hdus[0].header.getString('BUNIT')?.trim() || null),
        hdu: hdu.index,
        layout: 'table',
        ...(medium ? { medium: medium.medium, mediumEvidence: medium.evidence } : {}),
      };
      const objectName = nameOf(item) ?? cards.objectName;
      if (objectName) spectrum.objectName = objectName;
      return inWavelengthOrder(spectrum);
    },
  };
}

/** Generic binary-table spectra (see the top of this file). */
export const tableFormat: SpectrumFormat = {
  layout: 'table',
  detect: (hdus) => findSpectrumTable(hdus) ?? findWavelengthlessSpectra(hdus),
  open: openTableSpectra,
};
