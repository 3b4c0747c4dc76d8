// Seeded standard-normal values for tests: a flat array, a row-major matrix, or a VectorSet.
// Draws go in row-major order, one per value, so a seed gives the same numbers whichever
// shape asks for them.
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import type { VectorSet } from '../../electron/core/discovery/vectors.js';

/** `length` draws of N(0, spread²) from `random`, which moves on (for callers sharing one stream). */
export function gaussianValues(length: number, random: SeededRandom, spread = 1): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = spread * random.nextGaussian();
  return out;
}

/** A `rows` × `cols` row-major matrix of N(0, 1) values from its own `seed`. */
export function gaussianMatrix(rows: number, cols: number, seed: number): Float32Array {
  return gaussianValues(rows * cols, new SeededRandom(seed));
}

/** `count` vectors of `dim` N(0, spread²) values from their own `seed`. */
export function gaussianVectors(count: number, dim: number, seed: number, spread = 1): VectorSet {
  return { data: gaussianValues(count * dim, new SeededRandom(seed), spread), count, dim };
}
