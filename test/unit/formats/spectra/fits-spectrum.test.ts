// Spectrum readers against astropy-written fixtures (test/fixtures/fits-tables/): an SDSS
// spec-PLATE-MJD-FIBER file and 1-D images with log-linear and linear wavelength WCS.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { findFitsSpectrum, readFitsSpectrum } from '../../../../electron/core/formats/spectra/fits-spectrum.js';
import { findSdssCoaddHdu, readSdssSpectrum } from '../../../../electron/core/formats/spectra/sdss-spectrum.js';
import { encodeFitsImage, formatCard } from '../../../../electron/core/formats/fits/writer.js';
import { isGoodPixel } from '../../../../electron/core/formats/spectra/spectrum.js';
import { encodeBinTable, encodeSdssSpec } from '../../../fixtures/spectra/sdss-spec-fixture.js';
import { encodeEmptyPrimary } from '../../../helpers/fits-fixtures.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/fits-tables');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<
  string,
  Record<string, (number | string)[] | number | string>
>;
const numbers = (values: unknown) => (values as (number | string)[]).map((v) => (v === 'NaN' ? NaN : Number(v)));

function expectClose(ours: ArrayLike<number>, theirs: number[], relative: number): void {
  expect(ours.length).toBe(theirs.length);
  for (let i = 0; i < theirs.length; i++) {
    if (Number.isNaN(theirs[i])) expect(Number.isNaN(ours[i]), `pixel ${i}`).toBe(true);
    else expect(Math.abs(ours[i] - theirs[i]), `pixel ${i}`).toBeLessThanOrEqual(relative * Math.abs(theirs[i]));
  }
}

describe('SDSS spec files', () => {
  const name = 'spec-0266-51602-0001.fits';
  const buffer = readFileSync(join(FIXTURES, name));
  const truth = expected[name];

  it('finds the COADD table and reads flux, wavelength, ivar and and_mask as astropy does', () => {
    expect(findFitsSpectrum(listFitsHdus(buffer))).toMatchObject({
      layout: 'sdss-coadd',
      hdu: { index: 1, extname: 'COADD' },
    });
    const s = readFitsSpectrum(buffer);
    expect(s).toMatchObject({ layout: 'sdss-coadd', hdu: 1, fluxUnit: '1E-17 erg/cm^2/s/Ang' });
    expect(Array.from(s.flux)).toEqual(numbers(truth.flux));
    expect(Array.from(s.ivar!)).toEqual(numbers(truth.ivar));
    expect(Array.from(s.mask)).toEqual(numbers(truth.and_mask));
    // 10^loglam in double precision: libm and V8 may differ in the last bit.
    expectClose(s.wavelength, numbers(truth.wavelength), 1e-15);
  });

  it('takes Z, CLASS and the plug position from SPECOBJ', () => {
    const s = readSdssSpectrum(buffer);
    expect(s.z).toBe(truth.z);
    expect(s.class).toBe(truth.class);
    expect(s.ra).toBe(truth.ra);
    expect(s.dec).toBe(truth.dec);
  });

  it('marks zero-ivar and masked pixels bad, the rest good', () => {
    const s = readSdssSpectrum(buffer);
    const bad = Array.from(s.flux, (_, i) => i).filter((i) => !isGoodPixel(s, i));
    expect(bad).toEqual([10, 11, 12, 40, 41]);
  });
});

describe('SDSS-like tables written otherwise', () => {
  it('reads a table with a linear wavelength column and no ivar or mask, and falls back on header positions', () => {
    const buffer = Buffer.concat([
      encodeEmptyPrimary([formatCard('RA', 12.5), formatCard('DEC', -45)]),
      encodeBinTable('SPECTRUM', 3, [
        { name: 'WAVELENGTH', format: 'D', values: [5000, 5001, 5002] },
        { name: 'FLUX', format: 'E', values: [1, 2, 3] },
      ]),
    ]);
    const s = readFitsSpectrum(buffer);
    expect(s).toMatchObject({ layout: 'sdss-coadd', hdu: 1, ivar: null, z: null, class: null, ra: 12.5, dec: -45 });
    expect(Array.from(s.wavelength)).toEqual([5000, 5001, 5002]);
    expect(Array.from(s.mask)).toEqual([0, 0, 0]);
  });

  it('reads one row of vector columns as one spectrum, and leaves a table of many to the generic table layout', () => {
    const table = (rows: number) =>
      Buffer.concat([
        encodeEmptyPrimary(),
        encodeBinTable('COADD', rows, [
          {
            name: 'loglam',
            format: 'D',
            repeat: 4,
            values: Array.from({ length: 4 * rows }, (_, i) => 3.6 + 1e-4 * (i % 4)),
          },
          { name: 'flux', format: 'E', repeat: 4, values: Array.from({ length: 4 * rows }, (_, i) => i) },
        ]),
      ]);
    expect(Array.from(readFitsSpectrum(table(1)).flux)).toEqual([0, 1, 2, 3]);
    const many = listFitsHdus(table(3));
    expect(findSdssCoaddHdu(many)).toBeNull();
    expect(() => readSdssSpectrum(table(3), many, many[1])).toThrow(
      "table 'COADD' holds 3 spectra of 4 pixels; Serendip reads files of one spectrum",
    );
    // Rows of array cells are several objects: the generic table layout reads them, row by row.
    expect(readFitsSpectrum(table(3), { item: 2 })).toMatchObject({ layout: 'table', hdu: 1 });
    expect(Array.from(readFitsSpectrum(table(3), { item: 2 }).flux)).toEqual([8, 9, 10, 11]);
  });

  it('refuses a truncated COADD table, and leaves a table after a primary image to the generic table layout', () => {
    const whole = encodeSdssSpec({ pixels: 2000 });
    expect(() => readFitsSpectrum(whole.subarray(0, 2 * 2880 + 1000))).toThrow(
      /truncated: HDU 1 'COADD' needs 64000 bytes of table, only 1000 are present/,
    );
    const withImage = Buffer.concat([
      encodeFitsImage({ shape: [2, 2], bitpix: 8, data: [1, 2, 3, 4] }),
      whole.subarray(2880),
    ]);
    // Not the SDSS layout (its primary is empty), but a table of flux and loglam all the same.
    expect(findFitsSpectrum(listFitsHdus(withImage))).toMatchObject({ layout: 'table', hdu: { extname: 'COADD' } });
  });
});

