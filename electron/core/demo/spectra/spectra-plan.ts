// Decides, before any flux is drawn, what each demo spectrum is: its SDSS-style name (plate,
// MJD, fibre), position, kind, true redshift and class. This is the truth table. Spectra are
// grouped onto plates of 800–960 science fibres within 1.49° of the plate centre, as SDSS
// plugs them. Anomalies are dealt over the kinds in turn (in a seeded order), so every kind
// appears several times in a collection of 1,000.
import { mixSeed, Random } from '../prng.js';
import { C_KMS } from './spectral-grid.js';
import { drawStarSubclass, STAR_CLASSES } from './star-spectrum.js';
import {
  SPECTRUM_ANOMALY_KINDS,
  classOf,
  isInstrumentalSpectrumAnomaly,
  type NormalSpectrumKind,
  type SpectrumAnomalyKind,
  type SpectrumKind,
  type SpectrumPlan,
  type SpectrumSource,
} from './spectrum-types.js';

/** Default share of spectra that carry an injected anomaly. */
export const SPECTRUM_ANOMALY_FRACTION = 0.04;

const NORMAL_WEIGHTS: Record<NormalSpectrumKind, number> = { passive: 0.45, 'star-forming': 0.55 };
/** The demo's patch of sky (as for the images), north of the Galactic plane. */
const SKY_PATCH = { raMin: 150, raMax: 190, decMin: -5, decMax: 15 };
const PLATE_RADIUS_DEG = 1.49;
const FIBERS_PER_PLATE = 1000;
const SALT = { plan: 0x5bec, object: 0x0b1f };

export function spectrumAnomalyCount(objects: number, fraction = SPECTRUM_ANOMALY_FRACTION): number {
  return Math.round(objects * fraction);
}

export function specFileStem(plate: number, mjd: number, fiber: number): string {
  return `spec-${String(plate).padStart(4, '0')}-${mjd}-${String(fiber).padStart(4, '0')}`;
}

function triangular(rng: Random, low: number, high: number): number {
  return low + ((high - low) * (rng.next() + rng.next())) / 2;
}

/** True redshift of a source: survey-like distributions per kind. */
function drawRedshift(source: SpectrumSource, rng: Random): number {
  switch (source) {
    case 'passive':
      return rng.chance(0.55) ? triangular(rng, 0.02, 0.3) : rng.uniform(0.3, 0.6); // main sample, then LRGs
    case 'star-forming':
      return rng.chance(0.85) ? triangular(rng, 0.005, 0.3) : rng.uniform(0.3, 0.6);
    case 'eelg':
      return rng.uniform(0.08, 0.6);
    case 'qso':
      return rng.uniform(0.15, 3.5);
    case 'bal_qso':
      return rng.uniform(1.65, 3.4); // C IV and its trough inside the grid
    case 'star':
      return rng.uniform(-300, 300) / C_KMS;
  }
}

interface Plate {
  plate: number;
  mjd: number;
  ra: number;
  dec: number;
  fibers: number[];
}

function drawPlate(rng: Random, plate: number, mjd: number): Plate {
  const sinMin = Math.sin((SKY_PATCH.decMin * Math.PI) / 180);
  const sinMax = Math.sin((SKY_PATCH.decMax * Math.PI) / 180);
  const ra = rng.uniform(SKY_PATCH.raMin, SKY_PATCH.raMax);
  const dec = (Math.asin(rng.uniform(sinMin, sinMax)) * 180) / Math.PI;
  // Science fibres: the rest go to sky and standard stars.
  const science = rng.int(800, 960);
  const all = Array.from({ length: FIBERS_PER_PLATE }, (_, i) => i + 1);
  for (let i = 0; i < science; i++) {
    const j = i + Math.floor(rng.next() * (all.length - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return { plate, mjd, ra, dec, fibers: all.slice(0, science).sort((a, b) => a - b) };
}

export function planDemoSpectra(
  objects: number,
  seed: number,
  anomalyFraction = SPECTRUM_ANOMALY_FRACTION,
): SpectrumPlan[] {
  if (!Number.isInteger(objects) || objects < 1) throw new Error(`objects must be a positive integer, got ${objects}`);
  if (!(anomalyFraction >= 0 && anomalyFraction <= 1))
    throw new Error(`anomaly fraction must be in [0, 1], got ${anomalyFraction}`);
  const rng = new Random(mixSeed(seed, SALT.plan));

  const indices = Array.from({ length: objects }, (_, i) => i);
  const anomalous = spectrumAnomalyCount(objects, anomalyFraction);
  for (let i = 0; i < anomalous; i++) {
    const j = i + Math.floor(rng.next() * (objects - i));
    [indices[i], indices[j]] = [indices[j], indices[i]];
  }
  const kinds = [...SPECTRUM_ANOMALY_KINDS];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  const anomalyOf = new Map<number, SpectrumAnomalyKind>();
  for (let i = 0; i < anomalous; i++) anomalyOf.set(indices[i], kinds[i % kinds.length]);

  const plans: SpectrumPlan[] = [];
  let plate = drawPlate(rng, rng.int(3600, 6400), rng.int(55200, 56400));
  let slot = 0;
  for (let index = 0; index < objects; index++) {
    if (slot === plate.fibers.length) {
      plate = drawPlate(rng, plate.plate + rng.int(1, 4), plate.mjd + rng.int(0, 9));
      slot = 0;
    }
    const fiber = plate.fibers[slot++];
    const anomaly = anomalyOf.get(index);
    const kind: SpectrumKind = anomaly ?? rng.weighted(NORMAL_WEIGHTS);
    // Instrumental anomalies happen to ordinary galaxies.
    let source: SpectrumSource;
    if (!anomaly) source = kind as NormalSpectrumKind;
    else if (isInstrumentalSpectrumAnomaly(anomaly)) source = rng.weighted(NORMAL_WEIGHTS);
    else source = anomaly;
    const z = drawRedshift(source, rng);
    const starSubclass = source === 'star' ? drawStarSubclass(rng, rng.pick(STAR_CLASSES)) : '';
    // Uniform within the plate's disc.
    const r = PLATE_RADIUS_DEG * Math.sqrt(rng.next());
    const angle = rng.uniform(0, 2 * Math.PI);
    const dec = plate.dec + r * Math.sin(angle);
    const ra = (plate.ra + (r * Math.cos(angle)) / Math.cos((plate.dec * Math.PI) / 180) + 360) % 360;
    plans.push({
      index,
      name: specFileStem(plate.plate, plate.mjd, fiber),
      seed: mixSeed(seed, SALT.object, index),
      kind,
      source,
      z: Math.round(z * 1e6) / 1e6,
      class: classOf(source),
      starSubclass,
      plate: plate.plate,
      mjd: plate.mjd,
      fiber,
      ra: Math.round(ra * 1e6) / 1e6,
      dec: Math.round(dec * 1e6) / 1e6,
      plateRa: Math.round(plate.ra * 1e4) / 1e4,
      plateDec: Math.round(plate.dec * 1e4) / 1e4,
    });
  }
  return plans;
}
