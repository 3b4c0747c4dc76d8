// The demo collection: synthetic DECaLS-like g, r, z galaxy cutouts (FITS cubes and RGB PNGs)
// with ~2% injected anomalies and a truth table, deterministic for a seed. It is what a new
// user opens first and what the project's own benchmarks score against.
//
// Layout: collection-plan (who is what: the truth) → render-cutout (pixels: galaxy-model,
// profiles, psf, stars, sky, anomaly-sources, artefacts) → fits-cutout / png-cutout (files),
// driven by demo-collection on worker threads (render-pool, render-worker).
// Spectra (SDSS-like spec-PLATE-MJD-FIBER.fits files with their own truth table) live in
// spectra/; demo-collection writes them too when asked (`spectra: N`).
export { generateDemoCollection, DEMO_SPECTRA_TRUTH_FILE, type DemoOptions, type DemoResultCounts, type DemoTruthRow } from './demo-collection.js';
export { generateDemoSpectra, renderSpectrumSheet, type DemoSpectraOptions, type SpectrumKind } from './spectra/index.js';
export { planDemoCollection, ANOMALY_FRACTION } from './collection-plan.js';
export { renderCutout, CutoutRenderer, type RenderedCutout } from './render-cutout.js';
export { renderContactSheet, type ContactSheetTile } from './contact-sheet.js';
export { legacySurveyRgb } from './legacy-rgb.js';
export { ANOMALY_KINDS, GALAXY_TYPES, type AnomalyKind, type CutoutPlan, type GalaxyType } from './demo-types.js';
