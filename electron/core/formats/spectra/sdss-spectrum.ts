// SDSS spectra in the DR8+ `spec-PLATE-MJD-FIBER.fits` layout: an empty primary HDU, HDU 1
// 'COADD' (a table of flux, loglam, ivar, and_mask and more, one row per pixel) and HDU 2
// 'SPECOBJ' (or 'SPALL' in BOSS files: one row of pipeline results such as Z, CLASS,
// PLUG_RA, PLUG_DEC). Extra columns and HDUs are ignored. A table with one row of vector
// columns, or a linear 'wave'/'wavelength' column instead of loglam, reads the same way.
import { FitsFormatError } from '../fits/header.js';
import { type FitsHduInfo, listFitsHdus } from '../fits/hdu-list.js';
import { describeFitsTable, findColumn, readFitsColumn } from '../fits/table.js';
import type { FitsTableColumn, FitsTableLayout } from '../fits/table-layout.js';
import { type SpectrumFormat, singleSpectrumFile } from './spectrum-file.js';
import {
  ERROR_COLUMNS,
  IVAR_COLUMNS,
  MASK_COLUMNS,
  WAVELENGTH_COLUMNS,
  maskFrom,
  numbersOf,
  numericColumn,
} from './table-columns.js';
import { headerColumns } from './table-description.js';
import { type Spectrum1D, inWavelengthOrder } from './spectrum.js';

// SDSS's own names among the table readers' one list: a column naming its medium belongs to the generic table layout.
const LOG_WAVELENGTH_COLUMNS = WAVELENGTH_COLUMNS.filter((c) => c.log).map((c) => c.name);
const LINEAR_WAVELENGTH_COLUMNS = WAVELENGTH_COLUMNS.filter((c) => !c.log && !c.medium).map((c) => c.name);
const RESULT_TABLES = ['SPECOBJ', 'SPALL'];

/**
 * A table this reader reads whole: FLUX and a wavelength column, one spectrum (not rows of array cells, which are
 * several objects), and no error column it would ignore; the generic table layout reads the others.
 */
function holdsSpectrumColumns(hdu: FitsHduInfo): boolean {
  const columns = headerColumns(hdu);
  if (!columns) return false;
  const flux = findColumn(columns, 'flux');
  if (!flux || ![...LOG_WAVELENGTH_COLUMNS, ...LINEAR_WAVELENGTH_COLUMNS].some((c) => findColumn(columns, c)))
    return false;
  if (flux.repeat > 1 && (hdu.shape[1] ?? 0) > 1) return false;
  return numericColumn(columns, IVAR_COLUMNS) !== undefined || numericColumn(columns, ERROR_COLUMNS) === undefined;
}

/**
 * The COADD-like table of a file, or null: the one named COADD if it has flux and wavelength columns, else the first
 * that has them.
 */
export function findSdssCoaddHdu(hdus: FitsHduInfo[]): FitsHduInfo | null {
  const named = hdus.find((h) => h.extname?.toUpperCase() === 'COADD' && holdsSpectrumColumns(h));
  return named ?? hdus.find(holdsSpectrumColumns) ?? null;
}

function readNumeric(
  buffer: Uint8Array,
  table: FitsTableLayout,
  dataOffset: number,
  names: string[],
  required: true,
): FitsTableColumn;
function readNumeric(
  buffer: Uint8Array,
  table: FitsTableLayout,
  dataOffset: number,
  names: string[],
  required: false,
): FitsTableColumn | null;
function readNumeric(
  buffer: Uint8Array,
  table: FitsTableLayout,
  dataOffset: number,
  names: string[],
  required: boolean,
): FitsTableColumn | null {
  for (const name of names) {
    const info = findColumn(table.columns, name);
    if (info) return readFitsColumn(buffer, table, info, dataOffset);
  }
  if (required)
    throw new FitsFormatError(`table '${table.extname ?? table.hduIndex}' has no ${names.join(' or ')} column`);
  return null;
}

function sameLength(column: FitsTableColumn, values: ArrayLike<unknown>, pixels: number): void {
  if (values.length !== pixels)
    throw new FitsFormatError(`column '${column.name}' has ${values.length} values, the flux has ${pixels}`);
}

interface SpectrumFacts {
  z: number | null;
  class: string | null;
  ra: number | null;
  dec: number | null;
}

