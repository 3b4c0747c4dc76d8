// The DESI coadd reader against an astropy-written fixture (test/fixtures/desi/): 4 fibres
// (3 targets, 1 sky), B/R/Z arms of 55 pixels where B and R share 5 pixels and Z interleaves
// with R, a masked run, merged overlap pixels, and a REDSHIFTS table in another order.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { findFitsSpectrum, readFitsSpectrum } from '../../../../electron/core/formats/spectra/fits-spectrum.js';
import { openDesiSpectra } from '../../../../electron/core/formats/spectra/desi-spectrum.js';
import { planArmJoin } from '../../../../electron/core/formats/spectra/spectrum-join.js';
import { isGoodPixel } from '../../../../electron/core/formats/spectra/spectrum.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/desi');
const buffer = readFileSync(join(FIXTURES, 'coadd-fixture.fits'));
interface ExpectedFibre {
  targetid: string;
  ra: number;
  dec: number;
  objtype: string;
  z: number | null;
  class: string | null;
  wavelength: number[];
  flux: number[];
  ivar: number[];
  mask: number[];
}
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
  fibres: ExpectedFibre[];
  fluxHdu: number;
  fluxUnit: string;
};

describe('DESI coadd files', () => {
  it('is recognised as a DESI coadd, by its first arm', () => {
    expect(findFitsSpectrum(listFitsHdus(buffer))).toMatchObject({
      layout: 'desi-coadd',
      hdu: { index: expected.fluxHdu, extname: 'B_FLUX' },
    });
  });

  it("joins every fibre's arms and takes its metadata as the fixture says", () => {
    const coadd = openDesiSpectra(buffer, listFitsHdus(buffer));
    expect(coadd.fibres).toBe(expected.fibres.length);
    expected.fibres.forEach((truth, fibre) => {
      const s = coadd.spectrum(fibre);
      expect(coadd.targetId(fibre)).toBe(truth.targetid);
      expect(coadd.isTarget(fibre)).toBe(truth.objtype === 'TGT');
      expect(s).toMatchObject({
        z: truth.z,
        class: truth.class,
        ra: truth.ra,
        dec: truth.dec,
        hdu: expected.fluxHdu,
        layout: 'desi-coadd',
        fluxUnit: expected.fluxUnit,
      });
      expect(Array.from(s.wavelength)).toEqual(truth.wavelength);
      expect(Array.from(s.flux)).toEqual(truth.flux);
      expect(Array.from(s.ivar!)).toEqual(truth.ivar);
      expect(Array.from(s.mask)).toEqual(truth.mask);
      for (let i = 1; i < s.wavelength.length; i++) expect(s.wavelength[i]).toBeGreaterThan(s.wavelength[i - 1]);
    });
  });

  it('marks the masked run and the overlap pixel bad in both arms, and keeps the one good in R', () => {
    const coadd = openDesiSpectra(buffer, listFitsHdus(buffer));
    const bad = (fibre: number) => {
      const s = coadd.spectrum(fibre);
      return Array.from(s.flux, (_, i) => i)
        .filter((i) => !isGoodPixel(s, i))
        .map((i) => s.wavelength[i]);
    };
    expect(bad(0)).toEqual([5680]);
    expect(bad(1)).toEqual([4000, 4040, 4080, 4120, 4160, 4200]);
    expect(bad(2)).toEqual([]);
  });

  it('reads one fibre by item index, and refuses a fibre the file does not have', () => {
    const s = readFitsSpectrum(buffer, { item: 2 });
    expect(Array.from(s.flux)).toEqual(expected.fibres[2].flux);
    expect(() => readFitsSpectrum(buffer, { item: 4 })).toThrow(/4 fibres, not a fibre 4/);
  });

  it("says the file is truncated when an arm's data or HDUs are cut off", () => {
    const hdus = listFitsHdus(buffer);
    const rFlux = hdus.find((h) => h.extname === 'R_FLUX')!;
    const cut = buffer.subarray(0, rFlux.dataOffset + 100);
    expect(() => readFitsSpectrum(cut)).toThrow(/truncated: HDU \d+ 'R_FLUX' needs \d+ bytes, only 100/);
    const zWave = hdus.find((h) => h.extname === 'Z_WAVELENGTH')!;
    const noZ = buffer.subarray(0, zWave.dataOffset - 2880);
    expect(() => readFitsSpectrum(noZ)).toThrow(/arms B, R but not Z \(the file may be truncated\)/);
  });

  it('merges pixels at one wavelength and interleaves the rest', () => {
    const plan = planArmJoin([
      { name: 'B', wavelength: Float64Array.of(1, 2, 3) },
      { name: 'R', wavelength: Float64Array.of(2.5, 3, 4) },
    ]);
    expect(Array.from(plan.wavelength)).toEqual([1, 2, 2.5, 3, 4]);
    expect(Array.from(plan.groupStart)).toEqual([0, 1, 2, 3, 5, 6]);
    expect(() => planArmJoin([{ name: 'B', wavelength: Float64Array.of(1, NaN) }])).toThrow(
      /arm B's wavelength 1 is NaN/,
    );
  });
});
