// Warnings for the guesses a FITS read makes that may well be wrong, so the Problems panel
// shows them beside the object ingest made all the same: a 1-D spectrum whose axis 1 never
// says it is wavelength, an échelle or IRAF multispec file (several apertures, one per row)
// read as an image, and a 1×1 image. Each says what was assumed and what to do. Multispec,
// equispec and fibre arrays the spectrum readers recognise become spectra and never reach the
// image warning; what still does is a frame they could not place (a multispec system without
// aperture attributes, rows with a wavelength axis 1 that nothing marks as spectra).
import type { FitsHeader } from '../formats/fits/header.js';
import type { FitsHduInfo } from '../formats/fits/hdu-list.js';
import type { IngestedItem } from './ingested-item.js';

/** Rows an échelle/multispec frame has at most (apertures or orders), for the shape-only guess. */
const MAX_APERTURES = 100;

/** A wavelength WCS on axis 1: a CTYPE1 naming wavelength, or IRAF's DC-FLAG. */
function wavelengthAxis1(header: FitsHeader): boolean {
  const ctype = (header.getString('CTYPE1', '') ?? '').trim().toUpperCase();
  return /^(LAMBDA|WAVELENGTH|WAVE|AWAV)/.test(ctype) || header.has('DC-FLAG');
}

/** How the HDU's header or shape says it holds several 1-D spectra, or null. */
export function multispecEvidence(hdu: FitsHduInfo): string | null {
  const { header } = hdu;
  if ((header.getString('CTYPE1', '') ?? '').trim().toUpperCase() === 'MULTISPE') return "CTYPE1 = 'MULTISPE'";
  if (/system\s*=\s*multispec/i.test(header.getString('WAT0_001', '') ?? '')) return 'WAT0_001 system=multispec';
  if (header.cards.some((c) => /^APNUM\d+$/.test(c.key))) return 'APNUM keywords';
  const [width, rows = 1] = hdu.shape;
  if (hdu.shape.length === 2 && rows > 1 && rows <= MAX_APERTURES && width >= 10 * rows && wavelengthAxis1(header))
    return `${rows} rows with a wavelength axis 1`;
  return null;
}

/** A 1-D array (trailing axes of length 1 ignored): rows of a fibre array are not what this warning means. */
function isOneD(hdu: FitsHduInfo): boolean {
  return hdu.shape.length >= 1 && hdu.shape.slice(1).every((n) => n === 1);
}

/** The one-line warnings of one item read from `hdus` (its HDU is item.hdu). */
export function fitsGuessWarnings(item: IngestedItem, hdus: readonly FitsHduInfo[]): string[] {
  const hdu = item.hdu === null ? undefined : hdus[item.hdu];
  if (!hdu) return [];
  const at = `HDU ${hdu.index}`;
  const warnings: string[] = [];
  if (item.modality === 'image') {
    const multispec = multispecEvidence(hdu);
    if (multispec)
      warnings.push(
        `${at}: an échelle or multispec layout (${multispec}) read as one ${item.width}×${item.height} image; ` +
          'split its apertures into 1-D spectra (IRAF scopy, or astropy) to ingest them as spectra',
      );
    if (item.width === 1 && item.height === 1)
      warnings.push(`${at}: a 1×1 image, read as a single pixel that has no shape to compare; leave such files out`);
  } else if (isOneD(hdu) && hdu.header.has('CRVAL1') && !hdu.header.has('CTYPE1')) {
    warnings.push(
      `${at}: a 1-D array with no CTYPE1: axis 1 was assumed to be wavelength in Å from CRVAL1/CDELT1; ` +
        "set CTYPE1 = 'WAVE' (vacuum) or 'AWAV' (air) and CUNIT1 if that is right",
    );
  }
  return warnings;
}
