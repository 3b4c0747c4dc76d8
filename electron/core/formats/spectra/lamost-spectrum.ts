// LAMOST low-resolution spectra (`spec-MJD-PLANID_spSS-FFF.fits`), one spectrum a file, in the
// two layouts the archive has used. DR1–DR7: the primary HDU is a 2-D image of 5 rows × N
// pixels: flux, inverse variance, wavelength (Å), andmask, ormask. DR8 on: the primary HDU is
// empty and a 'COADD' table holds one row of array cells FLUX, IVAR, WAVELENGTH, ANDMASK,
// ORMASK and NORMALIZATION. Both carry the object in primary cards: OBSID, DESIG (the IAU-style
// designation), RA, DEC, Z, CLASS. LAMOST bins in vacuum. The DR8+ table looks like an SDSS
// COADD to the sdss-coadd layout, so this one is tried first and claims only LAMOST files.
import { FitsFormatError, type FitsHeader } from '../fits/header.js';
import type { FitsHduInfo } from '../fits/hdu-list.js';
import { readFitsHduData } from '../fits/reader.js';
import { describeFitsTable, findColumn, readFitsColumn } from '../fits/table.js';
import { mediumOf } from './air-vacuum.js';
import { numberCard } from './header-facts.js';
import { tableColumnNames } from './table-description.js';
import { type SpectrumFormat, singleSpectrumFile } from './spectrum-file.js';
import { type Spectrum1D, inWavelengthOrder } from './spectrum.js';

const TABLE_COLUMNS = { flux: 'FLUX', ivar: 'IVAR', wavelength: 'WAVELENGTH', mask: 'ANDMASK' };
/** LAMOST spectra have 3,909 pixels; this bounds what a header may claim. */
const MAX_PIXELS = 1 << 20;
/** LAMOST writes Z = -9999 where the pipeline found none. */
const NO_REDSHIFT_BELOW = -1;

function isLamost(header: FitsHeader): boolean {
  const telescope = header.getString('TELESCOP')?.trim().toUpperCase() ?? '';
  // Without TELESCOP, LAMOST's own identifiers say it.
  return telescope.startsWith('LAMOST') || (header.has('OBSID') && header.has('DESIG'));
}

function holdsSpectrumTable(hdu: FitsHduInfo): boolean {
  const names = tableColumnNames(hdu);
  return hdu.type === 'BINTABLE' && names.includes('FLUX') && names.includes('WAVELENGTH');
}

/** The HDU of a LAMOST spectrum (the primary image, or the COADD table of DR8+ files), or null. */
export function findLamostHdu(hdus: FitsHduInfo[]): FitsHduInfo | null {
  const primary = hdus[0];
  if (!primary || !isLamost(primary.header)) return null;
  // DR1–DR7 rows: flux, ivar, wavelength, andmask, ormask (the first three are needed).
  if (primary.dataBytes > 0) return primary.shape.length === 2 && primary.shape[1] >= 3 ? primary : null;
  const coadd = hdus.find((h) => h.extname?.toUpperCase() === 'COADD' && holdsSpectrumTable(h));
  return coadd ?? hdus.find(holdsSpectrumTable) ?? null;
}

interface Pixels {
  wavelength: Float64Array;
  flux: Float32Array;
  ivar: Float32Array;
  mask: Uint32Array;
}

function maskOf(values: ArrayLike<number> | null, pixels: number): Uint32Array {
  const mask = new Uint32Array(pixels);
  // Masks are stored as floats: NaN or negative words mean nothing usable, so they read as 0.
  if (values) for (let i = 0; i < pixels; i++) mask[i] = values[i] > 0 ? values[i] >>> 0 : 0;
  return mask;
}

