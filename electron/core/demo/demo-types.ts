// The vocabulary the demo collection's truth table speaks: galaxy types, anomaly kinds, and
// the per-object plan that the collection hands to the renderer. A plan is plain data (no
// functions, no typed arrays) so it can cross a worker boundary unchanged.
import { NORMAL_GALAXY_TYPES, type NormalGalaxyType } from './galaxy-model.js';

/** Morphologies of ordinary targets, then those only anomalies produce. */
export const GALAXY_TYPES = [...NORMAL_GALAXY_TYPES, 'merger', 'ring', 'compact'] as const;
export type GalaxyType = NormalGalaxyType | 'merger' | 'ring' | 'compact';

/** Astrophysical anomalies: something real and rare on the sky. */
export const ASTROPHYSICAL_ANOMALIES = ['lens', 'merger', 'ring', 'extreme_colour'] as const;
/** Instrumental anomalies: the data, not the sky, is odd. */
export const ARTEFACT_ANOMALIES = [
  'satellite_trail',
  'cosmic_ray',
  'saturated_star',
  'chip_edge',
  'corrupt_frame',
] as const;
export const ANOMALY_KINDS = [...ASTROPHYSICAL_ANOMALIES, ...ARTEFACT_ANOMALIES] as const;
export type AstrophysicalAnomaly = (typeof ASTROPHYSICAL_ANOMALIES)[number];
export type ArtefactAnomaly = (typeof ARTEFACT_ANOMALIES)[number];
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export type CutoutFormat = 'fits' | 'png';

export interface CutoutPlan {
  /** 0-based position in the collection. */
  index: number;
  /** Object name and file stem, unique in the collection, e.g. DEMO-000123. */
  name: string;
  /** Seed of this object's own random stream. */
  seed: number;
  format: CutoutFormat;
  galaxyType: GalaxyType;
  /** '' for an ordinary object. */
  anomaly: AnomalyKind | '';
  /** Sky position of the target, degrees (J2000). */
  ra: number;
  dec: number;
}

export function isAstrophysical(kind: AnomalyKind | ''): kind is AstrophysicalAnomaly {
  return (ASTROPHYSICAL_ANOMALIES as readonly string[]).includes(kind);
}

export function isArtefact(kind: AnomalyKind | ''): kind is ArtefactAnomaly {
  return (ARTEFACT_ANOMALIES as readonly string[]).includes(kind);
}
