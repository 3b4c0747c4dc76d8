// Demo spectra: synthetic SDSS-like fibre spectra (spec-PLATE-MJD-FIBER.fits: COADD and
// SPECOBJ tables) of passive and star-forming galaxies with ~4% injected anomalies (quasars,
// BAL quasars, extreme emission-line galaxies, stars, sky residuals, dead pixels, flux jumps)
// and a truth table, deterministic for a seed.
//
// Layout: spectra-plan (who is what: the truth) → render-spectrum (a source from
// galaxy-spectrum / quasar-spectrum / star-spectrum on the spectral-grid, then
// observe-spectrum: instrument, sky-model, noise, pixel-mask, spectrum-artefacts) →
// spec-file (FITS), driven by demo-spectra.
export { generateDemoSpectra, type DemoSpectraOptions } from './demo-spectra.js';
export { planDemoSpectra, SPECTRUM_ANOMALY_FRACTION } from './spectra-plan.js';
export { renderSpectrum, type RenderedSpectrum } from './render-spectrum.js';
export { encodeSpecFile } from './spec-file.js';
export { SPECTRA_TRUTH_COLUMNS, formatSpectraTruthCsv, spectrumFilePath } from './spectra-truth-csv.js';
export { renderSpectrumSheet, type SpectrumPanel } from './spectrum-sheet.js';
export {
  NORMAL_SPECTRUM_KINDS, SPECTRUM_ANOMALY_KINDS,
  type SpectrumAnomalyKind, type SpectrumClass, type SpectrumKind, type SpectrumPlan, type SpectrumSource,
} from './spectrum-types.js';
