// 2-D arrays of spectra against astropy-written fixtures (test/fixtures/archive-spectra/): a
// 2dfdr frame (10 fibres: program, sky, unused, unallocated, guide; VARIANCE; FIBRES with RA/DEC
// in radians), an échelle product with a WAVELENGTH image (orders joined), IRAF equispec, and a
// plain array that says CTYPE2 = 'FIBRE'; what is not such an array stays an image. Also the
// 1-D image variants (nm, µm, DC-FLAG, CD1_1, no CTYPE1) read by wcs-spectrum.ts.
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { encodeFitsImage } from '../../../../electron/core/formats/fits/writer.js';
import { openFibreArray } from '../../../../electron/core/formats/spectra/fibre-array-spectrum.js';
import { findFitsSpectrum, openFitsSpectra } from '../../../../electron/core/formats/spectra/fits-spectrum.js';
import { EXPECTED, FIXTURES, expectItems, fixture } from './multispec-expected.js';

const FIBRE_ARRAYS = Object.keys(EXPECTED).filter((n) => EXPECTED[n].layout === 'fibre-array');
const ONE_D = Object.keys(EXPECTED).filter((n) => EXPECTED[n].layout === 'wcs-image');

describe('fibre arrays', () => {
  it('are recognised as fibre-array by their flux image', () => {
    expect(FIBRE_ARRAYS.length).toBe(4);
    for (const name of FIBRE_ARRAYS)
      expect(findFitsSpectrum(listFitsHdus(fixture(name))), name).toMatchObject({
        layout: 'fibre-array',
        hdu: { index: 0 },
      });
  });

  it('reads every object row as astropy and the WCS say', () => {
    for (const name of FIBRE_ARRAYS) {
      const buffer = fixture(name);
      const file = openFibreArray(buffer, listFitsHdus(buffer));
      const truth = EXPECTED[name];
      expectItems(file, truth);
      truth.names.forEach((want, item) => expect(file.nameHint(item), `${name} ${item}`).toBe(want));
      if (truth.objects) truth.objects.forEach((want, item) => expect(file.isObject(item)).toBe(want));
    }
  });

  it('takes only program fibres of a 2dfdr frame as objects, named and placed from FIBRES', () => {
    const buffer = fixture('fibres-2df.fits');
    const file = openFibreArray(buffer, listFitsHdus(buffer));
    const objects = Array.from({ length: file.count }, (_, i) => i).filter((i) => file.isObject(i));
    expect(objects.map((i) => file.nameHint(i))).toEqual(['G12_J114', 'G12_J115', 'G12_J117', 'QSO J1130', 'G12_J120']);
    const s = file.spectrum(6);
    // RA 174 + 6/9 degrees, written in radians by 2dfdr.
    expect(s.ra).toBeCloseTo(174 + 6 / 9, 9);
    expect(s.objectName).toBe('QSO J1130');
    expect(s.medium).toBeUndefined();
    expect(file.spectrum(1).ivar![3]).toBe(0);
  });

  it('joins the orders of an échelle product into one spectrum', () => {
    const file = openFitsSpectra(fixture('fibres-echelle-wave.fits'));
    expect(file.count).toBe(1);
    const s = file.spectrum(0);
    expect(s).toMatchObject({ layout: 'fibre-array', objectName: 'HR 7950', medium: 'vacuum' });
    expect(s.wavelength[0]).toBe(3900);
  });

  it('leaves images alone: a cutout, an unlabelled 2-D array, one with RA/Dec axes', () => {
    const image = (cards: [string, string | number][]) =>
      listFitsHdus(encodeFitsImage({ bitpix: -32, shape: [64, 8], data: new Float32Array(512), cards }));
    const images = readdirSync(join(FIXTURES, '../fits-images')).filter((n) => /\.fits(\.fz)?$/.test(n));
    expect(images.length).toBeGreaterThan(10);
    for (const name of images)
      expect(findFitsSpectrum(listFitsHdus(fixture(`../fits-images/${name}`))), name).toBeNull();
    expect(findFitsSpectrum(image([]))).toBeNull();
    // A wavelength axis 1 without anything saying rows are spectra: left to the image reader (and its warning).
    expect(
      findFitsSpectrum(
        image([
          ['CTYPE1', 'WAVE'],
          ['CRVAL1', 4000],
          ['CDELT1', 1],
        ]),
      ),
    ).toBeNull();
    const sky: [string, string | number][] = [
      ['CTYPE1', 'RA---TAN'],
      ['CTYPE2', 'DEC--TAN'],
      ['CRVAL1', 150],
      ['CDELT1', -1e-4],
    ];
    expect(findFitsSpectrum(image(sky))).toBeNull();
    expect(
      findFitsSpectrum(
        image([
          ['CTYPE1', 'RA---TAN'],
          ['CTYPE2', 'FIBRE'],
          ['CRVAL1', 150],
          ['CDELT1', 1],
        ]),
      ),
    ).toBeNull();
    expect(
      findFitsSpectrum(
        image([
          ['CTYPE1', 'AWAV'],
          ['CTYPE2', 'FIBRE'],
          ['CRVAL1', 4000],
          ['CDELT1', 1],
        ]),
      ),
    ).toMatchObject({ layout: 'fibre-array' });
  });

  it('refuses a 2dfdr frame whose parts do not fit, saying what was found', () => {
    const whole = fixture('fibres-2df.fits');
    const cut = whole.subarray(0, 2880 * 2);
    expect(() => openFibreArray(cut, listFitsHdus(whole))).toThrow(
      /^the file is truncated: HDU 0 needs 6000 bytes, only 2880 are present$/,
    );
    // The FIBRES table made one row short (NAXIS2 10 → 9): it no longer describes the image's rows.
    const short = Buffer.from(whole);
    const naxis2 = short.indexOf('NAXIS2  =                   10', short.indexOf("XTENSION= 'BINTABLE'"));
    short.write('NAXIS2  =                    9', naxis2);
    expect(() => openFibreArray(short, listFitsHdus(short))).toThrow(
      "HDU 2 'FIBRES' has 9 fibres, the flux image 10 rows",
    );
    const noVariance = whole.subarray(0, 2880 * 4);
    expect(() => openFibreArray(noVariance, listFitsHdus(whole))).toThrow(
      /^the file is truncated: HDU 1 'VARIANCE' needs 6000 bytes, only 0 are present$/,
    );
  });
});

describe('1-D image spectra', () => {
  it('read wavelengths in nm, µm, log10 (DC-FLAG), from CD1_1, and without CTYPE1', () => {
    expect(ONE_D.length).toBe(5);
    for (const name of ONE_D) {
      const hdus = listFitsHdus(fixture(name));
      expect(findFitsSpectrum(hdus)?.layout, name).toBe('wcs-image');
      const file = findFitsSpectrum(hdus)!.format.open(fixture(name), hdus);
      expectItems(file, EXPECTED[name]);
    }
  });
});
