// The two halves of what families are made of, as pure numbers (no workspace) so the arithmetic
// is tested on hand-made vectors: the joint space the clustering runs in (the embedding beside
// the morphology features), and the features a family shares, measured against typical objects
// in σ of their spread (feature-contrast.ts) and kept only where every member differs the same way.
import { contrastFeatures } from './feature-contrast.js';
import type { VectorSet } from '../vectors.js';

/** A feature a family's members share: all lie on one side of typical objects. */
export interface SharedFeature {
  name: string;
  /** The members' median value against typical objects, in σ of theirs (null: typical objects all agree). */
  sigma: number | null;
  /** In words: "asymmetry +4.1σ above typical objects". */
  phrase: string;
}

/** Shared features named per family, the strongest first. */
export const SHARED_FEATURES = 3;
/** A feature is shared only when the members' median stands this many σ from typical objects. */
export const SHARED_SIGMA = 1;

/** Each column of `values` (count × width, row after row) as z-scores over the rows; a constant column becomes 0. */
export function standardiseColumns(values: Float32Array, count: number, width: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let c = 0; c < width; c++) {
    let sum = 0;
    for (let r = 0; r < count; r++) sum += values[r * width + c];
    const mean = sum / count;
    let squares = 0;
    for (let r = 0; r < count; r++) squares += (values[r * width + c] - mean) ** 2;
    const sd = Math.sqrt(squares / count);
    // Non-finite inputs (a corrupt frame's features) sit at the mean rather than poison every distance.
    for (let r = 0; r < count; r++) {
      const z = sd > 0 ? (values[r * width + c] - mean) / sd : 0;
      out[r * width + c] = Number.isFinite(z) ? z : 0;
    }
  }
  return out;
}

/** Σ over columns of each column's variance: the mean squared distance of the rows to their centroid. */
export function totalVariance(values: Float32Array, count: number, width: number): number {
  let total = 0;
  for (let c = 0; c < width; c++) {
    let sum = 0;
    for (let r = 0; r < count; r++) sum += values[r * width + c];
    const mean = sum / count;
    for (let r = 0; r < count; r++) total += (values[r * width + c] - mean) ** 2 / count;
  }
  return total;
}

/**
 * The embedding rows beside the standardised morphology features of the same objects. Each block is divided by the
 * square root of its total variance, so each adds 1 to the mean squared distance between points: a 32-dimensional
 * embedding does not drown twenty features, nor the features an embedding, whatever either's units or width.
 */
export function jointPoints(embedding: VectorSet, features: Float32Array, width: number): VectorSet {
  const n = embedding.count;
  if (features.length !== n * width) throw new Error(`${features.length} feature values, expected ${n}×${width}`);
  const standard = standardiseColumns(features, n, width);
  const blocks = [
    { values: embedding.data, width: embedding.dim },
    { values: standard, width },
  ];
  const dim = embedding.dim + width;
  const data = new Float32Array(n * dim);
  let offset = 0;
  for (const block of blocks) {
    const spread = Math.sqrt(totalVariance(block.values, n, block.width));
    const scale = spread > 0 ? 1 / spread : 0;
    for (let r = 0; r < n; r++)
      for (let c = 0; c < block.width; c++) data[r * dim + offset + c] = block.values[r * block.width + c] * scale;
    offset += block.width;
  }
  return { data, count: n, dim };
}

/**
 * The features a family shares, against `typical` (count × names.length values of typical objects): the members'
 * median in σ of the typical objects' spread (contrastFeatures), kept where every member lies on the median's side of
 * the typical mean and the median stands at least SHARED_SIGMA away; the strongest SHARED_FEATURES.
 */
export function sharedFeatures(
  names: readonly string[],
  members: readonly ArrayLike<number>[],
  typical: ArrayLike<number>,
  count: number,
): SharedFeature[] {
  if (members.length === 0) return [];
  const median = Float32Array.from(names, (_, f) => medianOf(members.map((m) => m[f])));
  const shared: SharedFeature[] = [];
  for (const c of contrastFeatures(names, median, typical, count)) {
    const side = Math.sign(c.value - c.mean);
    const strong = c.sigma === null || Math.abs(c.sigma) >= SHARED_SIGMA;
    const f = names.indexOf(c.name);
    if (!strong || side === 0 || !members.every((m) => Math.sign(m[f] - c.mean) === side)) continue;
    shared.push({ name: c.name, sigma: c.sigma, phrase: familyPhrase(c.name, c.value, c.mean, c.sigma) });
    if (shared.length === SHARED_FEATURES) break;
  }
  return shared;
}

/** "asymmetry +4.1σ above typical objects"; "empty 1 where typical objects all have 0". */
export function familyPhrase(name: string, value: number, mean: number, sigma: number | null): string {
  if (sigma === null) return `${name} ${formatValue(value)} where typical objects all have ${formatValue(mean)}`;
  const rounded = Math.abs(sigma).toFixed(1);
  return sigma > 0 ? `${name} +${rounded}σ above typical objects` : `${name} −${rounded}σ below typical objects`;
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(3);
}

function medianOf(values: number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
