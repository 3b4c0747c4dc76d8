// One 1-D spectrum as the readers hand it over: columns of typed arrays on the file's own
// pixel grid, plus what the file says about the object. Every reader returns this shape, so
// resampling, thumbnails and the inspector never care whether it came from an SDSS table or
// a 1-D image with a wavelength WCS.
import { FitsFormatError } from '../fits/header.js';

/**
 * Every layout a spectrum is read from, the one list of them: FITS layouts in the order fits-spectrum.ts tries them
 * (the most specific first), then text tables (text-spectrum.ts).
 */
export const SPECTRUM_LAYOUTS = [
  'desi-coadd',
  'desi-exposure',
  'hst-x1d',
  'deep2-spec1d',
  'lamost',
  'iraf-multispec',
  'fibre-array',
  'sdss-coadd',
  'table',
  'wcs-image',
  'text-table',
] as const;

/** Where the spectrum was found (see SPECTRUM_LAYOUTS). */
export type SpectrumLayout = (typeof SPECTRUM_LAYOUTS)[number];

/** Each layout in words, for the inspector ("read as an IRAF multispec aperture"). */
export const SPECTRUM_LAYOUT_NAMES: Record<SpectrumLayout, string> = {
  'desi-coadd': 'a DESI coadd',
  'desi-exposure': 'DESI per-exposure spectra',
  'hst-x1d': 'an HST x1d file',
  'deep2-spec1d': 'a DEEP2 spec1d file',
  lamost: 'a LAMOST spectrum',
  'iraf-multispec': 'IRAF multispec',
  'fibre-array': 'a fibre array',
  'sdss-coadd': 'an SDSS-style spectrum table',
  table: 'a binary table',
  'wcs-image': 'a 1-D image with a wavelength WCS',
  'text-table': 'a text table',
};

/** The medium wavelengths are given in: archives use both, and lines sit ~1.8 Å apart at Hα between them. */
export type WavelengthMedium = 'air' | 'vacuum';

export interface Spectrum1D {
  /**
   * Wavelength of each pixel centre in Å, strictly increasing. In vacuum once fits-spectrum.ts has read it, whatever
   * `medium` says the file used (air is converted, see air-vacuum.ts); as written when `medium` is unknown.
   */
  wavelength: Float64Array;
  /** The medium the file states (or its instrument implies) for its wavelengths; absent when it says nothing. */
  medium?: WavelengthMedium;
  /** What said so, for the inspector: "AIRORVAC = 'air'", "CTYPE1 = 'AWAV'", "SDSS spectra are in vacuum". */
  mediumEvidence?: string;
  /** True once air wavelengths have been converted to vacuum (so a second conversion is refused). */
  convertedToVacuum?: boolean;
  /** The object's name as the file gives it (OBJECT card, NAME column, aperture title); absent when none. */
  objectName?: string;
  /** Flux density per pixel, in the file's units (SDSS: 1e-17 erg/s/cm²/Å); NaN where undefined. */
  flux: Float32Array;
  /**
   * Inverse variance of flux; 0 marks a pixel with no information. null when the file gives none (pixels then weigh
   * equally).
   */
  ivar: Float32Array | null;
  /** Bad-pixel bits per pixel (SDSS and_mask); 0 = good. All zeros when the file has no mask. */
  mask: Uint32Array;
  /** Redshift from the file (SPECOBJ Z, or a Z/REDSHIFT card); null when it gives none. */
  z: number | null;
  /** Spectroscopic class from the file (SDSS CLASS: GALAXY, QSO, STAR); null when absent. */
  class: string | null;
  /** Sky position in degrees (SDSS PLUG_RA/PLUG_DEC, else RA/DEC cards); null when absent. */
  ra: number | null;
  dec: number | null;
  /** Flux unit as written (BUNIT or TUNIT); null when absent. */
  fluxUnit: string | null;
  /**
   * The HDU that holds the flux: the COADD table, the 1-D image, or a DESI coadd's first FLUX image; 0 for a text
   * table.
   */
  hdu: number;
  layout: SpectrumLayout;
}

/** True when a pixel can be used: finite flux, positive finite ivar (when there is one) and no mask bit. */
export function isGoodPixel(spectrum: Spectrum1D, i: number): boolean {
  const f = spectrum.flux[i];
  if (f !== f || f === Infinity || f === -Infinity || spectrum.mask[i] !== 0) return false;
  if (!spectrum.ivar) return true;
  const w = spectrum.ivar[i];
  return w > 0 && w !== Infinity;
}

/**
 * Puts the pixels in increasing wavelength (some writers store red to blue) and refuses a grid
 * that is not monotonic or not finite, which no resampling can make sense of.
 */
export function inWavelengthOrder(spectrum: Spectrum1D): Spectrum1D {
  const { wavelength } = spectrum;
  const n = wavelength.length;
  if (n === 0) throw new FitsFormatError('the spectrum has no pixels');
  const decreasing = n > 1 && wavelength[n - 1] < wavelength[0];
  if (decreasing) {
    wavelength.reverse();
    spectrum.flux.reverse();
    spectrum.ivar?.reverse();
    spectrum.mask.reverse();
  }
  for (let i = 0; i < n; i++) {
    const w = wavelength[i];
    if (!(w > 0 && w < Infinity))
      throw new FitsFormatError(`the spectrum's wavelength ${i} is ${w}, not a positive number`);
    if (i > 0 && !(w > wavelength[i - 1]))
      throw new FitsFormatError(`the spectrum's wavelengths are not monotonic (pixel ${i})`);
  }
  return spectrum;
}
