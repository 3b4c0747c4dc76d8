// Per-point scales of the fuzzy neighbourhood (umap-learn's smooth_knn_dist). For point i,
// rho_i is the distance to its nearest non-identical neighbour, so every point is connected to
// at least one other with full weight, and sigma_i is found by bisection so that
//   sum_j exp(-max(0, d_ij - rho_i) / sigma_i) = log2(k + 1).
// The graph's k neighbours exclude the point itself while umap-learn's n_neighbors counts it,
// so a graph with k = n_neighbors - 1 reproduces umap-learn's target and neighbour set.
import type { KnnGraph } from '../vectors.js';

export interface SmoothKnnScales {
  /** Per point: the bandwidth sigma_i. */
  sigmas: Float64Array;
  /** Per point: the local-connectivity offset rho_i (distance to the nearest non-zero neighbour). */
  rhos: Float64Array;
}

/** The bisection stops when the sum is this close to its target (umap-learn's SMOOTH_K_TOLERANCE). */
export const SMOOTH_K_TOLERANCE = 1e-5;
/** Sigma never falls below this fraction of the mean neighbour distance, so isolated duplicates stay finite. */
export const MIN_K_DIST_SCALE = 1e-3;
const BISECTION_STEPS = 64;

/** The value sum_j exp(-max(0, d_ij - rho_i)/sigma_i) is driven to for a graph with k neighbours per point. */
export function smoothKnnTarget(k: number): number {
  return Math.log2(k + 1);
}

export function smoothKnnScales(graph: KnnGraph): SmoothKnnScales {
  const { count, k, indices, distances } = graph;
  const target = smoothKnnTarget(k);
  const sigmas = new Float64Array(count);
  const rhos = new Float64Array(count);

  let globalSum = 0;
  let globalCount = 0;
  for (let e = 0; e < count * k; e++) {
    if (indices[e] >= 0) {
      globalSum += distances[e];
      globalCount++;
    }
  }
  const globalMean = globalCount > 0 ? globalSum / globalCount : 0;

  for (let i = 0; i < count; i++) {
    const row = i * k;
    let rho = 0;
    let rowSum = 0;
    let rowCount = 0;
    for (let j = 0; j < k; j++) {
      if (indices[row + j] < 0) continue;
      const d = distances[row + j];
      rowSum += d;
      rowCount++;
      if (d > 0 && rho === 0) rho = d; // neighbours come nearest first: the first non-zero one
    }

    const mid = bisectBandwidth(target, (sigma) => {
      let sum = 0;
      for (let j = 0; j < k; j++) {
        if (indices[row + j] < 0) continue;
        const excess = distances[row + j] - rho;
        sum += excess > 0 ? Math.exp(-excess / sigma) : 1;
      }
      return sum;
    });

    const floorMean = rho > 0 ? (rowCount > 0 ? rowSum / rowCount : 0) : globalMean;
    sigmas[i] = Math.max(mid, MIN_K_DIST_SCALE * floorMean);
    rhos[i] = rho;
  }
  return { sigmas, rhos };
}

/**
 * The bandwidth σ at which `membership(σ)`, a sum of exp(−distance/σ) that grows with σ, reaches
 * `target` (log2 k): bisection, doubling σ until it brackets the target. Shared by the graph's
 * rows and by objects placed on a fixed reference.
 */
export function bisectBandwidth(target: number, membership: (sigma: number) => number): number {
  let lo = 0;
  let hi = Infinity;
  let mid = 1;
  for (let step = 0; step < BISECTION_STEPS; step++) {
    const sum = membership(mid);
    if (Math.abs(sum - target) < SMOOTH_K_TOLERANCE) break;
    if (sum > target) {
      hi = mid;
      mid = (lo + hi) / 2;
    } else {
      lo = mid;
      mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
    }
  }
  return mid;
}
