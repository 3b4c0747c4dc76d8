// Writes a demo spectrum the way SDSS writes spec-PLATE-MJD-FIBER.fits: an empty primary HDU
// whose header says where the fibre was plugged and how the grid is laid out, HDU 1 'COADD'
// (flux, loglam, ivar, and_mask, or_mask, wdisp, sky per pixel) and HDU 2 'SPECOBJ' (one row:
// the pipeline's redshift and class). The header also says plainly that the data are synthetic.
import type { BinTableCard, BinTableToWrite } from '../../formats/fits/table-writer.js';
import { encodeFitsTables } from '../../formats/fits/table-writer.js';
import type { RenderedSpectrum } from './render-spectrum.js';
import { LOGLAM_STEP } from './spectral-grid.js';
import type { SpectrumPlan } from './spectrum-types.js';

export const FLUX_UNIT = '1E-17 erg/s/cm^2/Ang';
const IVAR_UNIT = '1E+34 (erg/s/cm^2/Ang)^-2';

/** SDSS's specObjID bit layout: plate, fibre, MJD − 50000 and the 2D reduction's version. */
export function specObjId(plate: number, mjd: number, fiber: number): bigint {
  const run2d = 700n; // v5_7_0: (N − 5)·10000 + M·100 + P
  return (BigInt(plate) << 50n) | (BigInt(fiber) << 38n) | (BigInt(mjd - 50000) << 24n) | (run2d << 10n);
}

function primaryCards(plan: SpectrumPlan, spectrum: RenderedSpectrum): BinTableCard[] {
  return [
    ['TELESCOP', 'SDSS 2.5-M', 'Sloan Digital Sky Survey (synthetic demo)'],
    ['ORIGIN', 'Serendip demo', 'synthetic: not real observations'],
    ['FLAVOR', 'science', 'exposure type'],
    ['PLATEID', plan.plate, 'plate ID'],
    ['MJD', plan.mjd, 'modified Julian date of the observation'],
    ['FIBERID', plan.fiber, 'fibre number'],
    ['PLUG_RA', plan.ra, '[deg] RA of the fibre'],
    ['PLUG_DEC', plan.dec, '[deg] Dec of the fibre'],
    ['RADEG', plan.plateRa, '[deg] RA of the plate centre'],
    ['DECDEG', plan.plateDec, '[deg] Dec of the plate centre'],
    ['AIRMASS', Math.round((1 + 0.35 * spectrum.instrument.depth) * 1000) / 1000],
    ['EXPTIME', 900 * 4, '[s] total exposure time'],
    ['NEXP', 4, 'number of exposures combined'],
    ['VACUUM', true, 'wavelengths are in vacuum'],
    ['COEFF0', Math.round(spectrum.grid.loglam[0] * 1e4) / 1e4, 'log10 lambda [Ang] of the first pixel'],
    ['COEFF1', LOGLAM_STEP, 'log10 lambda step per pixel'],
    ['BUNIT', FLUX_UNIT, 'flux unit'],
    ['RUN2D', 'v5_7_0', '2D reduction version'],
  ];
}

function coadd(spectrum: RenderedSpectrum): BinTableToWrite {
  const { observed, grid } = spectrum;
  return {
    extname: 'COADD',
    columns: [
      { name: 'flux', form: 'E', unit: FLUX_UNIT, data: observed.flux },
      { name: 'loglam', form: 'E', unit: 'log10(Angstroms)', data: grid.loglam },
      { name: 'ivar', form: 'E', unit: IVAR_UNIT, data: observed.ivar },
      { name: 'and_mask', form: 'J', data: observed.andMask },
      { name: 'or_mask', form: 'J', data: observed.orMask },
      { name: 'wdisp', form: 'E', unit: 'pixels', data: observed.wdisp },
      { name: 'sky', form: 'E', unit: FLUX_UNIT, data: observed.sky },
    ],
  };
}

function specObj(plan: SpectrumPlan, spectrum: RenderedSpectrum): BinTableToWrite {
  const vdisp = Math.round(spectrum.source.vdisp * 10) / 10;
  return {
    extname: 'SPECOBJ',
    columns: [
      { name: 'PLATE', form: 'J', data: [plan.plate] },
      { name: 'MJD', form: 'J', data: [plan.mjd] },
      { name: 'FIBERID', form: 'J', data: [plan.fiber] },
      { name: 'SPECOBJID', form: 'K', data: BigInt64Array.of(specObjId(plan.plate, plan.mjd, plan.fiber)) },
      { name: 'PLUG_RA', form: 'D', unit: 'deg', data: [plan.ra] },
      { name: 'PLUG_DEC', form: 'D', unit: 'deg', data: [plan.dec] },
      { name: 'CLASS', form: 'A', repeat: 6, data: [plan.class] },
      { name: 'SUBCLASS', form: 'A', repeat: 21, data: [plan.starSubclass || spectrum.source.subclass] },
      { name: 'Z', form: 'E', data: [spectrum.zPipeline] },
      { name: 'Z_ERR', form: 'E', data: [spectrum.zErr] },
      { name: 'ZWARNING', form: 'J', data: [0] },
      { name: 'VDISP', form: 'E', unit: 'km/s', data: [vdisp] },
      { name: 'SN_MEDIAN_ALL', form: 'E', data: [spectrum.observed.snMedian] },
    ],
  };
}

/** The FITS file's bytes. */
export function encodeSpecFile(plan: SpectrumPlan, spectrum: RenderedSpectrum): Buffer {
  return encodeFitsTables(primaryCards(plan, spectrum), [coadd(spectrum), specObj(plan, spectrum)]);
}