function readImage(buffer: Uint8Array, hdu: FitsHduInfo): Pixels {
  const [pixels, rows] = hdu.shape;
  if (pixels > MAX_PIXELS)
    throw new FitsFormatError(`HDU 0 has ${pixels} pixels a row, over the limit of ${MAX_PIXELS} for a spectrum`);
  const data = readFitsHduData(buffer, hdu, { maxPixels: pixels * rows, precision: 'float64' });
  const row = (r: number) => data.subarray(r * pixels, (r + 1) * pixels);
  return {
    wavelength: Float64Array.from(row(2)),
    flux: Float32Array.from(row(0)),
    ivar: Float32Array.from(row(1)),
    mask: maskOf(rows > 3 ? row(3) : null, pixels),
  };
}

function readTable(buffer: Uint8Array, hdu: FitsHduInfo): Pixels {
  const layout = describeFitsTable(hdu, buffer.byteLength);
  const where = `HDU ${hdu.index} '${hdu.extname ?? ''}'`;
  if (layout.rows !== 1)
    throw new FitsFormatError(`${where} has ${layout.rows} rows; a LAMOST COADD table has one row of arrays`);
  const read = (name: string, required: boolean): Float64Array | null => {
    const info = findColumn(layout.columns, name);
    if (!info) {
      if (!required) return null;
      const names = layout.columns.map((c) => c.name).join(', ');
      throw new FitsFormatError(`${where} has columns ${names}; no ${name} column`);
    }
    if (info.repeat > MAX_PIXELS)
      throw new FitsFormatError(`${where} column ${name} holds ${info.repeat} values, over the limit of ${MAX_PIXELS}`);
    const { data } = readFitsColumn(buffer, layout, info, hdu.dataOffset);
    if (Array.isArray(data)) throw new FitsFormatError(`${where} column ${name} holds text, not numbers`);
    return Float64Array.from(data as ArrayLike<number | bigint>, Number);
  };
  const flux = read(TABLE_COLUMNS.flux, true)!;
  const columns = {
    wavelength: read(TABLE_COLUMNS.wavelength, true)!,
    ivar: read(TABLE_COLUMNS.ivar, true)!,
    mask: read(TABLE_COLUMNS.mask, false),
  };
  for (const [name, values] of Object.entries(columns)) {
    if (values && values.length !== flux.length)
      throw new FitsFormatError(`${where}: ${name.toUpperCase()} has ${values.length} values, FLUX ${flux.length}`);
  }
  return {
    wavelength: columns.wavelength,
    flux: Float32Array.from(flux),
    ivar: Float32Array.from(columns.ivar),
    mask: maskOf(columns.mask, flux.length),
  };
}

/** Reads the spectrum of a LAMOST file (see findLamostHdu for where it is). */
export function readLamostSpectrum(buffer: Uint8Array, hdus: FitsHduInfo[], hdu: FitsHduInfo): Spectrum1D {
  const header = hdus[0].header;
  const pixels = hdu.type === 'BINTABLE' ? readTable(buffer, hdu) : readImage(buffer, hdu);
  const z = numberCard(header, 'Z');
  const name = header.getString('DESIG')?.trim() || header.getString('OBJNAME')?.trim();
  return inWavelengthOrder({
    ...pixels,
    z: z !== null && z > NO_REDSHIFT_BELOW ? z : null,
    class: header.getString('CLASS')?.trim() || null,
    ra: numberCard(header, 'RA', 'RA_OBS'),
    dec: numberCard(header, 'DEC', 'DEC_OBS'),
    fluxUnit: (hdu.header.getString('BUNIT') ?? header.getString('BUNIT'))?.trim() || null,
    hdu: hdu.index,
    layout: 'lamost',
    ...mediumOf(header, { medium: 'vacuum', evidence: 'LAMOST spectra are in vacuum' }),
    ...(name ? { objectName: name } : {}),
  });
}

export const lamostFormat: SpectrumFormat = {
  layout: 'lamost',
  detect: findLamostHdu,
  open(buffer, hdus) {
    const hdu = findLamostHdu(hdus);
    if (!hdu) throw new FitsFormatError('no LAMOST spectrum (a 5-row primary image or a COADD table) in the file');
    return singleSpectrumFile(() => readLamostSpectrum(buffer, hdus, hdu));
  },
};
