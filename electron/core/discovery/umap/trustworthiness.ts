// Trustworthiness (Venna & Kaski; sklearn.manifold.trustworthiness): how far the layout's k
// nearest neighbours of a point are, in the original space's ranking, from being its true k
// nearest. 1 means every layout neighbour is a true neighbour. The sum runs over a sample of
// rows, each ranked against all points exactly, and is scaled to the full-data value.
import type { VectorSet } from '../vectors.js';
import { SeededRandom } from '../seeded-random.js';

/**
 * `low` is count×2 (or count×d for any d dividing its length by count). `sampleRows` rows
 * (default: all) are drawn with `seed`; the cost is sampleRows × count × dim.
 */
export function trustworthiness(high: VectorSet, low: Float32Array, k = 15, sampleRows?: number, seed = 0): number {
  const n = high.count;
  const lowDim = low.length / n;
  if (!Number.isInteger(lowDim))
    throw new RangeError('low-dimensional layout length is not a multiple of the point count');
  if (!(k >= 1 && k < n / 2)) throw new RangeError(`k must be in [1, n/2), got ${k} for n = ${n}`);
  const rows =
    sampleRows === undefined || sampleRows >= n
      ? Int32Array.from({ length: n }, (_, i) => i)
      : new SeededRandom(seed).sampleWithoutReplacement(n, sampleRows);

  const highDistance = new Float64Array(n);
  const lowDistance = new Float64Array(n);
  const lowNearest = new Int32Array(k);
  const lowNearestDistance = new Float64Array(k);
  let penalty = 0;
  for (const i of rows) {
    squaredDistances(high.data, high.dim, i, highDistance);
    squaredDistances(low, lowDim, i, lowDistance);
    nearestK(lowDistance, i, lowNearest, lowNearestDistance);
    for (let r = 0; r < k; r++) {
      // Rank of the layout neighbour among all other points by original distance (1 = nearest);
      // ties are broken by index, as a stable argsort would.
      const j = lowNearest[r];
      const dj = highDistance[j];
      let rank = 1;
      for (let l = 0; l < n; l++) {
        if (l === i) continue;
        const dl = highDistance[l];
        if (dl < dj || (dl === dj && l < j)) rank++;
      }
      if (rank > k) penalty += rank - k;
    }
  }
  return 1 - (2 / (rows.length * k * (2 * n - 3 * k - 1))) * penalty;
}

function squaredDistances(data: Float32Array, dim: number, i: number, out: Float64Array): void {
  const base = i * dim;
  for (let j = 0, row = 0; j < out.length; j++, row += dim) {
    let s = 0;
    for (let d = 0; d < dim; d++) {
      const diff = data[base + d] - data[row + d];
      s += diff * diff;
    }
    out[j] = s;
  }
}

/** The k smallest entries of `distances` other than `self`, by insertion into a sorted list. */
function nearestK(distances: Float64Array, self: number, indices: Int32Array, values: Float64Array): void {
  const k = indices.length;
  values.fill(Infinity);
  indices.fill(-1);
  for (let j = 0; j < distances.length; j++) {
    const d = distances[j];
    if (j === self || d >= values[k - 1]) continue;
    let p = k - 1;
    while (p > 0 && values[p - 1] > d) {
      values[p] = values[p - 1];
      indices[p] = indices[p - 1];
      p--;
    }
    values[p] = d;
    indices[p] = j;
  }
}
