// Agglomerative clustering of a few thousand vectors at most (the top anomalies, grouped into
// "families" of look-alikes): average linkage on Euclidean distance, by the nearest-neighbour
// chain (O(n²) time and memory on a full distance matrix), cut at a distance threshold scaled by
// the data. No clustering library is in the stack, and n ≤ 2000 keeps the matrix at 32 MB.
import { vectorRow, type VectorSet } from '../vectors.js';

/**
 * Groups join while the average distance between them is at most this many times the median
 * nearest-neighbour distance among the points: scaled by the data so the embedding's units do not
 * matter, and robust to the few far-off singletons (they move the median little).
 */
export const FAMILY_THRESHOLD_FACTOR = 2;

/** One merge of the dendrogram: two clusters, named by one point of each, joined at `height`. */
export interface Merge {
  a: number;
  b: number;
  height: number;
}

function euclidean(x: Float32Array, y: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += (x[i] - y[i]) ** 2;
  return Math.sqrt(sum);
}

/** The full n×n matrix of Euclidean distances, row-major. */
export function distanceMatrix(points: VectorSet): Float64Array {
  const n = points.count;
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) d[i * n + j] = d[j * n + i] = euclidean(vectorRow(points, i), vectorRow(points, j));
  return d;
}

/** Median over points of the distance to their nearest other point (0 for fewer than 2 points). */
export function medianNearestDistance(d: Float64Array, n: number): number {
  if (n < 2) return 0;
  const nearest: number[] = [];
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < n; j++) if (j !== i && d[i * n + j] < best) best = d[i * n + j];
    nearest.push(best);
  }
  nearest.sort((x, y) => x - y);
  const mid = n >> 1;
  return n % 2 === 1 ? nearest[mid] : (nearest[mid - 1] + nearest[mid]) / 2;
}

/**
 * The n−1 merges of average linkage over the distance matrix `d` (consumed: it holds cluster
 * distances afterwards). Average linkage is reducible, so the chain's reciprocal nearest pairs
 * give the same dendrogram as merging the globally closest pair each time.
 */
export function averageLinkage(d: Float64Array, n: number): Merge[] {
  const active = new Uint8Array(n).fill(1);
  const size = new Float64Array(n).fill(1);
  const merges: Merge[] = [];
  const chain: number[] = [];
  let next = 0;
  while (merges.length < n - 1) {
    if (chain.length === 0) {
      while (!active[next]) next++;
      chain.push(next);
    }
    const a = chain[chain.length - 1];
    const previous = chain.length > 1 ? chain[chain.length - 2] : -1;
    // Ties go to the previous link, so the chain ends instead of cycling.
    let b = previous;
    let best = previous >= 0 ? d[a * n + previous] : Infinity;
    for (let k = 0; k < n; k++)
      if (active[k] && k !== a && d[a * n + k] < best) {
        best = d[a * n + k];
        b = k;
      }
    if (b !== previous) {
      chain.push(b);
      continue;
    }
    chain.length -= 2;
    merges.push({ a, b, height: best });
    // Lance–Williams for average linkage: the merged cluster lives on at row a.
    for (let k = 0; k < n; k++) {
      if (!active[k] || k === a || k === b) continue;
      const joined = (size[a] * d[a * n + k] + size[b] * d[b * n + k]) / (size[a] + size[b]);
      d[a * n + k] = d[k * n + a] = joined;
    }
    size[a] += size[b];
    active[b] = 0;
  }
  return merges;
}

/** Cluster label of each point when the dendrogram is cut at `threshold` (merges at most that high are kept). */
export function cutMerges(merges: readonly Merge[], n: number, threshold: number): Int32Array {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  // Average linkage has no inversions, so the merges under the cut form whole subtrees.
  for (const m of merges) if (m.height <= threshold) parent[root(m.a)] = root(m.b);
  return Int32Array.from({ length: n }, (_, i) => root(i));
}

export interface Clustering {
  /** Each cluster's point rows, ascending; clusters in the order of their first point. */
  clusters: number[][];
  /** The cut: FAMILY_THRESHOLD_FACTOR × the median nearest-neighbour distance. */
  threshold: number;
}

/** Average-linkage clusters of the points, cut at the data-scaled threshold. */
export function clusterPoints(points: VectorSet, factor = FAMILY_THRESHOLD_FACTOR): Clustering {
  const n = points.count;
  const d = distanceMatrix(points);
  const threshold = factor * medianNearestDistance(d, n);
  const labels = cutMerges(averageLinkage(d, n), n, threshold);
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const members = byLabel.get(labels[i]);
    if (members) members.push(i);
    else byLabel.set(labels[i], [i]);
  }
  return { clusters: [...byLabel.values()], threshold };
}

/** The row of `rows` nearest their centroid (the first such row on a tie). */
export function nearestToCentroid(points: VectorSet, rows: readonly number[]): number {
  const centroid = new Float32Array(points.dim);
  for (const r of rows) {
    const v = vectorRow(points, r);
    for (let c = 0; c < points.dim; c++) centroid[c] += v[c] / rows.length;
  }
  let best = rows[0];
  let bestDistance = Infinity;
  for (const r of rows) {
    const distance = euclidean(vectorRow(points, r), centroid);
    if (distance < bestDistance) [best, bestDistance] = [r, distance];
  }
  return best;
}
