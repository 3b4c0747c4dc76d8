// 2-D arrays of spectra without a multispec WCS: one spectrum a row, NAXIS1 pixels. Three kinds
// are recognised, from headers alone, and nothing else, so an ordinary 2-D image (a cutout
// whose axes are RA/Dec, or that names no axis) is never claimed:
// - 2dfdr (AAT 2dF/AAOmega) frames: a 'FIBRES' table with a TYPE column, one row a fibre; only
//   program fibres (TYPE 'P') are objects (S sky, N broken, U unallocated, F guide are not),
//   named by NAME, RA/DEC in radians (degrees only when TUNIT says so).
// - a wavelength image of the same shape ('WAVELENGTH', 'WAVE' or 'LAMBDA'): per-row
//   wavelengths, as échelle pipelines write orders; the rows are one object's orders and are
//   joined into one spectrum (spectrum-join.ts), unless a FIBRES table makes them fibres.
// - a linear wavelength axis 1 (wcs-spectrum.ts) with axis 2 saying rows are spectra: CTYPE2
//   'FIBRE', 'APERTURE', 'ORDER', 'SPECTRUM', or IRAF's equispec system (WAT0_001, APNUMn);
//   rows named by APIDn, else APNUMn's aperture number.
// Errors come from an image of the same shape: 'VARIANCE' (ivar 1/v), 'ERROR'/'SIGMA' (1/σ²) or
// 'IVAR'. IRAF equispec wavelengths are in air unless AIRORVAC says; others as cards say.
import { FitsFormatError, type FitsHeader } from '../fits/header.js';
import type { FitsHduInfo } from '../fits/hdu-list.js';
import { describeFitsTable, findColumn, readFitsColumn } from '../fits/table.js';
import type { FitsTableColumn } from '../fits/table-layout.js';
import { IRAF_AIR, mediumOf } from './air-vacuum.js';
import { tableColumnNames } from './table-description.js';
import { joinOrders } from './spectrum-join.js';
import { headerFacts } from './header-facts.js';
import { checkImageData, describeHdu, firstImageHdu, inverseOf, readImageRow } from './image-rows.js';
import { watAttributes, watString } from './multispec-wat.js';
import { checkItem, type SpectrumFile, type SpectrumFormat, singleSpectrumFile } from './spectrum-file.js';
import { inWavelengthOrder } from './spectrum.js';
import { spectralAxis, wavelengthsOf } from './wcs-spectrum.js';
import { angstromsPer } from './wavelength-units.js';

const WAVELENGTH_EXTNAMES = ['WAVELENGTH', 'WAVE', 'LAMBDA'];
/** Error images by EXTNAME: what their values are. */
const ERROR_EXTNAMES: Record<string, 'variance' | 'sigma' | 'ivar'> = {
  VARIANCE: 'variance',
  VAR: 'variance',
  ERROR: 'sigma',
  ERR: 'sigma',
  SIGMA: 'sigma',
  NOISE: 'sigma',
  IVAR: 'ivar',
  INVVAR: 'ivar',
};
/** CTYPE1 values that name a wavelength axis outright ('LINEAR' and none only count for IRAF's equispec). */
const WAVELENGTH_CTYPE1 = /^(LAMBDA|WAVELENGTH|WAVE|AWAV|WAVE-LOG|AWAV-LOG)$/;
/** CTYPE2 values that say each row is a spectrum. */
const ROW_CTYPE2 = /^(FIBRE|FIBER|FIBRES|FIBERS|APERTURE|APERTURES|ORDER|ORDERS|SPECTRUM|SPECTRA)$/;
/** 2dfdr fibre types: only program fibres hold objects. */
const PROGRAM_FIBRE = 'P';

const named = (hdus: FitsHduInfo[], names: string[]) =>
  hdus.find((h) => h.extname !== undefined && names.includes(h.extname.toUpperCase()));

/** A 2-D image with more than one row (trailing axes of 1 allowed). */
function isRowsImage(hdu: FitsHduInfo): boolean {
  return hdu.shape.length >= 2 && hdu.shape[0] >= 2 && hdu.shape[1] >= 1 && hdu.shape.slice(2).every((n) => n === 1);
}

function sameShape(a: FitsHduInfo, b: FitsHduInfo): boolean {
  return a.shape[0] === b.shape[0] && (a.shape[1] ?? 1) === (b.shape[1] ?? 1);
}

