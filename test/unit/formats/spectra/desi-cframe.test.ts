// DESI per-camera calibrated frames (cframe-CAMERA-EXPID.fits) against an astropy-written
// fixture (make_desi_cframe.py): the primary HDU is the FLUX image, the arm's HDUs carry no
// camera prefix, the exposure is the header's EXPID card, and the MASK is uint32 with BZERO.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { findFitsSpectrum, openFitsSpectra } from '../../../../electron/core/formats/spectra/fits-spectrum.js';
import { ARCHIVE_SPECTRA, readExpectedSpectra } from '../../../helpers/archive-spectra-fixtures.js';
import { withCard } from '../../../helpers/damage.js';

const expected = readExpectedSpectra<{
  file: string;
  wavelength: number[];
  fibres: { name: string; object: boolean; flux: number[]; ivar: number[]; mask: number[] }[];
}>('expected-desi-cframe.json');
const buffer = readFileSync(join(ARCHIVE_SPECTRA, expected.file));

describe('DESI cframe files', () => {
  it('are read as per-exposure spectra, by their unprefixed FLUX, IVAR, MASK and WAVELENGTH', () => {
    expect(findFitsSpectrum(listFitsHdus(buffer))).toMatchObject({ layout: 'desi-exposure', hdu: { index: 0 } });
    const file = openFitsSpectra(buffer);
    expect(file.count).toBe(expected.fibres.length);
    expected.fibres.forEach((truth, fibre) => {
      expect(file.isObject(fibre), truth.name).toBe(truth.object);
      expect(file.nameHint(fibre)).toBe(truth.name);
      const s = file.spectrum(fibre);
      expect(Array.from(s.wavelength)).toEqual(expected.wavelength);
      expect(Array.from(s.flux)).toEqual(truth.flux);
      expect(Array.from(s.ivar!)).toEqual(truth.ivar);
      expect(Array.from(s.mask)).toEqual(truth.mask);
      expect(s).toMatchObject({ layout: 'desi-exposure', medium: 'vacuum', hdu: 0 });
    });
  });

  it('is not claimed without a FIBERMAP of TARGETIDs, and needs an EXPID', () => {
    const noTargets = Buffer.from(buffer.toString('latin1').replace("'TARGETID'", "'OTHERID '"), 'latin1');
    expect(findFitsSpectrum(listFitsHdus(noTargets))).toBeNull();
    const noExpid = withCard(buffer, 'EXPID', "'none'", 0);
    expect(() => openFitsSpectra(noExpid)).toThrow(/no EXPID, in its FIBERMAP or its primary header/);
  });
});
