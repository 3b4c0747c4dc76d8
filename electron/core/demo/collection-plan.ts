// Decides, before any pixel is drawn, what each object of a demo collection is: its name,
// file format, galaxy type, sky position and whether it carries an injected anomaly. This is
// the truth table. Anomalies are dealt out over the kinds in turn (in a seeded order), so a
// collection of 2,000 holds every kind several times rather than leaving it to chance.
import { mixSeed, Random } from './prng.js';
import { ANOMALY_KINDS, type AnomalyKind, type CutoutPlan, type GalaxyType } from './demo-types.js';
import type { NormalGalaxyType } from './galaxy-model.js';

/** Share of objects that carry an injected anomaly. */
export const ANOMALY_FRACTION = 0.02;

/** Mix of ordinary types; spirals are the commonest bright galaxies. */
const TYPE_WEIGHTS: Record<NormalGalaxyType, number> = {
  elliptical: 0.22,
  lenticular: 0.18,
  spiral: 0.3,
  barred: 0.15,
  'edge-on': 0.15,
};

/** The demo's patch of sky, inside the DECaLS footprint north of the Galactic plane. */
const SKY_PATCH = { raMin: 150, raMax: 190, decMin: -5, decMax: 15 };

/** Salts separate the streams drawn from one collection seed. */
const SALT = { plan: 0x51a7, object: 0x0b1e };

export function demoObjectName(index: number, total: number): string {
  return `DEMO-${String(index + 1).padStart(Math.max(6, String(total).length), '0')}`;
}

export function anomalyCount(objects: number): number {
  return Math.round(objects * ANOMALY_FRACTION);
}

/** The galaxy type a truth table records for an object with the given anomaly. */
function galaxyTypeFor(anomaly: AnomalyKind | '', rng: Random): GalaxyType {
  switch (anomaly) {
    case 'lens':
      return 'elliptical';
    case 'merger':
      return 'merger';
    case 'ring':
      return 'ring';
    case 'extreme_colour':
      return rng.chance(0.5) ? 'compact' : 'spiral';
    default:
      return rng.weighted(TYPE_WEIGHTS);
  }
}

export function planDemoCollection(objects: number, seed: number): CutoutPlan[] {
  if (!Number.isInteger(objects) || objects < 1) throw new Error(`objects must be a positive integer, got ${objects}`);
  const rng = new Random(mixSeed(seed, SALT.plan));

  // Which objects are anomalous: a seeded partial shuffle of the indices.
  const indices = Array.from({ length: objects }, (_, i) => i);
  const anomalous = anomalyCount(objects);
  for (let i = 0; i < anomalous; i++) {
    const j = i + Math.floor(rng.next() * (objects - i));
    [indices[i], indices[j]] = [indices[j], indices[i]];
  }
  const kinds = [...ANOMALY_KINDS];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  const anomalyOf = new Map<number, AnomalyKind>();
  for (let i = 0; i < anomalous; i++) anomalyOf.set(indices[i], kinds[i % kinds.length]);

  const sinDecMin = Math.sin((SKY_PATCH.decMin * Math.PI) / 180);
  const sinDecMax = Math.sin((SKY_PATCH.decMax * Math.PI) / 180);
  const plans: CutoutPlan[] = [];
  for (let index = 0; index < objects; index++) {
    const anomaly = anomalyOf.get(index) ?? '';
    // Uniform on the sphere: uniform in RA and in sin(Dec).
    const ra = rng.uniform(SKY_PATCH.raMin, SKY_PATCH.raMax);
    const dec = (Math.asin(rng.uniform(sinDecMin, sinDecMax)) * 180) / Math.PI;
    plans.push({
      index,
      name: demoObjectName(index, objects),
      seed: mixSeed(seed, SALT.object, index),
      format: rng.chance(0.5) ? 'fits' : 'png',
      galaxyType: galaxyTypeFor(anomaly, rng),
      anomaly,
      ra: Math.round(ra * 1e6) / 1e6,
      dec: Math.round(dec * 1e6) / 1e6,
    });
  }
  return plans;
}
