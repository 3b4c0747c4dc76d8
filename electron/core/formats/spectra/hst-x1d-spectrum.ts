// HST COS and STIS x1d files: a primary HDU naming the target (TELESCOP = 'HST', INSTRUME,
// TARGNAME, RA_TARG, DEC_TARG) and an 'SCI' table with one row per COS detector segment (FUVA,
// FUVB; NUVA/B/C) or STIS échelle order (SPORDER), each row's cells holding WAVELENGTH (Å),
// FLUX, ERROR and DQ arrays (and NET, GROSS, BACKGROUND, …). All rows are joined into one
// spectrum; pixels past NELEM or with wavelength 0 are padding (COS pads its unused pixels
// with zeros) and are left out. A pixel is bad when its DQ has a bit of the SCI header's
// SDQFLAGS, the flags the HST pipeline itself counts as serious (any DQ bit when the card is
// absent). Only the first SCI table is read (a file of several holds repeat exposures).
// HST wavelengths are in vacuum.
import { FitsFormatError } from '../fits/header.js';
import type { FitsHduInfo } from '../fits/hdu-list.js';
import { describeFitsTable, findColumn } from '../fits/table.js';
import { type SpectrumFormat, singleSpectrumFile } from './spectrum-file.js';
import { type Spectrum1D, inWavelengthOrder } from './spectrum.js';
import { type SpectrumPart, joinParts } from './spectrum-join.js';
import { checkWidth, ivarFromError, numericColumn, readRow, readRowNumbers } from './table-columns.js';
import { headerColumns } from './table-description.js';

/** The SCI table of an HST x1d file, or null. */
export function findHstX1dHdu(hdus: FitsHduInfo[]): FitsHduInfo | null {
  if (hdus[0]?.header.getString('TELESCOP')?.trim().toUpperCase() !== 'HST') return null;
  return (
    hdus.find((hdu) => {
      const columns = headerColumns(hdu);
      return (
        hdu.extname?.trim().toUpperCase() === 'SCI' &&
        columns !== null &&
        findColumn(columns, 'WAVELENGTH') &&
        findColumn(columns, 'FLUX')
      );
    }) ?? null
  );
}

/** Reads every segment or order of the SCI table, joined. */
export function readHstX1dSpectrum(buffer: Uint8Array, hdus: FitsHduInfo[]): Spectrum1D {
  const sci = findHstX1dHdu(hdus);
  if (!sci) throw new FitsFormatError("no HST x1d 'SCI' table with WAVELENGTH and FLUX columns in the file");
  const table = describeFitsTable(sci, buffer.byteLength);
  const where = `HDU ${sci.index} 'SCI'`;
  if (table.rows < 1) throw new FitsFormatError(`${where} has no rows`);
  const required = (name: string) => {
    const c = numericColumn(table.columns, [name]);
    if (!c) throw new FitsFormatError(`${where} has no ${name} column`);
    return c;
  };
  const flux = required('FLUX');
  const arrays = [required('WAVELENGTH'), required('ERROR'), numericColumn(table.columns, ['DQ'])];
  for (const c of arrays) if (c) checkWidth(c, flux);
  const [wavelength, error, dq] = arrays;
  const nelem = numericColumn(table.columns, ['NELEM']);
  const label = findColumn(table.columns, 'SEGMENT') ?? findColumn(table.columns, 'SPORDER');
  const sdqCard = sci.header.get('SDQFLAGS');
  // Without SDQFLAGS every DQ bit counts as serious.
  const serious = typeof sdqCard === 'number' && Number.isInteger(sdqCard) ? sdqCard >>> 0 : 0xffffffff;
  const cell = (column: typeof flux, row: number) => readRowNumbers(buffer, table, column, sci.dataOffset, row);

  const parts: SpectrumPart[] = [];
  for (let row = 0; row < table.rows; row++) {
    const name = label
      ? `${label.name} ${String(readRow(buffer, table, label, sci.dataOffset, row).data[0]).trim()}`
      : `row ${row}`;
    const pixels = nelem ? Number(cell(nelem, row)[0]) : flux.repeat;
    if (!(Number.isInteger(pixels) && pixels >= 0 && pixels <= flux.repeat))
      throw new FitsFormatError(`${where} ${name} has NELEM ${pixels}, its arrays hold ${flux.repeat}`);
    const bits = dq ? cell(dq, row) : null;
    parts.push({
      name,
      pixels,
      wavelength: cell(wavelength!, row),
      flux: cell(flux, row),
      ivar: ivarFromError(cell(error!, row)),
      mask: bits ? Uint32Array.from(bits, (v) => (v >>> 0) & serious) : new Uint32Array(flux.repeat),
    });
  }
  const primary = hdus[0].header;
  const number = (key: string) => {
    const v = primary.get(key);
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const spectrum: Spectrum1D = {
    ...joinParts(parts),
    z: null,
    class: null,
    ra: number('RA_TARG'),
    dec: number('DEC_TARG'),
    fluxUnit: flux.unit,
    hdu: sci.index,
    layout: 'hst-x1d',
    medium: 'vacuum',
    mediumEvidence: 'HST spectra are in vacuum',
  };
  const target = primary.getString('TARGNAME')?.trim();
  if (target) spectrum.objectName = target;
  return inWavelengthOrder(spectrum);
}

export const hstX1dFormat: SpectrumFormat = {
  layout: 'hst-x1d',
  detect: findHstX1dHdu,
  open: (buffer, hdus) => singleSpectrumFile(() => readHstX1dSpectrum(buffer, hdus)),
};
