// IRAF multispec files against astropy-written fixtures (test/fixtures/archive-spectra/):
// linear, log-linear, Chebyshev (on a trimmed image, LTV1), Legendre (two weighted solutions),
// cubic and linear spline and pixel-array dispersions, each checked against numpy evaluating
// IRAF's formula; bands (flux from 'spectrum', ivar from 'sigma'), aperture titles, the
// échelle rule (orders joined into one spectrum), and refusals of damaged headers and data.
import { describe, expect, it } from 'vitest';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { encodeFitsImage, type FitsImageToWrite } from '../../../../electron/core/formats/fits/writer.js';
import { findFitsSpectrum, readFitsSpectrum } from '../../../../electron/core/formats/spectra/fits-spectrum.js';
import { openMultispec } from '../../../../electron/core/formats/spectra/multispec-spectrum.js';
import { watString } from '../../../../electron/core/formats/spectra/multispec-wat.js';
import { EXPECTED, expectItems, fixture } from './multispec-expected.js';

const MULTISPEC = Object.keys(EXPECTED).filter((n) => EXPECTED[n].layout === 'iraf-multispec');

describe('IRAF multispec files', () => {
  it('are recognised as iraf-multispec by their primary HDU', () => {
    expect(MULTISPEC.length).toBe(8);
    for (const name of MULTISPEC) {
      expect(findFitsSpectrum(listFitsHdus(fixture(name))), name).toMatchObject({
        layout: 'iraf-multispec',
        hdu: { index: 0 },
      });
    }
  });

  it('reads every aperture as astropy and the dispersion formulas say', () => {
    for (const name of MULTISPEC) {
      const buffer = fixture(name);
      const file = openMultispec(buffer, listFitsHdus(buffer));
      const truth = EXPECTED[name];
      expectItems(file, truth);
      truth.names.forEach((want, item) => expect(file.nameHint(item), `${name} ${item}`).toBe(want));
      for (let item = 0; item < file.count; item++) expect(file.isObject(item)).toBe(true);
    }
  });

  it('joins the WAT2 cards without losing the blank a card ended on', () => {
    const header = listFitsHdus(fixture('multispec-spline1.fits'))[0].header;
    // WAT2_001 ends in "4 4" and WAT2_002 begins " 1.0": IRAF's 68-character cards, one word each side.
    expect(watString(header, 2)).toContain('"1 1 2 6000.0 5.0 60 0.0 1.0 9.0 1.0 0.0 4 4 1.0 60.0 6000.0');
    expect(watString(header, 2)).toContain('"2 1 2 6400.0 3.5 60');
  });

  it('an échelle frame is one object: its orders joined, the shared 5181 Å pixel merged by ivar', () => {
    const buffer = fixture('multispec-echelle.fits');
    const file = openMultispec(buffer, listFitsHdus(buffer));
    expect(file.count).toBe(1);
    const s = file.spectrum(0);
    expect(s.wavelength.filter((w) => w === 5181).length).toBe(1);
    expect(s.wavelength.length).toBe(4 * 101 - 1);
    expect(s.layout).toBe('iraf-multispec');
  });

  it('converts air to vacuum on the way out, and says why it was air', () => {
    const s = readFitsSpectrum(fixture('multispec-linear.fits'), { item: 1 });
    expect(s).toMatchObject({ medium: 'air', convertedToVacuum: true, fluxUnit: 'erg/cm2/s/A' });
    expect(s.mediumEvidence).toBe('IRAF dispersion solutions are in air unless AIRORVAC says otherwise');
    // 4010 Å in air, Doppler-corrected by 1.0005, is ~1.13 Å redder in vacuum.
    expect(s.wavelength[0] - 4010 / 1.0005).toBeCloseTo(1.1331, 3);
    expect(readFitsSpectrum(fixture('multispec-log.fits')).mediumEvidence).toBe("AIRORVAC = 'vac'");
  });

  it('does not claim SDSS, DESI or image files', () => {
    for (const path of [
      '../fits-tables/spec-0266-51602-0001.fits',
      '../desi/coadd-fixture.fits',
      '../fits-images/mef3.fits',
    ]) {
      const hdus = listFitsHdus(fixture(path));
      expect(findFitsSpectrum(hdus)?.layout ?? null, path).not.toBe('iraf-multispec');
    }
  });
});

/** A one-aperture multispec frame written by the project's FITS writer, with `spec1` as given. */
function frame(spec1: string, cards: FitsImageToWrite['cards'] = [], rows = 1): Uint8Array {
  const wat = `wtype=multispec spec1 = "${spec1}"`;
  const wat2: [string, string][] = [];
  for (let i = 0; i < wat.length; i += 68)
    wat2.push([`WAT2_${String(i / 68 + 1).padStart(3, '0')}`, wat.slice(i, i + 68)]);
  return encodeFitsImage({
    bitpix: -32,
    shape: rows === 1 ? [20] : [20, rows],
    data: Float32Array.from({ length: 20 * rows }, (_, i) => 1 + i),
    // The first of two equal keywords wins: `cards` replace the defaults after them.
    cards: [
      ...(cards ?? []),
      ['CTYPE1', 'MULTISPE'],
      ['WAT0_001', 'system=multispec'],
      ['WAT1_001', 'wtype=multispec label=Wavelength units=angstroms'],
      ...wat2,
    ],
  });
}

const read = (buffer: Uint8Array, item = 0) => openMultispec(buffer, listFitsHdus(buffer)).spectrum(item);

describe('IRAF multispec refusals', () => {
  it('refuses what it cannot evaluate, naming the aperture and what to do', () => {
    expect(() => read(frame('1 1 -1 1 1 20 0 1 2'))).toThrow(
      'aperture 1 has no dispersion solution (dtype -1): calibrate it in wavelength first',
    );
    expect(() => read(frame('1 1 2 5000 1 20 0 1 2 1 0 6 2 0 1 5000 20 5019'))).toThrow(
      'aperture 1 uses a sampled-array dispersion function (type 6), which is not supported',
    );
    expect(() => read(frame('1 1 2 5000 1 20 0 1 2 1 0 1 4 1 20 5000 10'))).toThrow(
      "aperture 1's Chebyshev function needs 4 more fields, the attribute has 2 (it is cut short)",
    );
    expect(() => read(frame('1 1 0 5000 1'))).toThrow('multispec attribute spec1 has 5 fields, not the 9');
    expect(() => read(frame('1 1 0 5000 1 20 0 1 2', [['WAT1_001', 'wtype=multispec units=furlongs']]))).toThrow(
      "the multispec WCS gives wavelengths in 'furlongs', not a wavelength unit Serendip knows",
    );
    expect(() => read(frame('1 1 0 5000 1 20 0 1 2', [], 2), 1)).toThrow(
      'image line 2 has no spec2 attribute in the multispec WCS',
    );
  });

  it('reads a nonlinear aperture the writer made, and refuses the file cut short', () => {
    const buffer = frame('1 1 2 5000 1 20 0 1 2 1 0 2 2 1 20 5009.5 9.5');
    const s = read(buffer);
    expect(s.wavelength[0]).toBeCloseTo(5000, 9);
    expect(s.wavelength[19]).toBeCloseTo(5019, 9);
    expect(Array.from(s.flux.slice(0, 3))).toEqual([1, 2, 3]);
    const cut = buffer.subarray(0, buffer.length - 2880);
    expect(() => openMultispec(cut, listFitsHdus(cut))).toThrow(/^the file is truncated: HDU 0 needs 80 bytes, only 0/);
  });
});
