// The HST x1d reader against astropy-written fixtures: COS FUVA/FUVB segments (a gap between
// them, zero-padded past NELEM) and four overlapping STIS échelle orders; ivar from ERROR,
// DQ masked by the SCI header's SDQFLAGS; damaged variants.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { findFitsSpectrum, readFitsSpectrum } from '../../../../electron/core/formats/spectra/fits-spectrum.js';
import { hstX1dFormat, readHstX1dSpectrum } from '../../../../electron/core/formats/spectra/hst-x1d-spectrum.js';
import { expectItem, expectedTables, fixture } from '../../../fixtures/archive-spectra/table-expected.js';

const FILES = ['table-hst-cos-x1d.fits', 'table-hst-stis-x1d.fits'];

/** The file with `from` replaced by `to` (same length) in its headers. */
function patched(name: string, from: string, to: string): Buffer {
  const buffer = Buffer.from(fixture(name));
  const at = buffer.indexOf(from, 0, 'latin1');
  expect(at).toBeGreaterThan(0);
  buffer.write(to.padEnd(from.length), at, 'latin1');
  return buffer;
}

describe('HST x1d files', () => {
  it.each(FILES)('recognises %s by its SCI table', (name) => {
    expect(findFitsSpectrum(listFitsHdus(fixture(name)))).toMatchObject({
      layout: 'hst-x1d',
      hdu: { index: 1, extname: 'SCI' },
    });
  });

  it.each(FILES)('joins every row of %s as the fixture says, vacuum, named by TARGNAME', (name) => {
    const buffer = fixture(name);
    const s = readFitsSpectrum(buffer);
    expectItem(s, expectedTables[name], 0);
    expect(s.layout).toBe('hst-x1d');
    expect(s.convertedToVacuum).toBeUndefined();
  });

  it('leaves out the COS padding past NELEM and keeps the gap between segments', () => {
    const s = readHstX1dSpectrum(fixture(FILES[0]), listFitsHdus(fixture(FILES[0])));
    expect(s.wavelength.length).toBe(150 + 120);
    expect(s.wavelength[0]).toBe(1140);
    expect(s.wavelength[120] - s.wavelength[119]).toBeGreaterThan(40);
  });

  it('masks DQ bits in SDQFLAGS only; every DQ bit without the card', () => {
    const name = FILES[0];
    const withCard = readFitsSpectrum(fixture(name));
    // DQ 4 (not in SDQFLAGS 8346) is good with the card, bad without.
    expect(Array.from(withCard.mask).filter((m) => m === 4)).toEqual([]);
    const without = readFitsSpectrum(patched(name, 'SDQFLAGS=', 'SDQFLAGX='));
    expect(Array.from(without.mask).filter((m) => m === 4).length).toBe(4);
  });

  it('refuses NELEM past the arrays, a missing ERROR column and a truncated SCI table', () => {
    const name = FILES[0];
    const buffer = fixture(name);
    const sci = listFitsHdus(buffer)[1];
    expect(() => readFitsSpectrum(patched(name, "TTYPE5  = 'ERROR", "TTYPE5  = 'ERRXR"))).toThrow(
      "HDU 1 'SCI' has no ERROR column",
    );
    expect(() => readFitsSpectrum(buffer.subarray(0, sci.dataOffset + 100))).toThrow(
      /the file is truncated: HDU 1 'SCI' needs \d+ bytes of table, only 100 are present/,
    );
    const hugeNelem = Buffer.from(buffer);
    // Row 0's NELEM (4 bytes after the 4-character SEGMENT), big-endian.
    hugeNelem.writeInt32BE(999, sci.dataOffset + 4);
    expect(() => readFitsSpectrum(hugeNelem)).toThrow("HDU 1 'SCI' SEGMENT FUVA has NELEM 999, its arrays hold 170");
  });

  it('is not claimed for files without TELESCOP = HST, nor for SDSS or DESI files', () => {
    expect(findFitsSpectrum(listFitsHdus(patched(FILES[1], "TELESCOP= 'HST", "TELESCOP= 'XST")))?.layout).toBe('table');
    for (const path of ['fits-tables/spec-0266-51602-0001.fits', 'desi/coadd-fixture.fits']) {
      const other = readFileSync(join(import.meta.dirname, '../../../fixtures', path));
      expect(hstX1dFormat.detect(listFitsHdus(other))).toBeNull();
    }
  });
});
