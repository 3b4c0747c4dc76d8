// The `families` method's arguments and result: the top-N image anomalies grouped into families of
// look-alikes in the embedding and morphology features; built by discovery/explain/anomaly-families.ts.
import { z } from 'zod';
import { MAX_FAMILY_OBJECTS } from '../discovery/explain/anomaly-families.js';
import { MODALITIES } from './contract-lists.js';

export type { AnomalyFamily } from '../discovery/explain/anomaly-families.js';
export type { SharedFeature } from '../discovery/explain/family-features.js';

/** families(n, modality): how many top anomalies to group (at least 1), and their modality (images only for now). */
export const FAMILIES_ARGS = z.tuple([
  z.number().int().min(1).max(MAX_FAMILY_OBJECTS).optional(),
  z.enum(MODALITIES).optional(),
]);
