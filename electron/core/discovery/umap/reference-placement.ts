// Places new objects on a finished map without moving it (`map --reference`), as umap-learn's
// transform does: each object starts at the weighted mean of the map positions of its k nearest
// reference points (in embedding space), then a few epochs of UMAP's SGD pull it towards those
// neighbours and push it from negative samples drawn from the reference, the reference fixed.
// Unlike umap-learn, every choice is the object's own, so that an object lands at the same
// place whichever other objects are placed with it (a shard of a cluster job and a single
// machine agree to the bit): its neighbours are exact (reference-search.ts); its bandwidth floor is its own mean
// distance, not the batch's; edges are scheduled against the largest possible weight (1), not the
// batch's largest; and its negative samples come from a generator that restarts at the same
// seed for every object.
import type { VectorSet } from '../vectors.js';
import {
  TABLE_BASE,
  TABLE_MAX,
  TABLE_MIN,
  TABLE_SHIFT,
  attractCoefficient,
  buildGradientTables,
  repelCoefficient,
  type GradientTables,
} from './gradient-tables.js';
import { bisectBandwidth, MIN_K_DIST_SCALE } from './smooth-knn.js';
import { buildReferenceIndex, searchReference, type ReferenceIndex } from './reference-search.js';

export interface ReferenceMap {
  /** The reference objects' embedding vectors, and their map positions (count × 2). */
  vectors: VectorSet;
  coords: Float32Array;
  /** Reference points each object is placed among. */
  neighbours: number;
  /** UMAP's low-dimensional curve 1 / (1 + a·d^2b), as fitted for the map. */
  a: number;
  b: number;
}

export interface PlacementSettings {
  /** SGD epochs per object (default DEFAULT_PLACEMENT_EPOCHS). */
  epochs: number;
  /** Seeds the negative samples; every object starts from the same state. */
  seed: number;
}

/** umap-learn transforms with 100 epochs up to 10,000 new points and 30 above; here one rule for any count. */
export const DEFAULT_PLACEMENT_EPOCHS = 50;
/** umap-learn's transform: a quarter of the fit's learning rate, five negative samples per positive one. */
const INITIAL_ALPHA = 0.25;
const NEGATIVE_SAMPLE_RATE = 5;
const GRADIENT_CLIP = 4;
const TWO_POW_MINUS_32 = 1 / 4294967296;

/** What a thread keeps to place objects on one reference map. */
export interface PreparedReference extends ReferenceMap, PlacementSettings {
  index: ReferenceIndex;
  tables: GradientTables;
  /** The xorshift32 state every object's negative sampling starts from (never 0). */
  startState: number;
}

export function prepareReference(reference: ReferenceMap, settings: PlacementSettings): PreparedReference {
  const { vectors, coords, neighbours } = reference;
  if (coords.length !== vectors.count * 2)
    throw new RangeError(`${coords.length / 2} positions for ${vectors.count} points`);
  if (!(neighbours >= 1) || !Number.isInteger(neighbours))
    throw new RangeError(`neighbours must be ≥ 1, got ${neighbours}`);
  if (!(settings.epochs >= 1) || !Number.isInteger(settings.epochs))
    throw new RangeError(`epochs must be a positive integer, got ${settings.epochs}`);
  // splitmix-style scramble of the seed, so seeds 0, 1, 2 give unrelated streams.
  let state = Math.imul((settings.seed ^ 0x5bd1e995) >>> 0, 0x9e3779b1);
  state ^= state >>> 15;
  return {
    ...reference,
    ...settings,
    index: buildReferenceIndex(vectors),
    tables: buildGradientTables(reference.a, reference.b, 1),
    startState: state | 1,
  };
}

/**
 * Membership weights of an object's neighbours (umap-learn's transform: no local-connectivity offset, bandwidth
 * by bisection so the weights sum to log2(k)), written to `out`.
 */
export function neighbourWeights(distances: Float64Array, offset: number, k: number, out: Float64Array): void {
  const target = Math.log2(k);
  let total = 0;
  let present = 0;
  for (let j = 0; j < k; j++) {
    const d = distances[offset + j];
    if (Number.isFinite(d)) {
      total += d;
      present++;
    }
  }
  const mid = bisectBandwidth(target, (sigma) => {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const d = distances[offset + j];
      if (Number.isFinite(d)) sum += d > 0 ? Math.exp(-d / sigma) : 1;
    }
    return sum;
  });
  const sigma = Math.max(mid, MIN_K_DIST_SCALE * (present > 0 ? total / present : 0));
  for (let j = 0; j < k; j++) {
    const d = distances[offset + j];
    out[j] = !Number.isFinite(d) ? 0 : d <= 0 || sigma === 0 ? 1 : Math.exp(-d / sigma);
  }
}

