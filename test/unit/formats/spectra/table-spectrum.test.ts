// The generic binary-table spectrum reader against astropy-written fixtures
// (test/fixtures/archive-spectra/table-*.fits): one row per pixel in nm with an error column,
// one row of array cells with WAVE_AIR, three rows of arrays as three objects, and a table of
// flux arrays without wavelengths (refused with what it holds).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { findFitsSpectrum, readFitsSpectrum } from '../../../../electron/core/formats/spectra/fits-spectrum.js';
import { openTableSpectra, tableFormat } from '../../../../electron/core/formats/spectra/table-spectrum.js';
import { describeTableLayout } from '../../../../electron/core/formats/spectra/table-description.js';
import { airToVacuum } from '../../../../electron/core/formats/spectra/air-vacuum.js';
import { expectItem, expectedTables, fixture } from '../../../fixtures/archive-spectra/table-expected.js';

const open = (name: string) => {
  const buffer = fixture(name);
  return openTableSpectra(buffer, listFitsHdus(buffer));
};

/** The file with `from` replaced by `to` (same length) in its headers. */
function patched(name: string, from: string, to: string): Buffer {
  const buffer = Buffer.from(fixture(name));
  expect(to.length).toBe(from.length);
  const at = buffer.indexOf(from, 0, 'latin1');
  expect(at).toBeGreaterThan(0);
  buffer.write(to, at, 'latin1');
  return buffer;
}

describe('generic table spectra', () => {
  it.each(['table-generic-rows.fits', 'table-generic-array.fits', 'table-multi-row.fits'])(
    'recognises %s as a table spectrum',
    (name) => {
      expect(findFitsSpectrum(listFitsHdus(fixture(name)))).toMatchObject({ layout: 'table', hdu: { index: 1 } });
    },
  );

  it('reads one row per pixel: nm to Å, ivar from the error column (0 where it is ≤ 0 or NaN), QUALITY as mask', () => {
    const file = open('table-generic-rows.fits');
    expect(file.count).toBe(1);
    expect(file.nameHint(0)).toBeNull();
    const s = file.spectrum(0);
    expectItem(s, expectedTables['table-generic-rows.fits'], 0);
    expect(Array.from(s.ivar!.subarray(7, 10))).toEqual([0, 0, 0]);
    expect(s.wavelength[0]).toBe(4200);
  });

  it('reads one row of array cells, its facts from the row and its medium from the column name', () => {
    const file = open('table-generic-array.fits');
    expect(file.count).toBe(1);
    expectItem(file.spectrum(0), expectedTables['table-generic-array.fits'], 0);
    const vacuum = readFitsSpectrum(fixture('table-generic-array.fits'));
    expect(vacuum.convertedToVacuum).toBe(true);
    expect(vacuum.wavelength[0]).toBe(airToVacuum(5000));
  });

  it('reads rows of array cells as one object each, named by the NAME column, saying nothing of the medium', () => {
    const file = open('table-multi-row.fits');
    const truth = expectedTables['table-multi-row.fits'];
    expect(file.count).toBe(3);
    truth.items.forEach((item, row) => {
      expect(file.isObject(row)).toBe(true);
      expect(file.nameHint(row)).toBe(item.objectName);
      expectItem(file.spectrum(row), truth, row);
    });
    expect(readFitsSpectrum(fixture('table-multi-row.fits'), { item: 2 }).objectName).toBe(truth.items[2].objectName);
    expect(() => file.spectrum(3)).toThrow('the file holds 3 spectra, not item 3');
  });

  it('refuses a table of flux arrays without wavelengths, saying what it holds', () => {
    const buffer = fixture('table-no-wavelength.fits');
    const hdus = listFitsHdus(buffer);
    expect(findFitsSpectrum(hdus)).toMatchObject({ layout: 'table' });
    expect(describeTableLayout(hdus[1])).toBe('a table of 4 rows of 64-element arrays, columns FLUX, IVAR, LOGLAM0');
    expect(() => readFitsSpectrum(buffer)).toThrow(expectedTables['table-no-wavelength.fits'].refusal!);
  });

  it('describes a table of scalar columns by its rows and columns', () => {
    const hdus = listFitsHdus(fixture('table-generic-rows.fits'));
    expect(describeTableLayout(hdus[1])).toBe('a table of 120 rows, columns WAVELENGTH, F_LAMBDA, ERR, QUALITY');
  });

  it('refuses a wavelength unit it does not know, naming the column and card to fix', () => {
    const buffer = patched('table-generic-rows.fits', "TUNIT1  = 'nm      '", "TUNIT1  = 'pc      '");
    expect(() => readFitsSpectrum(buffer)).toThrow(
      "column 'WAVELENGTH' is in 'pc', not a wavelength unit Serendip knows: set TUNIT1 to Angstrom, nm or um",
    );
  });

  it('says the file is truncated when the table data is cut short', () => {
    const buffer = fixture('table-multi-row.fits');
    const hdu = listFitsHdus(buffer)[1];
    expect(() => readFitsSpectrum(buffer.subarray(0, hdu.dataOffset + 500))).toThrow(
      /the file is truncated: HDU 1 'SPECTRA' needs \d+ bytes of table, only 500 are present/,
    );
  });

  it('refuses an error column whose cells are not the size of the flux cells', () => {
    const buffer = patched('table-generic-array.fits', "TFORM8  = '150E    '", "TFORM8  = '149E    '");
    expect(() => readFitsSpectrum(buffer)).toThrow("column 'IVAR' holds 149 values a row, column 'FLUX' 150");
  });

  it('leaves SDSS, DESI, DEEP2 and HST files to their own layouts', () => {
    const sdss = readFileSync(join(import.meta.dirname, '../../../fixtures/fits-tables/spec-0266-51602-0001.fits'));
    const desi = readFileSync(join(import.meta.dirname, '../../../fixtures/desi/coadd-fixture.fits'));
    expect(findFitsSpectrum(listFitsHdus(sdss))?.layout).toBe('sdss-coadd');
    expect(findFitsSpectrum(listFitsHdus(desi))?.layout).toBe('desi-coadd');
    expect(tableFormat.detect(listFitsHdus(desi))).toBeNull();
    expect(findFitsSpectrum(listFitsHdus(fixture('table-deep2-spec1d.fits')))?.layout).toBe('deep2-spec1d');
    expect(findFitsSpectrum(listFitsHdus(fixture('table-hst-cos-x1d.fits')))?.layout).toBe('hst-x1d');
  });
});