function finiteOrNull(v: unknown): number | null {
  const n = typeof v === 'bigint' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** Z, CLASS and position from row 0 of SPECOBJ/SPALL, falling back on primary-header cards. */
function readFacts(buffer: Uint8Array, hdus: FitsHduInfo[]): SpectrumFacts {
  const primary = hdus[0].header;
  const facts: SpectrumFacts = {
    z: finiteOrNull(primary.getNumber('Z')),
    class: primary.getString('CLASS')?.trim() || null,
    ra: finiteOrNull(primary.getNumber('PLUG_RA') ?? primary.getNumber('RA')),
    dec: finiteOrNull(primary.getNumber('PLUG_DEC') ?? primary.getNumber('DEC')),
  };
  const results = hdus.find((h) => h.type === 'BINTABLE' && RESULT_TABLES.includes(h.extname?.toUpperCase() ?? ''));
  if (!results) return facts;
  const layout = describeFitsTable(results, buffer.byteLength);
  if (layout.rows < 1) return facts;
  const first = (name: string): number | string | bigint | undefined => {
    const info = findColumn(layout.columns, name);
    if (!info || info.code === 'P' || info.code === 'Q' || info.code === 'C' || info.code === 'M') return undefined;
    const column = readFitsColumn(buffer, layout, info, results.dataOffset);
    return column.width > 0 ? column.data[0] : undefined;
  };
  const z = finiteOrNull(first('Z'));
  const cls = first('CLASS');
  const ra = finiteOrNull(first('PLUG_RA'));
  const dec = finiteOrNull(first('PLUG_DEC'));
  return {
    z: z ?? facts.z,
    class: (typeof cls === 'string' && cls.trim()) || facts.class,
    ra: ra ?? facts.ra,
    dec: dec ?? facts.dec,
  };
}

/** Reads the spectrum of an SDSS-layout file (see findSdssCoaddHdu for which table). */
export function readSdssSpectrum(
  buffer: Uint8Array,
  hdus: FitsHduInfo[] = listFitsHdus(buffer),
  coadd: FitsHduInfo | null = findSdssCoaddHdu(hdus),
): Spectrum1D {
  if (!coadd) throw new FitsFormatError('no COADD-like table (with flux and loglam columns) in the file');
  const table = describeFitsTable(coadd, buffer.byteLength);
  const read = (names: string[]) => readNumeric(buffer, table, coadd.dataOffset, names, false);
  const fluxColumn = readNumeric(buffer, table, coadd.dataOffset, ['flux'], true);
  if (fluxColumn.width > 1 && table.rows > 1) {
    // Rows of vector flux are a table of many spectra (spAll-, DESI-like); their concatenation is no spectrum.
    throw new FitsFormatError(
      `table '${table.extname ?? table.hduIndex}' holds ${table.rows} spectra of ` +
        `${fluxColumn.width} pixels; Serendip reads files of one spectrum`,
    );
  }
  const flux = Float32Array.from(numbersOf(fluxColumn));
  const pixels = flux.length;
  const logColumn = read(LOG_WAVELENGTH_COLUMNS);
  const waveColumn = logColumn ?? readNumeric(buffer, table, coadd.dataOffset, LINEAR_WAVELENGTH_COLUMNS, true);
  const waveValues = numbersOf(waveColumn);
  sameLength(waveColumn, waveValues, pixels);
  const wavelength = logColumn ? Float64Array.from(waveValues, (v) => 10 ** v) : Float64Array.from(waveValues);
  const ivarColumn = read(IVAR_COLUMNS);
  let ivar: Float32Array | null = null;
  if (ivarColumn) {
    const values = numbersOf(ivarColumn);
    sameLength(ivarColumn, values, pixels);
    ivar = Float32Array.from(values);
  }
  const maskColumn = read(MASK_COLUMNS);
  const maskValues = maskColumn ? numbersOf(maskColumn) : null;
  if (maskColumn && maskValues) sameLength(maskColumn, maskValues, pixels);
  const mask = maskValues ? maskFrom(maskValues) : new Uint32Array(pixels);
  const fluxUnit = fluxColumn.unit ?? (hdus[0].header.getString('BUNIT')?.trim() || null);
  return inWavelengthOrder({
    wavelength,
    flux,
    ivar,
    mask,
    ...readFacts(buffer, hdus),
    fluxUnit,
    hdu: coadd.index,
    layout: 'sdss-coadd',
    ...(coadd.extname?.toUpperCase() === 'COADD'
      ? { medium: 'vacuum', mediumEvidence: 'SDSS spectra are in vacuum' }
      : {}),
  });
}

/** SDSS spec and spec-lite files (their primary HDU holds no data), and files of one such table. */
export const sdssTableFormat: SpectrumFormat = {
  layout: 'sdss-coadd',
  detect: (hdus) => (hdus.length > 0 && hdus[0].dataBytes === 0 ? findSdssCoaddHdu(hdus) : null),
  open(buffer, hdus) {
    const coadd = findSdssCoaddHdu(hdus);
    return singleSpectrumFile(() => readSdssSpectrum(buffer, hdus, coadd));
  },
};