// d² read back as float32 bits gives its table bin (gradient-tables.ts); one pair of views per thread.
const floatView = new Float32Array(1);
const bitsView = new Int32Array(floatView.buffer);

function tabulated(table: Float64Array, d2: number): number {
  floatView[0] = d2;
  const bin = ((bitsView[0] >> TABLE_SHIFT) - TABLE_BASE) << 1;
  return table[bin] + table[bin + 1] * d2;
}

function clip(g: number): number {
  return g > GRADIENT_CLIP ? GRADIENT_CLIP : g < -GRADIENT_CLIP ? -GRADIENT_CLIP : g;
}

/** Per-object working arrays of the SGD, one per neighbour, reused from object to object. */
interface EdgeState {
  weights: Float64Array;
  period: Float64Array;
  nextSample: Float64Array;
  nextNegative: Float64Array;
}

/** Map positions (rows × 2) of `rows` objects given as row-major vectors of the reference's width. */
export function placeOnReference(reference: PreparedReference, queries: Float32Array, rows: number): Float32Array {
  const { vectors, coords } = reference;
  const k = Math.min(reference.neighbours, vectors.count);
  const out = new Float32Array(rows * 2);
  if (rows === 0) return out;
  const found = searchReference(reference.index, queries, rows, k);
  const edges: EdgeState = {
    weights: new Float64Array(k),
    period: new Float64Array(k),
    nextSample: new Float64Array(k),
    nextNegative: new Float64Array(k),
  };
  for (let i = 0; i < rows; i++) {
    const row = i * k;
    const neighbours = found.indices.subarray(row, row + k);
    neighbourWeights(found.distances, row, k, edges.weights);
    // Start: the weighted mean of the neighbours' positions.
    let total = 0;
    let x = 0;
    let y = 0;
    for (let j = 0; j < k; j++) {
      const w = edges.weights[j];
      if (w <= 0) continue;
      x += w * coords[neighbours[j] << 1];
      y += w * coords[(neighbours[j] << 1) + 1];
      total += w;
    }
    out[2 * i] = total > 0 ? x / total : 0;
    out[2 * i + 1] = total > 0 ? y / total : 0;
    settle(reference, neighbours, edges, out, i);
  }
  return out;
}

/**
 * The SGD of one object from its start at out[2i], out[2i + 1]: umap-learn's optimize_layout_euclidean with the
 * reference held still (move_other = False), over this object's edges alone.
 */
function settle(
  reference: PreparedReference,
  neighbours: Int32Array,
  edges: EdgeState,
  out: Float32Array,
  i: number,
): void {
  const { coords, a, b, epochs } = reference;
  const { attract, repel } = reference.tables;
  const { weights, period, nextSample, nextNegative } = edges;
  const k = neighbours.length;
  const count = reference.vectors.count;
  // Edges lighter than 1/epochs are never sampled (umap-learn drops them before the SGD).
  for (let j = 0; j < k; j++) {
    period[j] = weights[j] >= 1 / epochs ? 1 / weights[j] : Infinity;
    nextSample[j] = period[j];
    nextNegative[j] = period[j] / NEGATIVE_SAMPLE_RATE;
  }
  let x = out[2 * i];
  let y = out[2 * i + 1];
  let state = reference.startState;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const alpha = INITIAL_ALPHA * (1 - epoch / epochs);
    for (let j = 0; j < k; j++) {
      if (nextSample[j] > epoch) continue;
      const n = neighbours[j] << 1;
      const dx = x - coords[n];
      const dy = y - coords[n + 1];
      const d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        const c = d2 >= TABLE_MIN && d2 < TABLE_MAX ? tabulated(attract, d2) : attractCoefficient(d2, a, b);
        x += clip(c * dx) * alpha;
        y += clip(c * dy) * alpha;
      }
      nextSample[j] += period[j];
      const negativePeriod = period[j] / NEGATIVE_SAMPLE_RATE;
      const negatives = Math.floor((epoch - nextNegative[j]) / negativePeriod);
      for (let p = 0; p < negatives; p++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        const other = (((state >>> 0) * count * TWO_POW_MINUS_32) | 0) << 1;
        const rx = x - coords[other];
        const ry = y - coords[other + 1];
        const r2 = rx * rx + ry * ry;
        if (r2 > 0) {
          const c = r2 >= TABLE_MIN && r2 < TABLE_MAX ? tabulated(repel, r2) : repelCoefficient(r2, a, b, 1);
          x += clip(c * rx) * alpha;
          y += clip(c * ry) * alpha;
        } else {
          // On top of a reference point: pushed off by the clip, as the map's own SGD does.
          x += GRADIENT_CLIP * alpha;
          y += GRADIENT_CLIP * alpha;
        }
      }
      if (negatives > 0) nextNegative[j] += negatives * negativePeriod;
    }
  }
  out[2 * i] = x;
  out[2 * i + 1] = y;
}
