// Turns a spectrum read from a file into what ingest stores: its model input on the grid of
// its wavelength regime (the one where it has the most good bins, spectrum-grid.ts), a plot
// thumbnail, and what the file states (redshift, class, object name, the grid) as object
// metadata. A spectrum with nothing usable on any grid (mid-infrared, or all masked) is still
// an object to view, search and label, with no model input and a warning saying why: stored
// as a row of zeros it would only rank as an anomaly.
import type { Spectrum1D } from '../formats/spectra/spectrum.js';
import type { MetadataValue } from '../workspace/repositories/metadata-repo.js';
import type { IngestedItem } from './ingested-item.js';
import { spectrumInputLayout } from './model-input-store.js';
import {
  type RegimeGrid,
  type ResampledSpectrum,
  SPECTRUM_GRIDS,
  gridsSpan,
  resampleSpectrum,
} from './spectrum-grid.js';
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

function metadataOf(spectrum: Spectrum1D, regime: string): MetadataValue[] {
  const values: MetadataValue[] = [{ key: 'model_grid', value: regime, number: null }];
  if (spectrum.z !== null) {
    const text = float32Text(spectrum.z);
    values.push({ key: 'z', value: text, number: Number(text) });
  }
  if (spectrum.class !== null) values.push({ key: 'class', value: spectrum.class, number: null });
  if (spectrum.objectName) values.push({ key: 'object', value: spectrum.objectName, number: null });
  return values;
}

/** The regime grid where the spectrum has the most good bins (the first listed on a tie), or null when it has none. */
export function bestRegime(spectrum: Spectrum1D): { regime: RegimeGrid; resampled: ResampledSpectrum } | null {
  let best: { regime: RegimeGrid; resampled: ResampledSpectrum; good: number } | null = null;
  const { wavelength } = spectrum;
  const [first, last] = [wavelength[0], wavelength[wavelength.length - 1]];
  for (const regime of SPECTRUM_GRIDS) {
    // Only grids the spectrum reaches are resampled onto: most spectra lie within one.
    if (last < 10 ** regime.grid.logMin || first > 10 ** regime.grid.logMax) continue;
    const resampled = resampleSpectrum(spectrum, regime.grid);
    const good = goodBins(resampled);
    if (good > 0 && (!best || good > best.good)) best = { regime, resampled, good };
  }
  return best;
}

function coverage(spectrum: Spectrum1D): string {
  const first = spectrum.wavelength[0];
  const last = spectrum.wavelength[spectrum.wavelength.length - 1];
  return `${first.toFixed(0)}–${last.toFixed(0)} Å`;
}

export async function ingestedSpectrum(spectrum: Spectrum1D): Promise<IngestedItem> {
  const best = bestRegime(spectrum);
  const item: IngestedItem = {
    itemIndex: 0,
    modality: 'spectrum',
    hdu: spectrum.hdu,
    nameHint: null,
    ra: spectrum.ra,
    dec: spectrum.dec,
    width: spectrum.flux.length,
    height: 1,
    bands: 1,
    modelInput: best ? spectrumModelInput(best.resampled) : null,
    inputLayout: best ? spectrumInputLayout(best.regime.grid.length, best.regime.regime) : null,
    metadata: metadataOf(spectrum, best?.regime.regime ?? 'none'),
    thumbnail: await thumbnailFromSpectrum(spectrum),
  };
  if (!best) {
    item.warnings = [
      `the spectrum has no good pixels on any model grid (${gridsSpan()}); it covers ${coverage(spectrum)}. ` +
        'It is kept to view, search and label, but has no model input, so it is not embedded or ranked',
    ];
  }
  return item;
}
