// DEEP2/DEIMOS spec1d files (`spec1d.MASK.SLIT.OBJNO.fits`): an empty primary HDU whose cards
// name the object (OBJNO, SLITNO, MASK), then one-row tables of array cells (SPEC, LAMBDA,
// IVAR, BITMASK, ORMASK, …) holding the blue and red halves of the spectrum (DEIMOS disperses
// each slit over two CCDs), once per extraction: 'Bxspf-B-<slit>'/'Bxspf-R-<slit>' (the
// pipeline's profile-weighted boxcar) and then 'Horne-B-…'/'Horne-R-…'. The first pair in the
// file is read, its halves joined into one spectrum. The mask is BITMASK, the flags set in
// every exposure (as SDSS's and_mask); ORMASK flags a pixel bad in any one exposure, which
// the inverse variance already weighs. DEIMOS wavelengths are in air.
import { FitsFormatError } from '../fits/header.js';
import type { FitsHduInfo } from '../fits/hdu-list.js';
import { describeFitsTable, findColumn } from '../fits/table.js';
import { type SpectrumFormat, singleSpectrumFile } from './spectrum-file.js';
import { type Spectrum1D, inWavelengthOrder } from './spectrum.js';
import { type SpectrumPart, joinParts } from './spectrum-join.js';
import { checkWidth, numericColumn, readRowNumbers } from './table-columns.js';
import { headerColumns } from './table-description.js';

/** EXTNAME of one half: extraction, arm (B or R), slit name. */
const HALF_NAME = /^([A-Za-z]+)-([BR])-(.*)$/;

function halfName(hdu: FitsHduInfo): RegExpExecArray | null {
  return hdu.extname ? HALF_NAME.exec(hdu.extname.trim()) : null;
}

/** The first half of a DEEP2 spec1d file: a table named like 'Bxspf-B-017' with SPEC and LAMBDA columns. */
export function findDeep2Hdu(hdus: FitsHduInfo[]): FitsHduInfo | null {
  return (
    hdus.find((hdu) => {
      const columns = headerColumns(hdu);
      return halfName(hdu) !== null && columns !== null && findColumn(columns, 'SPEC') && findColumn(columns, 'LAMBDA');
    }) ?? null
  );
}

function readHalf(buffer: Uint8Array, hdu: FitsHduInfo): SpectrumPart & { unit: string | null } {
  const table = describeFitsTable(hdu, buffer.byteLength);
  const where = `HDU ${hdu.index} '${hdu.extname}'`;
  if (table.rows < 1) throw new FitsFormatError(`${where} has no rows`);
  const column = (name: string, required: boolean) => {
    const c = numericColumn(table.columns, [name]);
    if (!c && required) throw new FitsFormatError(`${where} has no ${name} column`);
    return c;
  };
  const spec = column('SPEC', true)!;
  const read = (name: string, required: boolean) => {
    const c = column(name, required);
    if (!c) return null;
    checkWidth(c, spec);
    return readRowNumbers(buffer, table, c, hdu.dataOffset, 0);
  };
  const wavelength = read('LAMBDA', true)!;
  return {
    name: hdu.extname!,
    wavelength,
    flux: read('SPEC', true)!,
    ivar: read('IVAR', true)!,
    mask: read('BITMASK', false) ?? new Uint32Array(wavelength.length),
    unit: spec.unit,
  };
}

/** Reads the first extraction's blue and red halves joined. */
export function readDeep2Spectrum(buffer: Uint8Array, hdus: FitsHduInfo[]): Spectrum1D {
  const first = findDeep2Hdu(hdus);
  const match = first && halfName(first);
  if (!first || !match) throw new FitsFormatError("no DEEP2 spec1d half (a table like 'Bxspf-B-…') in the file");
  const [, extraction, , slit] = match;
  const named = (arm: string) => {
    const want = `${extraction}-${arm}-${slit}`.toUpperCase();
    const hdu = hdus.find((h) => h.extname?.trim().toUpperCase() === want);
    if (!hdu)
      throw new FitsFormatError(
        `the DEEP2 spec1d file has no '${extraction}-${arm}-${slit}' half (the file may be truncated)`,
      );
    return hdu;
  };
  const blue = named('B');
  const halves = [readHalf(buffer, blue), readHalf(buffer, named('R'))];
  const primary = hdus[0].header;
  const number = (key: string) => {
    const v = primary.get(key);
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const objno = primary.get('OBJNO');
  const spectrum: Spectrum1D = {
    ...joinParts(halves),
    z: null,
    class: null,
    ra: number('RA'),
    dec: number('DEC'),
    fluxUnit: halves[0].unit,
    hdu: blue.index,
    layout: 'deep2-spec1d',
    medium: 'air',
    mediumEvidence: 'DEEP2 DEIMOS spectra are in air',
  };
  if (objno !== undefined && String(objno).trim()) spectrum.objectName = String(objno).trim();
  return inWavelengthOrder(spectrum);
}

export const deep2Format: SpectrumFormat = {
  layout: 'deep2-spec1d',
  detect: findDeep2Hdu,
  open: (buffer, hdus) => singleSpectrumFile(() => readDeep2Spectrum(buffer, hdus)),
};
