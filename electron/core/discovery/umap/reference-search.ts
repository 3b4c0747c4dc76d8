// Exact k nearest reference points of each object placed on a map reference. Exact, so that
// the answer is the same whatever searched it (a shard, a single machine, any page): each
// distance is computed directly as Σ(q − r)² in float64, in dimension order, and ties go to
// the lower index. Searching every reference point for every object is what made placing slow
// (10,000 × 32-d points: ~0.4 ms an object), so the reference is split into clusters (a
// seeded k-means) and the triangle inequality skips a cluster, or a member, that cannot hold a
// point nearer than the k-th found so far. Bounds are checked with a little slack, so that
// rounding can never skip a true neighbour.
import { SeededRandom } from '../seeded-random.js';
import type { VectorSet } from '../vectors.js';

export interface ReferenceIndex {
  vectors: VectorSet;
  clusters: number;
  centroids: Float64Array;
  /** Members of cluster c are order[start[c]..start[c + 1]), nearest to its centroid last. */
  start: Int32Array;
  order: Int32Array;
  /** Per entry of `order`: that point's distance to its cluster's centroid. */
  centroidDistance: Float64Array;
  /** Per cluster: its farthest member's distance to the centroid. */
  radius: Float64Array;
}

export interface ReferenceNeighbours {
  /** rows × k, nearest first; distances Euclidean. */
  indices: Int32Array;
  distances: Float64Array;
}

const KMEANS_ITERATIONS = 8;
/** Dimensions summed between two checks of a partial distance against the k-th. */
const PARTIAL_STEP = 8;
/** Relative slack on every pruning bound: far above float64 rounding, far below any real gap. */
const SLACK = 1e-9;

function squaredDistance(a: ArrayLike<number>, aStart: number, b: ArrayLike<number>, bStart: number, dim: number) {
  let sum = 0;
  for (let j = 0; j < dim; j++) {
    const d = a[aStart + j] - b[bStart + j];
    sum += d * d;
  }
  return sum;
}

/**
 * Σ(q − r)², or any partial sum once it passes `bound` (the sums of squares only grow, in floating point too): most
 * candidates are rejected after a few dimensions. Below the bound it is the full sum, added in dimension order.
 */
function boundedSquaredDistance(
  a: Float32Array,
  aStart: number,
  b: Float32Array,
  bStart: number,
  dim: number,
  bound: number,
): number {
  let sum = 0;
  let j = 0;
  while (j < dim) {
    const end = Math.min(dim, j + PARTIAL_STEP);
    for (; j < end; j++) {
      const d = a[aStart + j] - b[bStart + j];
      sum += d * d;
    }
    if (sum > bound) return sum;
  }
  return sum;
}

