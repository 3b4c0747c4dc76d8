// One demo spectrum from its plan: the grid (a run of the master grid whose ends differ a
// little from object to object), the source's noise-free flux, the observation (noise, sky,
// masks, any instrumental anomaly) and what a redshift pipeline would report. Everything is
// drawn from the plan's own seed, so a spectrum does not depend on its neighbours.
import { Random } from '../prng.js';
import { extremeEmissionLineGalaxy, passiveGalaxy, starFormingGalaxy } from './galaxy-spectrum.js';
import { drawInstrument, type Instrument } from './instrument.js';
import { observeSpectrum, type ObservedSpectrum } from './observe-spectrum.js';
import { balQuasar, broadLineQuasar } from './quasar-spectrum.js';
import type { SourceGenerator, SourceModel } from './source-model.js';
import { MASTER_PIXELS, makeGrid, type SpectralGrid } from './spectral-grid.js';
import { starSpectrum } from './star-spectrum.js';
import { isInstrumentalSpectrumAnomaly, type SpectrumPlan } from './spectrum-types.js';

export interface RenderedSpectrum {
  grid: SpectralGrid;
  source: SourceModel;
  observed: ObservedSpectrum;
  instrument: Instrument;
  /** The redshift a pipeline reports: the truth plus its measurement error. */
  zPipeline: number;
  zErr: number;
}

/** Pixels the first and last may be trimmed from the master grid's ends. */
const MAX_TRIM = 8;

function generatorFor(plan: SpectrumPlan): SourceGenerator {
  switch (plan.source) {
    case 'passive':
      return passiveGalaxy;
    case 'star-forming':
      return starFormingGalaxy;
    case 'eelg':
      return extremeEmissionLineGalaxy;
    case 'qso':
      return broadLineQuasar;
    case 'bal_qso':
      return balQuasar;
    case 'star':
      return starSpectrum(plan.starSubclass);
  }
}

function redshiftError(plan: SpectrumPlan, rng: Random): number {
  switch (plan.class) {
    case 'GALAXY':
      return rng.uniform(1e-5, 6e-5) * (1 + plan.z);
    case 'QSO':
      return rng.uniform(2e-4, 1.5e-3);
    case 'STAR':
      return rng.uniform(2e-6, 1e-5);
  }
}

export function renderSpectrum(plan: SpectrumPlan): RenderedSpectrum {
  const rng = new Random(plan.seed);
  const first = rng.int(0, MAX_TRIM);
  const grid = makeGrid(first, MASTER_PIXELS - first - rng.int(0, MAX_TRIM));
  const instrument = drawInstrument(rng);
  const source = generatorFor(plan)(grid, plan.z, rng, instrument);
  const artefact = isInstrumentalSpectrumAnomaly(plan.kind) ? plan.kind : null;
  const observed = observeSpectrum(grid, source.flux, instrument, rng, artefact);
  const zErr = redshiftError(plan, rng);
  return { grid, source, observed, instrument, zPipeline: plan.z + rng.gaussian(0, zErr), zErr };
}
