// The `explain` method's arguments and result: why an object is odd (its place by each scorer,
// its features against its typical neighbours', maps of where on an image's model input or a
// spectrum's reconstruction and driving wavelength ranges, and notes on what it cannot give);
// built by discovery/explain/.
import { z } from 'zod';

export type { Explanation, ExplainMap, ExplainSpectrum } from '../discovery/explain/explain-object.js';
export { EXPLAIN_MAP_KINDS, WHERE_MAP_MEANINGS, isWhereMapKind } from '../discovery/explain/where/explain-map.js';
export type { FeatureContrast } from '../discovery/explain/feature-contrast.js';
export type { ScorerPlace } from '../discovery/explain/scorer-places.js';

/** explain(name, k): the object's name, and how many typical neighbours to compare it with (at least 2). */
export const EXPLAIN_ARGS = z.tuple([z.string().min(1).max(10_000), z.number().int().min(2).max(1000).optional()]);