describe('1-D image spectra with a wavelength WCS', () => {
  it.each(['spectrum-loglinear.fits', 'spectrum-linear.fits'])(
    '%s: wavelengths from the WCS, flux as stored',
    (name) => {
      const buffer = readFileSync(join(FIXTURES, name));
      const truth = expected[name];
      const s = readFitsSpectrum(buffer);
      expect(s).toMatchObject({ layout: 'wcs-image', hdu: 0, ivar: null, z: 0.05, ra: 10.5, dec: -20.25, class: null });
      expectClose(s.wavelength, numbers(truth.wavelength), 1e-14);
      expect(Array.from(s.flux)).toEqual(numbers(truth.flux));
      expect(isGoodPixel(s, 7)).toBe(false);
      expect(isGoodPixel(s, 8)).toBe(true);
    },
  );

  it('puts red-to-blue spectra in increasing order, and converts nm to Å', () => {
    const buffer = encodeFitsImage({
      shape: [4, 1],
      bitpix: -32,
      data: [1, 2, 3, 4],
      cards: [
        ['CTYPE1', 'WAVE'],
        ['CUNIT1', 'nm'],
        ['CRVAL1', 700],
        ['CDELT1', -100],
        ['CRPIX1', 1],
      ],
    });
    const s = readFitsSpectrum(buffer);
    expect(Array.from(s.wavelength)).toEqual([4000, 5000, 6000, 7000]);
    expect(Array.from(s.flux)).toEqual([4, 3, 2, 1]);
  });

  it('leaves images, sky-axis 1-D data and frequency axes to the image reader', () => {
    const image = encodeFitsImage({
      shape: [4, 4],
      bitpix: -32,
      data: new Float32Array(16),
      cards: [
        ['CRVAL1', 10],
        ['CDELT1', 1],
      ],
    });
    const sky = encodeFitsImage({
      shape: [4],
      bitpix: -32,
      data: [1, 2, 3, 4],
      cards: [
        ['CTYPE1', 'RA---TAN'],
        ['CRVAL1', 10],
        ['CDELT1', 1],
      ],
    });
    const frequency = encodeFitsImage({
      shape: [4],
      bitpix: -32,
      data: [1, 2, 3, 4],
      cards: [
        ['CTYPE1', 'FREQ'],
        ['CRVAL1', 1e9],
        ['CDELT1', 1e6],
      ],
    });
    const bare = encodeFitsImage({ shape: [4], bitpix: -32, data: [1, 2, 3, 4] });
    for (const buffer of [image, sky, frequency, bare]) expect(findFitsSpectrum(listFitsHdus(buffer))).toBeNull();
    expect(() => readFitsSpectrum(bare)).toThrow(/no spectrum in the file/);
  });

  it('refuses a wavelength axis that is not monotonic', () => {
    const buffer = encodeFitsImage({
      shape: [3],
      bitpix: -32,
      data: [1, 2, 3],
      cards: [
        ['CRVAL1', 5000],
        ['CDELT1', 0.0],
      ],
    });
    expect(findFitsSpectrum(listFitsHdus(buffer))).toBeNull();
    const log = encodeFitsImage({
      shape: [3],
      bitpix: -32,
      data: [1, 2, 3],
      cards: [
        ['CRVAL1', 3.6],
        ['CDELT1', 400],
        ['DC-FLAG', 1],
      ],
    });
    expect(() => readFitsSpectrum(log)).toThrow(/not a positive number/);
  });
});
