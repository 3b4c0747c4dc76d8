// Spectra stored as a 1-D FITS image whose axis 1 carries a wavelength WCS, as IRAF, many
// long-slit pipelines and older archives write them: λ(p) = CRVAL1 + step·(p − CRPIX1) for
// 1-based pixel p, with step from CDELT1 or CD1_1. DC-FLAG = 1 (IRAF) makes that log10 λ;
// CTYPE1 'WAVE-LOG' is the FITS-standard logarithmic axis; COEFF0/COEFF1 (SDSS DR7 style)
// give log10 λ = COEFF0 + COEFF1·(p − 1). A 1-D image without such a WCS is not a spectrum.
import { FitsFormatError, type FitsHeader } from '../fits/header.js';
import type { FitsHduInfo } from '../fits/hdu-list.js';
import { readFitsHduData } from '../fits/reader.js';
import { mediumOf } from './air-vacuum.js';
import { numberCard } from './header-facts.js';
import type { SpectrumFormat } from './spectrum-file.js';
import { singleSpectrumFile } from './spectrum-file.js';
import { type Spectrum1D, inWavelengthOrder } from './spectrum.js';
import { angstromsPer } from './wavelength-units.js';

/** CTYPE1 values that mean wavelength (or say nothing); frequency, velocity and sky axes do not. */
const WAVELENGTH_CTYPE = /^(|LINEAR|LAMBDA|WAVELENGTH|WAVE|AWAV|WAVE-LOG|AWAV-LOG|WAVE-TAB|AWAV-TAB)$/;
/** Files that hold one 1-D spectrum have a few thousand pixels; this bounds a header's claim. */
const MAX_SPECTRUM_PIXELS = 1 << 24;

export interface WavelengthAxis {
  kind: 'linear' | 'log10' | 'wave-log';
  crval: number;
  step: number;
  crpix: number;
  /** Å per world unit. */
  scale: number;
}

function finite(header: FitsHeader, key: string): number | undefined {
  return numberCard(header, key) ?? undefined;
}
/** The length of a 1-D HDU (trailing axes of length 1 ignored), or null. */
function pixelsOf(hdu: FitsHduInfo): number | null {
  if ((hdu.type !== 'PRIMARY' && hdu.type !== 'IMAGE') || hdu.dataBytes === 0 || hdu.shape.length === 0) return null;
  if (hdu.shape.slice(1).some((n) => n !== 1)) return null;
  return hdu.shape[0] >= 2 ? hdu.shape[0] : null;
}

/** Axis 1's wavelength WCS (CRVAL1, CDELT1 or CD1_1, CRPIX1, CUNIT1, DC-FLAG), or null; also for rows of 2-D arrays. */
export function spectralAxis(header: FitsHeader): WavelengthAxis | null {
  const coeff0 = finite(header, 'COEFF0');
  const coeff1 = finite(header, 'COEFF1');
  if (coeff0 !== undefined && coeff1 !== undefined && finite(header, 'CRVAL1') === undefined) {
    return { kind: 'log10', crval: coeff0, step: coeff1, crpix: 1, scale: 1 };
  }
  const crval = finite(header, 'CRVAL1');
  const step = finite(header, 'CDELT1') ?? finite(header, 'CD1_1');
  if (crval === undefined || step === undefined || step === 0) return null;
  const ctype = header.getString('CTYPE1', '').trim().toUpperCase();
  if (!WAVELENGTH_CTYPE.test(ctype)) return null;
  // A wavelength axis without CUNIT1 is in Å, as IRAF writes it.
  const scale = angstromsPer(header.getString('CUNIT1', ''));
  if (scale === undefined) return null;
  // The FITS standard's default reference pixel is 0, which is what astropy assumes too.
  const crpix = finite(header, 'CRPIX1') ?? 0;
  const kind = header.getNumber('DC-FLAG') === 1 ? 'log10' : ctype.endsWith('-LOG') ? 'wave-log' : 'linear';
  return { kind, crval, step, crpix, scale };
}

/** The file's first image HDU with data, if it is 1-D with a wavelength WCS; else null (an image file). */
export function findWcsSpectrumHdu(hdus: FitsHduInfo[]): FitsHduInfo | null {
  const hdu = hdus.find((h) => (h.type === 'PRIMARY' || h.type === 'IMAGE') && h.dataBytes > 0);
  return hdu && pixelsOf(hdu) !== null && spectralAxis(hdu.header) ? hdu : null;
}

/** Å at 1-based pixels 1 … `pixels` of `axis`. */
export function wavelengthsOf(axis: WavelengthAxis, pixels: number): Float64Array {
  const out = new Float64Array(pixels);
  for (let i = 0; i < pixels; i++) {
    const offset = axis.step * (i + 1 - axis.crpix);
    const world =
      axis.kind === 'log10'
        ? 10 ** (axis.crval + offset)
        : axis.kind === 'wave-log'
          ? axis.crval * Math.exp(offset / axis.crval)
          : axis.crval + offset;
    out[i] = world * axis.scale;
  }
  return out;
}

/** Reads a 1-D image spectrum; without an ivar array in the file, pixels weigh equally. */
export function readWcsSpectrum(buffer: Uint8Array, hdu: FitsHduInfo): Spectrum1D {
  const pixels = pixelsOf(hdu);
  const axis = spectralAxis(hdu.header);
  if (pixels === null || !axis) throw new FitsFormatError(`HDU ${hdu.index} is not a 1-D image with a wavelength WCS`);
  const flux = readFitsHduData(buffer, hdu, { maxPixels: MAX_SPECTRUM_PIXELS }) as Float32Array;
  const { header } = hdu;
  const objectName = header.getString('OBJECT')?.trim();
  return inWavelengthOrder({
    wavelength: wavelengthsOf(axis, pixels),
    flux,
    ivar: null,
    mask: new Uint32Array(pixels),
    z: numberCard(header, 'Z', 'REDSHIFT'),
    class: header.getString('CLASS')?.trim() || null,
    ra: numberCard(header, 'RA', 'PLUG_RA', 'RA_OBJ'),
    dec: numberCard(header, 'DEC', 'PLUG_DEC', 'DEC_OBJ'),
    fluxUnit: header.getString('BUNIT')?.trim() || null,
    hdu: hdu.index,
    layout: 'wcs-image',
    ...mediumOf(header),
    ...(objectName ? { objectName } : {}),
  });
}

export const wcsImageFormat: SpectrumFormat = {
  layout: 'wcs-image',
  detect: findWcsSpectrumHdu,
  open(buffer, hdus) {
    const hdu = findWcsSpectrumHdu(hdus);
    if (!hdu) throw new FitsFormatError('no 1-D image with a wavelength WCS in the file');
    return singleSpectrumFile(() => readWcsSpectrum(buffer, hdu));
  },
};
