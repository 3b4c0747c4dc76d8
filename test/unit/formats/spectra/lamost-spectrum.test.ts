// LAMOST low-resolution spectra in both archive layouts against astropy-written fixtures
// (test/fixtures/archive-spectra/make_desi_lamost.py): DR1–DR7's 5-row primary image and DR8+'s
// one-row COADD table, which the sdss-coadd layout would otherwise take for an SDSS file.
import { type ExpectedSpectrum, readExpectedSpectra } from '../../../helpers/archive-spectra-fixtures.js';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { findFitsSpectrum, readFitsSpectrum } from '../../../../electron/core/formats/spectra/fits-spectrum.js';
import { lamostFormat } from '../../../../electron/core/formats/spectra/lamost-spectrum.js';
import { sdssTableFormat } from '../../../../electron/core/formats/spectra/sdss-spectrum.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures');
const DIR = join(FIXTURES, 'archive-spectra');

const expected = readExpectedSpectra<{ lamost: { dr5: ExpectedSpectrum; dr9: ExpectedSpectrum } }>(
  'expected-desi-lamost.json',
);
const read = (name: string) => readFileSync(join(DIR, name));

/** The file with the header card `key` of the HDU at `dataOffset` rewritten to `value`. */
function withCard(buffer: Buffer, dataOffset: number, key: string, value: string): Buffer {
  const copy = Buffer.from(buffer);
  const at = copy
    .subarray(0, dataOffset)
    .toString('latin1')
    .lastIndexOf(`${key.padEnd(8)}= `);
  copy.write(`${key.padEnd(8)}= ${value.padStart(20)}`.padEnd(80), at, 'latin1');
  return copy;
}

describe('LAMOST spectra', () => {
  for (const release of ['dr5', 'dr9'] as const) {
    const truth = expected.lamost[release];
    it(`${release}: is recognised as lamost and reads as astropy does, in vacuum, named by DESIG`, () => {
      const buffer = read(truth.file);
      expect(findFitsSpectrum(listFitsHdus(buffer))).toMatchObject({ layout: 'lamost', hdu: { index: truth.hdu } });
      const s = readFitsSpectrum(buffer);
      expect(s).toMatchObject({
        layout: 'lamost',
        hdu: truth.hdu,
        z: truth.z,
        class: truth.cls,
        ra: truth.ra,
        dec: truth.dec,
        objectName: truth.objectName,
        medium: 'vacuum',
        mediumEvidence: 'VACUUM = T',
      });
      expect(Array.from(s.wavelength)).toEqual(truth.wavelength);
      expect(Array.from(s.flux)).toEqual(truth.flux);
      expect(Array.from(s.ivar!)).toEqual(truth.ivar);
      expect(Array.from(s.mask)).toEqual(truth.mask);
      expect(s.mask.filter((m) => m !== 0)).toHaveLength(4);
    });
  }

  it('claims only LAMOST files: not SDSS, DESI or other 2-D images; and sdss-coadd would have taken DR9', () => {
    const dr9 = listFitsHdus(read(expected.lamost.dr9.file));
    expect(sdssTableFormat.detect(dr9)).not.toBeNull();
    for (const other of [
      'fits-tables/spec-0266-51602-0001.fits',
      'desi/coadd-fixture.fits',
      'archive-spectra/sdss-lite-spec-0266-51602-0001.fits',
      'fits-images/mef3.fits',
    ])
      expect(lamostFormat.detect(listFitsHdus(readFileSync(join(FIXTURES, other)))), other).toBeNull();
  });

  it('reads a spectrum with Z = -9999 (no redshift) as having none, and vacuum without a VACUUM card', () => {
    const buffer = read(expected.lamost.dr5.file);
    const dataOffset = listFitsHdus(buffer)[0].dataOffset;
    const noZ = withCard(buffer, dataOffset, 'Z', '-9999.0');
    expect(readFitsSpectrum(noZ).z).toBeNull();
    const noVacuum = withCard(buffer, dataOffset, 'VACUUM', "'?'");
    expect(readFitsSpectrum(noVacuum)).toMatchObject({
      medium: 'vacuum',
      mediumEvidence: 'LAMOST spectra are in vacuum',
    });
  });

  it('refuses truncated data, a table without WAVELENGTH, and arrays of other lengths', () => {
    const dr5 = read(expected.lamost.dr5.file);
    const hdu0 = listFitsHdus(dr5)[0];
    expect(() => readFitsSpectrum(dr5.subarray(0, hdu0.dataOffset + 100))).toThrow(
      /truncated: HDU 0 needs 2400 bytes of pixels, only 100 are present/,
    );
    const dr9 = read(expected.lamost.dr9.file);
    const coadd = listFitsHdus(dr9)[1];
    const renamed = Buffer.from(dr9.toString('latin1').replace("'WAVELENGTH'", "'WAVES     '"), 'latin1');
    // Without a WAVELENGTH column it is no LAMOST file, and the generic table layout refuses it, naming what it found.
    expect(findFitsSpectrum(listFitsHdus(renamed))?.layout).toBe('table');
    expect(() => readFitsSpectrum(renamed)).toThrow(
      /HDU 1 is a table of 1 rows? of 120-element arrays, .*none named as wavelength/,
    );
    const noIvar = Buffer.from(dr9.toString('latin1').replace("'IVAR    '", "'NOPE    '"), 'latin1');
    expect(() => readFitsSpectrum(noIvar)).toThrow(
      /HDU 1 'COADD' has columns FLUX, NOPE, WAVELENGTH, ANDMASK, ORMASK, NORMALIZATION; no IVAR column/,
    );
    // The row keeps its width: IVAR one value shorter, WAVELENGTH one longer.
    const shifted = withCard(withCard(dr9, coadd.dataOffset, 'TFORM2', "'119E'"), coadd.dataOffset, 'TFORM3', "'121E'");
    expect(() => readFitsSpectrum(shifted)).toThrow(/HDU 1 'COADD': WAVELENGTH has 121 values, FLUX 120/);
  });
});
