// Turns a spectrum read from a file into what ingest stores: its model input on the common
// grid, a plot thumbnail, and the redshift and class the file states as object metadata.
// A spectrum with nothing usable on the grid is refused, so it is recorded as an ingest
// error with the reason rather than stored as a row of zeros that would rank as an anomaly.
import type { Spectrum1D } from '../formats/spectra/spectrum.js';
import type { MetadataValue } from '../workspace/repositories/metadata-repo.js';
import { type IngestedItem, UnreadableFileError } from './ingested-item.js';
import { spectrumInputLayout } from './model-input-store.js';
import { SPECTRUM_GRID, resampleSpectrum } from './spectrum-grid.js';
import { goodBins, spectrumModelInput } from './spectrum-model-input.js';
import { thumbnailFromSpectrum } from './spectrum-thumbnail.js';

/**
 * The shortest decimal that reads back as the same float32 (SDSS stores Z as float32: 0.1234, not 0.12340000271797180).
 */
export function float32Text(value: number): string {
  if (Math.fround(value) !== value) return String(value);
  for (let digits = 1; digits <= 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(value);
}

function metadataOf(spectrum: Spectrum1D): MetadataValue[] {
  const values: MetadataValue[] = [];
  if (spectrum.z !== null) {
    const text = float32Text(spectrum.z);
    values.push({ key: 'z', value: text, number: Number(text) });
  }
  if (spectrum.class !== null) values.push({ key: 'class', value: spectrum.class, number: null });
  return values;
}

export async function ingestedSpectrum(spectrum: Spectrum1D): Promise<IngestedItem> {
  const resampled = resampleSpectrum(spectrum, SPECTRUM_GRID);
  if (goodBins(resampled) === 0) {
    const first = spectrum.wavelength[0];
    const last = spectrum.wavelength[spectrum.wavelength.length - 1];
    throw new UnreadableFileError(
      'the spectrum has no good pixels on the model grid (3600–9800 Å); it covers ' +
        `${first.toFixed(0)}–${last.toFixed(0)} Å`,
    );
  }
  return {
    itemIndex: 0,
    modality: 'spectrum',
    hdu: spectrum.hdu,
    nameHint: null,
    ra: spectrum.ra,
    dec: spectrum.dec,
    width: spectrum.flux.length,
    height: 1,
    bands: 1,
    modelInput: spectrumModelInput(resampled),
    inputLayout: spectrumInputLayout(SPECTRUM_GRID.length),
    metadata: metadataOf(spectrum),
    thumbnail: await thumbnailFromSpectrum(spectrum),
  };
}
