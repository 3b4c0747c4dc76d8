// How stable a learned embedding is under the training augmentations, per object: encoding each
// batch, the encoder also sees STABILITY_VIEWS augmented views of every object (the views the
// training itself makes: the architecture's viewMaker, one source) and the object's raw figure is
// the mean distance from its embedding to its views'. The run then divides it by the typical
// nearest-neighbour distance in the embedding, so the exported `embedding_stability` reads as
// "how far a re-take moves the object, compared with its neighbours": ≪ 1 stable, ~1 or more a
// position the augmentations alone can change. Views are seeded per object (the run's seed and the
// object's input row), so the figure does not depend on batching or on the encoding threads.
// No Node imports: the desktop app's GPU window bundles it (through model-job.ts).
import { SeededRandom } from '../../seeded-random.js';
import type { RandomSource } from '../../../../../native-models/image/astro-augmentations.js';

/** Augmented views encoded per object. */
export const STABILITY_VIEWS = 4;

/** Objects whose nearest-neighbour distance makes the typical one (each against every object). */
const NEIGHBOUR_SAMPLE = 256;

export type ViewMaker = (src: Float32Array, dst: Float32Array, random: RandomSource) => void;

/** Encodes `count` inputs laid one after another in `batch`; their vectors, `count × dim`. */
export type BatchEncoder = (batch: Float32Array, count: number) => Promise<Float32Array>;

/** The seed of one object's views: the run's seed and the object's input row, mixed. */
function viewSeed(seed: number, row: number): number {
  return (Math.imul(row + 1, 0x9e3779b1) ^ seed) >>> 0;
}

/**
 * The mean distance from each of `count` objects' `vectors` to the vectors of its STABILITY_VIEWS views, the views made
 * from `batch` (one `inputLength` input per object, of input rows `rows`) and encoded in one call of `encode`.
 */
export async function meanViewDistance(
  batch: Float32Array,
  vectors: Float32Array,
  options: {
    count: number;
    dim: number;
    inputLength: number;
    rows: ArrayLike<number>;
    seed: number;
    makeView: ViewMaker;
    encode: BatchEncoder;
    views?: number;
  },
): Promise<Float32Array> {
  const { count, dim, inputLength, rows, makeView } = options;
  const views = options.views ?? STABILITY_VIEWS;
  const viewInputs = new Float32Array(views * count * inputLength);
  for (let i = 0; i < count; i++) {
    const random = new SeededRandom(viewSeed(options.seed, rows[i]));
    const src = batch.subarray(i * inputLength, (i + 1) * inputLength);
    for (let v = 0; v < views; v++) {
      const at = (v * count + i) * inputLength;
      makeView(src, viewInputs.subarray(at, at + inputLength), random);
    }
  }
  const viewVectors = await options.encode(viewInputs, views * count);
  const distance = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let sum = 0;
    for (let v = 0; v < views; v++) sum += euclidean(vectors, i * dim, viewVectors, (v * count + i) * dim, dim);
    distance[i] = sum / views;
  }
  return distance;
}

function euclidean(a: Float32Array, at: number, b: Float32Array, bt: number, dim: number): number {
  let sum = 0;
  for (let d = 0; d < dim; d++) {
    const diff = a[at + d] - b[bt + d];
    sum += diff * diff;
  }
  return Math.sqrt(sum);
}

/**
 * The median distance from an object to its nearest other object in `vectors` (`count × dim`), over a seeded sample
 * of NEIGHBOUR_SAMPLE objects each against all (exact; 256 × count × dim operations, seconds at a million rows).
 * 0 when every object coincides.
 */
export function typicalNeighbourDistance(vectors: Float32Array, count: number, dim: number, seed = 0): number {
  if (count < 2) return 0;
  const sample = new SeededRandom(seed).sampleWithoutReplacement(count, Math.min(NEIGHBOUR_SAMPLE, count));
  const nearest = Array.from(sample, (i) => {
    let best = Infinity;
    for (let j = 0; j < count; j++)
      if (j !== i) best = Math.min(best, euclidean(vectors, i * dim, vectors, j * dim, dim));
    return best;
  });
  nearest.sort((a, b) => a - b);
  const mid = nearest.length >> 1;
  return nearest.length % 2 ? nearest[mid] : (nearest[mid - 1] + nearest[mid]) / 2;
}

/** Each object's view distance over the typical neighbour distance; the raw distances where that is 0. */
export function viewStability(distances: Float32Array, typical: number): Float32Array {
  return typical > 0 ? distances.map((d) => d / typical) : Float32Array.from(distances);
}