/** A 2dfdr fibre table: a BINTABLE 'FIBRES' whose columns include TYPE (from its TTYPEn cards). */
function fibreTable(hdus: FitsHduInfo[]): FitsHduInfo | undefined {
  const table = named(hdus, ['FIBRES', 'FIBERS']);
  return table?.type === 'BINTABLE' && tableColumnNames(table).includes('TYPE') ? table : undefined;
}

function isEquispec(header: FitsHeader): boolean {
  return watAttributes(watString(header, 0)).get('system')?.toLowerCase() === 'equispec';
}

/** The axis-2 evidence that rows are spectra, for a flux image with a WCS on axis 1. */
function rowsAreSpectra(header: FitsHeader): boolean {
  const ctype1 = header.getString('CTYPE1', '').trim().toUpperCase();
  if (isEquispec(header)) return ctype1 === 'LINEAR' || ctype1 === '' || WAVELENGTH_CTYPE1.test(ctype1);
  return WAVELENGTH_CTYPE1.test(ctype1) && ROW_CTYPE2.test(header.getString('CTYPE2', '').trim().toUpperCase());
}

/** The flux image of a fibre array, or null when the file is not one (see the header comment). */
export function findFibreArrayHdu(hdus: FitsHduInfo[]): FitsHduInfo | null {
  const hdu = firstImageHdu(hdus);
  if (!hdu || !isRowsImage(hdu)) return null;
  const waves = named(hdus, WAVELENGTH_EXTNAMES);
  if (waves && waves !== hdu && (waves.type === 'IMAGE' || waves.type === 'PRIMARY') && sameShape(waves, hdu))
    return hdu;
  if (!spectralAxis(hdu.header)) return null;
  return fibreTable(hdus) || rowsAreSpectra(hdu.header) ? hdu : null;
}

interface FibreFacts {
  names: (string | null)[] | null;
  types: string[] | null;
  ra: (number | null)[] | null;
  dec: (number | null)[] | null;
}

function column(buffer: Uint8Array, table: FitsHduInfo, name: string): FitsTableColumn | null {
  const layout = describeFitsTable(table, buffer.byteLength);
  const info = findColumn(layout.columns, name);
  return info ? readFitsColumn(buffer, layout, info, table.dataOffset) : null;
}

/** An angle column in degrees: radians (2dfdr's convention) unless TUNIT says degrees. */
function degreesOf(col: FitsTableColumn | null): (number | null)[] | null {
  if (!col || Array.isArray(col.data) || col.width !== 1) return null;
  const toDegrees = /^deg/i.test(col.unit ?? '') ? 1 : 180 / Math.PI;
  return Array.from(col.data as ArrayLike<number | bigint>, (v) => {
    const n = Number(v);
    return Number.isFinite(n) ? n * toDegrees : null;
  });
}

function readFibreFacts(buffer: Uint8Array, table: FitsHduInfo, rows: number): FibreFacts {
  const text = (name: string) => {
    const col = column(buffer, table, name);
    return col && Array.isArray(col.data) ? col.data.map((s) => s.trim()) : null;
  };
  const types = text('TYPE');
  if (!types) throw new FitsFormatError(`${describeHdu(table)} has no TYPE column of fibre types (P, S, N, U, F)`);
  if (types.length !== rows)
    throw new FitsFormatError(`${describeHdu(table)} has ${types.length} fibres, the flux image ${rows} rows`);
  return {
    names: text('NAME')?.map((n) => n || null) ?? null,
    types: types.map((t) => t.toUpperCase()),
    ra: degreesOf(column(buffer, table, 'RA')),
    dec: degreesOf(column(buffer, table, 'DEC')),
  };
}

/** Row names of an IRAF equispec or plain array: APIDn, else APNUMn's aperture number. */
function rowNames(header: FitsHeader, rows: number): (string | null)[] {
  return Array.from({ length: rows }, (_, r) => {
    const title = header.getString(`APID${r + 1}`)?.trim();
    if (title) return title;
    const apnum = header
      .getString(`APNUM${r + 1}`)
      ?.trim()
      .split(/\s+/)[0];
    return apnum ? `ap ${apnum}` : null;
  });
}

