// Which FITS files hold a spectrum, and reading it whatever the layout. A file is a spectrum
// when its primary HDU holds no data and a table has flux and wavelength columns (SDSS and
// similar), or when its first data HDU is a 1-D image with a wavelength WCS, or when it has
// DESI arm images (B_FLUX, …: a coadd of many fibres, item i being fibre i). Anything else
// is left to the image reader, so image files behave exactly as they did before spectra.
import { FitsFormatError } from '../fits/header.js';
import { type FitsHduInfo, listFitsHdus } from '../fits/hdu-list.js';
import { findDesiCoaddHdu, openDesiCoadd } from './desi-spectrum.js';
import { findSdssCoaddHdu, readSdssSpectrum } from './sdss-spectrum.js';
import type { Spectrum1D, SpectrumLayout } from './spectrum.js';
import { findWcsSpectrumHdu, readWcsSpectrum } from './wcs-spectrum.js';

export interface FitsSpectrumSource {
  layout: SpectrumLayout;
  /** The HDU with the flux: the COADD-like table, the 1-D image, or a DESI arm's image. */
  hdu: FitsHduInfo;
}

/** Where the spectrum of a FITS file is, or null when the file is not a spectrum. */
export function findFitsSpectrum(hdus: FitsHduInfo[]): FitsSpectrumSource | null {
  if (hdus.length === 0) return null;
  const desi = findDesiCoaddHdu(hdus);
  if (desi) return { layout: 'desi-coadd', hdu: desi };
  if (hdus[0].dataBytes === 0) {
    const table = findSdssCoaddHdu(hdus);
    if (table) return { layout: 'sdss-coadd', hdu: table };
  }
  const image = findWcsSpectrumHdu(hdus);
  return image ? { layout: 'wcs-image', hdu: image } : null;
}

export interface ReadFitsSpectrumOptions {
  /** The file's HDU list when the caller has walked it already. */
  hdus?: FitsHduInfo[];
  /** The HDU that must hold the flux (as recorded at ingest); default: found as findFitsSpectrum does. */
  hdu?: number;
  /**
   * Which spectrum of a file of many (a DESI coadd's fibre, objects.item_index); default 0. Other layouts hold item 0
   * only.
   */
  item?: number;
}

/** Reads the spectrum of a FITS file held in memory; FitsFormatError when it holds none. */
export function readFitsSpectrum(buffer: Uint8Array, options: ReadFitsSpectrumOptions = {}): Spectrum1D {
  const hdus = options.hdus ?? listFitsHdus(buffer);
  let source = findFitsSpectrum(hdus);
  if (options.hdu !== undefined && source?.hdu.index !== options.hdu) {
    const hdu = hdus[options.hdu];
    if (!hdu) throw new FitsFormatError(`the file has no HDU ${options.hdu} (it has ${hdus.length})`);
    source = { layout: hdu.type === 'BINTABLE' ? 'sdss-coadd' : 'wcs-image', hdu };
  }
  if (!source)
    throw new FitsFormatError(
      'no spectrum in the file: no table with flux and wavelength columns, and no 1-D image with a wavelength WCS',
    );
  const item = options.item ?? 0;
  if (source.layout === 'desi-coadd') return openDesiCoadd(buffer, hdus).spectrum(item);
  if (item !== 0) throw new FitsFormatError(`the file holds one spectrum, not item ${item}`);
  return source.layout === 'sdss-coadd'
    ? readSdssSpectrum(buffer, hdus, source.hdu)
    : readWcsSpectrum(buffer, source.hdu);
}
