// One spectrum object as the inspector's plot needs it: the file's own pixels (not the
// resampled model input), with ivar turned into a 1σ error and every reason a pixel is bad
// (mask bit, ivar 0, non-finite flux) folded into one good/bad column, so the renderer
// draws without knowing SDSS mask bits. The redshift prefers the catalog's, which a user
// may have corrected, over the file's pipeline value.
import { describeMedium } from '../formats/spectra/air-vacuum.js';
import { SPECTRUM_LAYOUT_NAMES, isGoodPixel, type Spectrum1D } from '../formats/spectra/spectrum.js';
import { catalogRedshift, firstMetadataValue } from '../workspace/catalog-fields.js';
import { SerendipError } from './errors.js';
import type { ObjectSpectrum } from './view-types.js';

/**
 * A modality-specific method called for the other modality (objectPixels of a spectrum, objectSpectrum of an image).
 */
export class WrongModalityError extends SerendipError {
  override name = 'WrongModalityError';
  constructor(message: string) {
    super('unsupported', message);
  }
}

const CLASS_KEYS = ['class', 'CLASS', 'Class'];

export function objectSpectrumOf(
  id: number,
  name: string,
  spectrum: Spectrum1D,
  metadata: Record<string, string>,
): ObjectSpectrum {
  const n = spectrum.wavelength.length;
  const good = new Uint8Array(n);
  for (let i = 0; i < n; i++) good[i] = isGoodPixel(spectrum, i) ? 1 : 0;
  let sigma: Float32Array | null = null;
  if (spectrum.ivar) {
    sigma = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const w = spectrum.ivar[i];
      sigma[i] = w > 0 && w < Infinity ? 1 / Math.sqrt(w) : NaN;
    }
  }
  const catalogZ = catalogRedshift(metadata);
  const fileZ = spectrum.z !== null && Number.isFinite(spectrum.z) && spectrum.z > -1 ? spectrum.z : null;
  return {
    id,
    name,
    wavelength: spectrum.wavelength,
    flux: spectrum.flux,
    sigma,
    good,
    z: catalogZ ?? fileZ,
    zSource: catalogZ !== null ? 'catalog' : fileZ !== null ? 'file' : null,
    fileZ,
    class: firstMetadataValue(metadata, CLASS_KEYS) ?? spectrum.class,
    fluxUnit: spectrum.fluxUnit,
    vacuum: spectrum.medium !== undefined,
    wavelengthNote: describeMedium(spectrum),
    layout: SPECTRUM_LAYOUT_NAMES[spectrum.layout],
    modelGrid: metadata.model_grid ?? null,
  };
}