function errorImage(hdus: FitsHduInfo[], flux: FitsHduInfo, fileBytes: number) {
  const hdu = named(hdus, Object.keys(ERROR_EXTNAMES));
  if (!hdu || hdu === flux) return null;
  checkImageData(hdu, fileBytes);
  if (!sameShape(hdu, flux))
    throw new FitsFormatError(
      `${describeHdu(hdu)} has shape ${hdu.shape.join('×')}, the flux ${describeHdu(flux)} ${flux.shape.join('×')}`,
    );
  return { hdu, kind: ERROR_EXTNAMES[hdu.extname!.toUpperCase()] };
}

/** Checks a fibre array against the file and prepares reading its rows (or its joined orders). */
export function openFibreArray(buffer: Uint8Array, hdus: FitsHduInfo[]): SpectrumFile {
  const hdu = findFibreArrayHdu(hdus);
  if (!hdu) throw new FitsFormatError('no 2-D array of spectra (rows with a wavelength axis or image) in the file');
  checkImageData(hdu, buffer.byteLength);
  const { header } = hdu;
  const [width, rows = 1] = hdu.shape;
  const errors = errorImage(hdus, hdu, buffer.byteLength);
  const table = fibreTable(hdus);
  const facts = table ? readFibreFacts(buffer, table, rows) : null;
  const wavesHdu = named(hdus, WAVELENGTH_EXTNAMES);
  const perRow = wavesHdu && wavesHdu !== hdu && sameShape(wavesHdu, hdu) ? wavesHdu : null;
  let rowWavelengths: (row: number) => Float64Array;
  if (perRow) {
    checkImageData(perRow, buffer.byteLength);
    const unit = perRow.header.getString('BUNIT', '').trim();
    const scale = angstromsPer(unit);
    if (scale === undefined)
      throw new FitsFormatError(`${describeHdu(perRow)} gives wavelengths in '${unit}', not a unit Serendip knows`);
    rowWavelengths = (row) => Float64Array.from(readImageRow(buffer, perRow, row, 'float64'), (w) => w * scale);
  } else {
    const axis = spectralAxis(header);
    if (!axis) throw new FitsFormatError(`${describeHdu(hdu)} has no wavelength WCS on axis 1`);
    const shared = wavelengthsOf(axis, width);
    rowWavelengths = () => shared.slice();
  }
  const equispec = isEquispec(header);
  const names = facts?.names ?? rowNames(header, rows);
  const object = header.getString('OBJECT')?.trim() || null;
  const base = {
    ...headerFacts(header),
    hdu: hdu.index,
    layout: 'fibre-array' as const,
    // 2dfdr's free-text CTYPE1 'Wavelength' states no medium (mediumFromCards reads the FITS codes only).
    ...mediumOf(header, equispec ? IRAF_AIR : undefined),
  };
  const readRow = (row: number) => {
    const flux = Float32Array.from(readImageRow(buffer, hdu, row));
    if (!errors) return { flux, ivar: null };
    const values = readImageRow(buffer, errors.hdu, row);
    const ivar = errors.kind === 'ivar' ? Float32Array.from(values) : inverseOf(values, errors.kind === 'sigma');
    return { flux, ivar };
  };

  if (perRow && !facts) {
    // One object's échelle orders, joined.
    return singleSpectrumFile(() =>
      inWavelengthOrder({
        ...base,
        ...joinOrders(
          Array.from({ length: rows }, (_, row) => ({
            name: `row ${row + 1}`,
            wavelength: rowWavelengths(row),
            ...readRow(row),
          })),
        ),
        ...(object ? { objectName: object } : {}),
      }),
    );
  }
  const isObject = (item: number) => (
    checkItem(item, rows, 'rows'),
    !facts?.types || facts.types[item] === PROGRAM_FIBRE
  );
  return {
    count: rows,
    isObject,
    nameHint: (item) => (checkItem(item, rows, 'rows'), names[item]),
    spectrum(item) {
      checkItem(item, rows, 'rows');
      const { flux, ivar } = readRow(item);
      const name = names[item] ?? (facts ? null : object);
      return inWavelengthOrder({
        ...base,
        wavelength: rowWavelengths(item),
        flux,
        ivar,
        mask: new Uint32Array(width),
        ...(facts?.ra ? { ra: facts.ra[item] } : {}),
        ...(facts?.dec ? { dec: facts.dec[item] } : {}),
        ...(name ? { objectName: name } : {}),
      });
    },
  };
}

export const fibreArrayFormat: SpectrumFormat = {
  layout: 'fibre-array',
  detect: findFibreArrayHdu,
  open: openFibreArray,
};
