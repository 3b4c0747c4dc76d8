// Neighbour-based anomaly scores read straight off a kNN graph (exact or from the ANN index):
// the distance to the k-th neighbour (or the mean of the k), and the local outlier factor
// (Breunig et al. 2000) exactly as scikit-learn's LocalOutlierFactor(novelty=False) computes
// it for its training rows. Higher = more anomalous for both. Neither needs the vectors, so
// they cost O(count * k) once the graph exists.
import type { KnnGraph } from '../vectors.js';

export interface KnnDistanceOptions {
  /** Neighbours to use (the first k of each row); default and maximum the graph's k. */
  k?: number;
  /** 'kth': distance to the k-th neighbour (default); 'mean': mean distance to the k. */
  aggregate?: 'kth' | 'mean';
}

/** scikit-learn adds this to mean reachability distances so duplicates do not divide by zero. */
const LRD_GUARD = 1e-10;

function usableK(graph: KnnGraph, k: number | undefined): number {
  const chosen = k ?? graph.k;
  if (!Number.isInteger(chosen) || chosen < 1 || chosen > graph.k) {
    throw new Error(`k must be an integer in [1, ${graph.k}], got ${chosen}`);
  }
  return chosen;
}

/**
 * Distance to the k-th nearest neighbour, or the mean over the k nearest. Where a row has
 * fewer than k neighbours (a collection of k rows or fewer) only the ones present count;
 * a row with none scores 0.
 */
export function knnDistanceScore(graph: KnnGraph, options: KnnDistanceOptions = {}): Float64Array {
  const k = usableK(graph, options.k);
  const mean = options.aggregate === 'mean';
  const { count, indices, distances } = graph;
  const stride = graph.k;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const row = i * stride;
    let sum = 0;
    let present = 0;
    let farthest = 0;
    for (let j = 0; j < k; j++) {
      if (indices[row + j] < 0) break;
      farthest = distances[row + j];
      sum += farthest;
      present++;
    }
    out[i] = mean ? (present > 0 ? sum / present : 0) : farthest;
  }
  return out;
}

/**
 * Local outlier factor per row with `k` neighbours (scikit-learn's n_neighbors): the mean,
 * over a row's neighbours o, of lrd(o) / lrd(row), where lrd is the inverse of the mean
 * reachability distance max(k-distance(o), d(row, o)). About 1 inside a homogeneous region,
 * well above 1 for a point sparser than its neighbours. Equals -negative_outlier_factor_.
 * Missing neighbours (index -1) are skipped; a row with none gets LOF 1.
 */
export function localOutlierFactor(graph: KnnGraph, k?: number): Float64Array {
  const useK = usableK(graph, k);
  const { count, indices, distances } = graph;
  const stride = graph.k;

  // k-distance: distance to the k-th neighbour (or the farthest one present).
  const kDistance = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const row = i * stride;
    for (let j = 0; j < useK && indices[row + j] >= 0; j++) kDistance[i] = distances[row + j];
  }

  const density = new Float64Array(count); // local reachability density
  for (let i = 0; i < count; i++) {
    const row = i * stride;
    let sum = 0;
    let present = 0;
    for (let j = 0; j < useK; j++) {
      const o = indices[row + j];
      if (o < 0) break;
      const d = distances[row + j];
      sum += d > kDistance[o] ? d : kDistance[o];
      present++;
    }
    density[i] = present > 0 ? 1 / (sum / present + LRD_GUARD) : NaN;
  }

  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const row = i * stride;
    let sum = 0;
    let present = 0;
    for (let j = 0; j < useK; j++) {
      const o = indices[row + j];
      if (o < 0) break;
      sum += density[o];
      present++;
    }
    out[i] = present > 0 ? sum / present / density[i] : 1;
  }
  return out;
}
