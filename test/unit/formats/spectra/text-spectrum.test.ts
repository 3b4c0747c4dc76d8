import { describe, expect, it } from 'vitest';
import {
  columnsFromHeader,
  parseTextSpectrum,
  whyNotTextSpectrum,
} from '../../../../electron/core/formats/spectra/text-spectrum.js';

describe('columnsFromHeader', () => {
  it('finds wavelength, flux, error and ivar by name, case-insensitively and ignoring units', () => {
    expect(columnsFromHeader(['Wavelength (A)', 'FLUX [1e-17 erg/s/cm2/A]', 'Err'])).toMatchObject({
      wavelength: 0,
      flux: 1,
      error: 2,
      ivar: -1,
      logWavelength: false,
    });
    expect(columnsFromHeader(['ivar', 'loglam', 'flux'])).toMatchObject({
      wavelength: 1,
      flux: 2,
      error: -1,
      ivar: 0,
      logWavelength: true,
    });
    expect(columnsFromHeader(['lambda', 'flux', 'sigma'])).toMatchObject({ wavelength: 0, flux: 1, error: 2 });
    expect(columnsFromHeader(['name', 'ra', 'dec'])).toBeNull();
  });
});

describe('parseTextSpectrum', () => {
  it('reads a CSV with a header: wavelengths, fluxes, and ivar = 1/error²', () => {
    const s = parseTextSpectrum('wavelength,flux,error\n4000,1.5,0.5\n4001,2.5,0.25\n4002,nan,0\n');
    expect(Array.from(s.wavelength)).toEqual([4000, 4001, 4002]);
    expect(Array.from(s.flux)).toEqual([1.5, 2.5, NaN]);
    expect(Array.from(s.ivar!)).toEqual([4, 16, 0]);
    expect(s).toMatchObject({ layout: 'text-table', z: null, class: null, ra: null, dec: null, fluxUnit: null });
    expect(Array.from(s.mask)).toEqual([0, 0, 0]);
  });

  it('reads whitespace columns with a commented header and stated z, class and position', () => {
    const text =
      '# made by a pipeline\n# z = 0.0512\n# class: GALAXY\n# ra = 150.25\n# dec = -2.5\n' +
      '# loglam flux ivar\n3.6 10 4\n3.7 11 -1\n';
    const s = parseTextSpectrum(text);
    expect(s.wavelength[0]).toBeCloseTo(10 ** 3.6, 9);
    expect(s.wavelength[1]).toBeCloseTo(10 ** 3.7, 9);
    expect(Array.from(s.flux)).toEqual([10, 11]);
    expect(Array.from(s.ivar!)).toEqual([4, 0]);
    expect(s).toMatchObject({ z: 0.0512, class: 'GALAXY', ra: 150.25, dec: -2.5 });
  });

  it('reads two or three unnamed columns (TSV), and puts a red-to-blue table in increasing order', () => {
    const s = parseTextSpectrum('5002\t3\t1\n5001\t2\t2\n5000\t1\t4\n');
    expect(Array.from(s.wavelength)).toEqual([5000, 5001, 5002]);
    expect(Array.from(s.flux)).toEqual([1, 2, 3]);
    expect(Array.from(s.ivar!)).toEqual([1 / 16, 1 / 4, 1]);
    expect(parseTextSpectrum('5000 1\n5001 2\n').ivar).toBeNull();
    expect(parseTextSpectrum('wave flux(Jy)\n5000 1\n5001 2\n').fluxUnit).toBe('Jy');
  });

  it('refuses what it cannot read, saying where and why', () => {
    expect(() => parseTextSpectrum('name,ra,dec\na,1,2\n')).toThrow(/names no wavelength and flux/);
    expect(() => parseTextSpectrum('4000 1 2 3\n')).toThrow(/2 or 3 columns/);
    expect(() => parseTextSpectrum('4000 1\n4001 abc\n')).toThrow(/line 2: 'abc' is not a number/);
    expect(() => parseTextSpectrum('4000 1\n3999 1\n4001 1\n')).toThrow(/not monotonic/);
    expect(() => parseTextSpectrum('# nothing\n')).toThrow(/no rows/);
    expect(() => parseTextSpectrum('4000,1\n4001,2\n', { requireHeader: true })).toThrow(/no header/);
  });
});

describe('whyNotTextSpectrum', () => {
  it('accepts spectrum tables, passes over notes and catalogs, and ignores a cut last line', () => {
    expect(whyNotTextSpectrum('wave,flux\n4000,1\n4001,2\n4002,3\n40', true)).toBeNull();
    expect(whyNotTextSpectrum('not an image\n', false)).toMatch(/names no wavelength/);
    expect(whyNotTextSpectrum('name,ra,dec\ngal-a,1,2\n', true)).not.toBeNull();
    expect(whyNotTextSpectrum('1,2\n3,4\n5,6\n', true)).toMatch(/no header/);
    expect(whyNotTextSpectrum('4000 1\n', false)).toMatch(/only 1 row\b/);
  });
});

describe('text spectra: units and medium', () => {
  it('scales the wavelength by its bracketed unit and refuses one that is not a length', () => {
    const s = parseTextSpectrum('wavelength [nm], flux\n500, 1\n501, 2\n');
    expect(Array.from(s.wavelength)).toEqual([5000, 5010]);
    expect(Array.from(parseTextSpectrum('wave(um) flux\n1.5 1\n1.6 2\n').wavelength)).toEqual([15000, 16000]);
    expect(() => parseTextSpectrum('wavelength [Hz], flux\n500, 1\n501, 2\n')).toThrow(/'Hz' is not a wavelength unit/);
  });

  it('takes the medium from a "# medium" line or the column name, and the object name', () => {
    const stated = parseTextSpectrum('# medium = air\n# object = NGC1068\nwave flux\n6562.8 1\n6563.8 2\n');
    expect(stated).toMatchObject({
      medium: 'air',
      mediumEvidence: 'the table says medium = air',
      objectName: 'NGC1068',
    });
    expect(parseTextSpectrum('wave_vac flux\n6562.8 1\n6563.8 2\n')).toMatchObject({ medium: 'vacuum' });
    expect(parseTextSpectrum('wavelength (air), flux\n6562.8, 1\n6563.8, 2\n')).toMatchObject({ medium: 'air' });
    expect(parseTextSpectrum('wave flux\n6562.8 1\n6563.8 2\n').medium).toBeUndefined();
  });
});