/** The first position in [from, to) of a descending run whose value is ≤ `limit` (binary search). */
function firstWithin(descending: Float64Array, from: number, to: number, limit: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (descending[mid] > limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Builds the clusters: about √count of them, seeded starts, a few Lloyd iterations. */
export function buildReferenceIndex(vectors: VectorSet, seed = 0): ReferenceIndex {
  const { data, count, dim } = vectors;
  const clusters = Math.max(1, Math.min(count, Math.round(Math.sqrt(count))));
  const centroids = new Float64Array(clusters * dim);
  const starts = new SeededRandom(seed).sampleWithoutReplacement(count, clusters);
  starts.forEach((row, c) => {
    for (let j = 0; j < dim; j++) centroids[c * dim + j] = data[row * dim + j];
  });
  const assignment = new Int32Array(count);
  const sizes = new Int32Array(clusters);
  for (let iteration = 0; iteration <= KMEANS_ITERATIONS; iteration++) {
    for (let i = 0; i < count; i++) {
      let best = 0;
      let bestDistance = Infinity;
      for (let c = 0; c < clusters; c++) {
        const d = squaredDistance(data, i * dim, centroids, c * dim, dim);
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      assignment[i] = best;
    }
    if (iteration === KMEANS_ITERATIONS) break;
    const sums = new Float64Array(clusters * dim);
    sizes.fill(0);
    for (let i = 0; i < count; i++) {
      const c = assignment[i];
      sizes[c]++;
      for (let j = 0; j < dim; j++) sums[c * dim + j] += data[i * dim + j];
    }
    // An emptied cluster keeps its centroid.
    for (let c = 0; c < clusters; c++) {
      if (sizes[c] > 0) for (let j = 0; j < dim; j++) centroids[c * dim + j] = sums[c * dim + j] / sizes[c];
    }
  }
  sizes.fill(0);
  for (let i = 0; i < count; i++) sizes[assignment[i]]++;
  const start = new Int32Array(clusters + 1);
  for (let c = 0; c < clusters; c++) start[c + 1] = start[c] + sizes[c];
  const distanceOf = Float64Array.from({ length: count }, (_, i) =>
    Math.sqrt(squaredDistance(data, i * dim, centroids, assignment[i] * dim, dim)),
  );
  const members = Int32Array.from({ length: count }, (_, i) => i);
  // By cluster, and within one farthest first (ties by index): a fixed order.
  members.sort((p, q) => assignment[p] - assignment[q] || distanceOf[q] - distanceOf[p] || p - q);
  const centroidDistance = Float64Array.from(members, (i) => distanceOf[i]);
  const radius = new Float64Array(clusters);
  for (let c = 0; c < clusters; c++) if (start[c + 1] > start[c]) radius[c] = centroidDistance[start[c]];
  return { vectors, clusters, centroids, start, order: members, centroidDistance, radius };
}

/** The k nearest reference points of each of `rows` row-major queries. */
export function searchReference(
  index: ReferenceIndex,
  queries: Float32Array,
  rows: number,
  k: number,
): ReferenceNeighbours {
  const { vectors, clusters, centroids, start, order, centroidDistance, radius } = index;
  const { data, dim } = vectors;
  const indices = new Int32Array(rows * k).fill(-1);
  const squared = new Float64Array(rows * k).fill(Infinity);
  const toCentroid = new Float64Array(clusters);
  for (let i = 0; i < rows; i++) {
    const q = i * dim;
    const top = i * k;
    const last = top + k - 1;
    let nearest = 0;
    for (let c = 0; c < clusters; c++) {
      toCentroid[c] = Math.sqrt(squaredDistance(queries, q, centroids, c * dim, dim));
      if (toCentroid[c] - radius[c] < toCentroid[nearest] - radius[nearest]) nearest = c;
    }
    // The k-th distance found so far, with the slack: nothing farther can enter. The most promising cluster goes
    // first and sets a tight reach, so most others are then skipped whole.
    let reach = Infinity;
    for (let v = -1; v < clusters; v++) {
      if (v === nearest) continue;
      const c = v < 0 ? nearest : v;
      const dq = toCentroid[c];
      if (dq - radius[c] > reach) continue;
      // Members lie farthest from the centroid first; |d(q, centroid) − d(r, centroid)| ≤ d(q, r) keeps only those
      // whose distance to the centroid is within `reach` of the query's.
      const end = start[c + 1];
      for (let m = firstWithin(centroidDistance, start[c], end, dq + reach); m < end; m++) {
        if (centroidDistance[m] < dq - reach) break;
        const r = order[m];
        const d = boundedSquaredDistance(queries, q, data, r * dim, dim, squared[last]);
        if (d > squared[last] || (d === squared[last] && r > indices[last])) continue;
        let p = last;
        while (p > top && (squared[p - 1] > d || (squared[p - 1] === d && indices[p - 1] > r))) {
          squared[p] = squared[p - 1];
          indices[p] = indices[p - 1];
          p--;
        }
        squared[p] = d;
        indices[p] = r;
        reach = Math.sqrt(squared[last]) * (1 + SLACK);
      }
    }
  }
  const distances = squared.map(Math.sqrt);
  return { indices, distances };
}
