// Which FITS files hold spectra, and reading them whatever the layout. Each layout
// (SPECTRUM_FORMATS, the one list, most specific first) says from the headers alone whether
// a file is its kind; the first that does reads it. A file no layout claims is left to the
// image reader, so image files behave exactly as they did before spectra. Every spectrum
// leaves here in vacuum wavelengths when the file says which medium it used (air-vacuum.ts).
import { FitsFormatError } from '../fits/header.js';
import { type FitsHduInfo, listFitsHdus } from '../fits/hdu-list.js';
import { toVacuum } from './air-vacuum.js';
import { deep2Format } from './deep2-spectrum.js';
import { desiCoaddFormat, desiExposureFormat } from './desi-spectrum.js';
import { fibreArrayFormat } from './fibre-array-spectrum.js';
import { hstX1dFormat } from './hst-x1d-spectrum.js';
import { lamostFormat } from './lamost-spectrum.js';
import { multispecFormat } from './multispec-spectrum.js';
import { sdssTableFormat } from './sdss-spectrum.js';
import type { SpectrumFile, SpectrumFormat } from './spectrum-file.js';
import type { Spectrum1D, SpectrumLayout } from './spectrum.js';
import { tableFormat } from './table-spectrum.js';
import { wcsImageFormat } from './wcs-spectrum.js';

/** The FITS spectrum layouts, tried in this order: a file is read by the first that claims it. */
export const SPECTRUM_FORMATS: readonly SpectrumFormat[] = [
  desiCoaddFormat,
  desiExposureFormat,
  hstX1dFormat,
  deep2Format,
  lamostFormat,
  multispecFormat,
  fibreArrayFormat,
  sdssTableFormat,
  tableFormat,
  wcsImageFormat,
];

export interface FitsSpectrumSource {
  layout: SpectrumLayout;
  /** The HDU that marks the layout (the flux table or image, or a DESI arm's image): what objects.hdu records. */
  hdu: FitsHduInfo;
  format: SpectrumFormat;
}

/** Where the spectra of a FITS file are, or null when the file holds none. */
export function findFitsSpectrum(hdus: FitsHduInfo[]): FitsSpectrumSource | null {
  if (hdus.length === 0) return null;
  for (const format of SPECTRUM_FORMATS) {
    const hdu = format.detect(hdus);
    if (hdu) return { layout: format.layout, hdu, format };
  }
  return null;
}

/** The spectra of a FITS file, each read in vacuum wavelengths where the file says its medium. */
export function openFitsSpectra(buffer: Uint8Array, hdus: FitsHduInfo[] = listFitsHdus(buffer)): SpectrumFile {
  const source = findFitsSpectrum(hdus);
  if (!source)
    throw new FitsFormatError(
      'no spectrum in the file: no table with flux and wavelength columns, and no 1-D image with a wavelength WCS',
    );
  const file = source.format.open(buffer, hdus);
  return { ...file, spectrum: (item) => toVacuum(file.spectrum(item)) };
}

export interface ReadFitsSpectrumOptions {
  /** The file's HDU list when the caller has walked it already. */
  hdus?: FitsHduInfo[];
  /** Which spectrum of a file of many (objects.item_index); default 0. */
  item?: number;
}

/** Reads one spectrum of a FITS file held in memory; FitsFormatError when it holds none. */
export function readFitsSpectrum(buffer: Uint8Array, options: ReadFitsSpectrumOptions = {}): Spectrum1D {
  return openFitsSpectra(buffer, options.hdus).spectrum(options.item ?? 0);
}
