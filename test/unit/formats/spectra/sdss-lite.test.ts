// SDSS spec-lite files (spec-*.fits without the per-exposure HDUs: empty primary, COADD,
// SPECOBJ, SPZLINE) and BOSS-era ones whose results table is 'SPALL', against astropy-written
// fixtures (test/fixtures/archive-spectra/make_desi_lamost.py): read by the sdss-coadd layout.
import { type ExpectedSpectrum, readExpectedSpectra } from '../../../helpers/archive-spectra-fixtures.js';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { findFitsSpectrum, readFitsSpectrum } from '../../../../electron/core/formats/spectra/fits-spectrum.js';

const DIR = join(import.meta.dirname, '../../../fixtures/archive-spectra');

const expected = readExpectedSpectra<{ sdssLite: ExpectedSpectrum[] }>('expected-desi-lamost.json');

describe('SDSS spec-lite files', () => {
  it('has a DR8-style lite file and a BOSS one with SPALL', () => {
    expect(expected.sdssLite.map((e) => e.file)).toEqual([
      expect.stringMatching(/^sdss-lite-spec-0266/),
      expect.stringMatching(/-boss\.fits$/),
    ]);
  });

  for (const truth of expected.sdssLite) {
    it(`${truth.file}: reads COADD and its results table as astropy does`, () => {
      const buffer = readFileSync(join(DIR, truth.file));
      expect(findFitsSpectrum(listFitsHdus(buffer))).toMatchObject({
        layout: 'sdss-coadd',
        hdu: { index: truth.hdu, extname: 'COADD' },
      });
      const s = readFitsSpectrum(buffer);
      expect(s).toMatchObject({
        layout: 'sdss-coadd',
        z: truth.z,
        class: truth.cls,
        ra: truth.ra,
        dec: truth.dec,
        medium: 'vacuum',
      });
      // 10^loglam in float64 from float32 loglam, as numpy computes it.
      Array.from(s.wavelength).forEach((w, i) => expect(w).toBeCloseTo(truth.wavelength[i], 9));
      expect(Array.from(s.flux)).toEqual(truth.flux);
      expect(Array.from(s.ivar!)).toEqual(truth.ivar);
      expect(Array.from(s.mask)).toEqual(truth.mask);
      expect(s.mask.filter((m) => m !== 0)).toHaveLength(3);
    });
  }
});
