// The DEEP2 spec1d reader against an astropy-written fixture (table-deep2-spec1d.fits): the
// Bxspf blue and red halves joined (they overlap, interleaved), the Horne pair ignored,
// BITMASK as the mask (ORMASK not), air wavelengths, OBJNO as the name; damaged variants.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { findFitsSpectrum, readFitsSpectrum } from '../../../../electron/core/formats/spectra/fits-spectrum.js';
import { deep2Format, readDeep2Spectrum } from '../../../../electron/core/formats/spectra/deep2-spectrum.js';
import { airToVacuum } from '../../../../electron/core/formats/spectra/air-vacuum.js';
import { isGoodPixel } from '../../../../electron/core/formats/spectra/spectrum.js';
import { expectItem, expectedTables, fixture } from '../../../fixtures/archive-spectra/table-expected.js';

const NAME = 'table-deep2-spec1d.fits';
const buffer = fixture(NAME);
const hdus = listFitsHdus(buffer);
const truth = expectedTables[NAME];

describe('DEEP2 spec1d files', () => {
  it('is recognised by its first half, Bxspf-B', () => {
    expect(findFitsSpectrum(hdus)).toMatchObject({
      layout: 'deep2-spec1d',
      hdu: { index: 1, extname: 'Bxspf-B-017' },
    });
  });

  it('joins the Bxspf halves in air wavelengths as the fixture says, masking BITMASK only', () => {
    const s = readDeep2Spectrum(buffer, hdus);
    expectItem(s, truth, 0);
    expect(s.layout).toBe('deep2-spec1d');
    const bad = Array.from(s.flux, (_, i) => i).filter((i) => !isGoodPixel(s, i));
    // BITMASK at blue pixels 20-22 and zero ivar at red pixel 50 (after blue's 100 and the 5 interleaved).
    expect(bad.map((i) => s.wavelength[i])).toEqual([
      truth.items[0].wavelength[20],
      truth.items[0].wavelength[21],
      truth.items[0].wavelength[22],
      truth.items[0].wavelength[bad[3]],
    ]);
    expect(s.ivar![bad[3]]).toBe(0);
  });

  it('converts the air wavelengths to vacuum when read through the registry', () => {
    const s = readFitsSpectrum(buffer);
    expect(s.convertedToVacuum).toBe(true);
    expect(s.wavelength[0]).toBe(airToVacuum(truth.items[0].wavelength[0]));
  });

  it('refuses a file cut before its red half, naming it', () => {
    const red = hdus.find((h) => h.extname === 'Bxspf-R-017')!;
    const cut = buffer.subarray(0, red.dataOffset - 2880 * 2);
    expect(() => deep2Format.open(cut, listFitsHdus(cut)).spectrum(0)).toThrow(
      "the DEEP2 spec1d file has no 'Bxspf-R-017' half (the file may be truncated)",
    );
    const inData = buffer.subarray(0, red.dataOffset + 100);
    expect(() => readFitsSpectrum(inData)).toThrow(
      /the file is truncated: HDU 2 'Bxspf-R-017' needs \d+ bytes of table, only 100 are present/,
    );
  });

  it('refuses a half without IVAR', () => {
    const damaged = Buffer.from(buffer);
    const at = damaged.indexOf("TTYPE3  = 'IVAR    '", 0, 'latin1');
    damaged.write("TTYPE3  = 'IVARX   '", at, 'latin1');
    expect(() => readFitsSpectrum(damaged)).toThrow("HDU 1 'Bxspf-B-017' has no IVAR column");
  });

  it('is not claimed by the DEEP2 detector for SDSS or DESI files', () => {
    for (const path of ['fits-tables/spec-0266-51602-0001.fits', 'desi/coadd-fixture.fits']) {
      const other = readFileSync(join(import.meta.dirname, '../../../fixtures', path));
      expect(deep2Format.detect(listFitsHdus(other))).toBeNull();
    }
  });
});
