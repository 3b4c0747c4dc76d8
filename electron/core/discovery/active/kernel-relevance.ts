// A model of the user's relevance over the embedding, as Astronomaly's NeighbourScore keeps
// one (Lochner & Bassett 2021): a Gaussian-kernel regression of the label targets, plus how
// much labelled evidence lies near each row. Near labelled rows the model's guess is
// trusted; far from all of them it is not, and the prior anomaly score should speak.
//
// The UI re-ranks after every label, so the per-row kernel sums are kept and updated by the
// difference between the labels they reflect and the labels asked for: one new label costs
// one pass over the vectors (count × dim), not one pass per label.
import type { KnnGraph, VectorSet } from '../vectors.js';
import type { LabelledRow } from './labelled-row.js';

/** The neighbour whose distance sets the kernel width: the scale of "the same kind of object". */
export const BANDWIDTH_NEIGHBOUR = 10;
/** Rows whose neighbour distances estimate the bandwidth when no kNN graph is given. */
const BANDWIDTH_SAMPLE = 64;

/**
 * Median distance from a row to its BANDWIDTH_NEIGHBOUR-th nearest neighbour: from the graph
 * when one is given (free), else by brute force from a fixed stride sample of rows.
 */
export function kernelBandwidth(vectors: VectorSet, graph?: KnnGraph | null): number {
  const k = BANDWIDTH_NEIGHBOUR;
  let distances: Float64Array;
  if (graph && graph.count === vectors.count && graph.k >= 1) {
    const column = Math.min(k, graph.k) - 1;
    distances = new Float64Array(graph.count);
    let kept = 0;
    for (let i = 0; i < graph.count; i++) {
      const d = graph.distances[i * graph.k + column];
      if (Number.isFinite(d)) distances[kept++] = d;
    }
    distances = distances.subarray(0, kept);
  } else {
    distances = sampledNeighbourDistances(vectors, k);
  }
  if (distances.length === 0) return 1;
  distances.sort();
  const median = distances[distances.length >> 1];
  // Duplicated rows give a zero median; any positive width then still ranks by distance.
  return median > 0 ? median : 1;
}

function sampledNeighbourDistances(vectors: VectorSet, k: number): Float64Array {
  const { data, count, dim } = vectors;
  const take = Math.min(count, BANDWIDTH_SAMPLE);
  const kth = Math.min(k, count - 1);
  if (kth < 1) return new Float64Array(0);
  const out = new Float64Array(take);
  const squared = new Float64Array(count);
  for (let s = 0; s < take; s++) {
    const q = Math.floor((s * count) / take) * dim;
    for (let j = 0; j < count; j++) {
      const x = j * dim;
      let sum = 0;
      for (let d = 0; d < dim; d++) {
        const diff = data[x + d] - data[q + d];
        sum += diff * diff;
      }
      squared[j] = sum;
    }
    // The query itself sits at distance 0 in position 0, so the k-th neighbour is at index kth.
    squared.sort();
    out[s] = Math.sqrt(squared[kth]);
  }
  return out;
}

/**
 * Running kernel sums per row: weight[i] = Σ_j K(i, j) and weightedTarget[i] = Σ_j K(i, j)·y_j
 * over the labelled rows j, with K(i, j) = exp(−|x_i − x_j|² / 2h²).
 */
export class KernelRelevance {
  readonly weight: Float64Array;
  readonly weightedTarget: Float64Array;
  /** The labels the sums currently reflect. */
  private readonly applied = new Map<number, number>();
  private readonly column: Float64Array;

  constructor(
    readonly vectors: VectorSet,
    readonly bandwidth: number,
  ) {
    if (!(bandwidth > 0)) throw new RangeError(`kernel bandwidth must be positive, got ${bandwidth}`);
    this.weight = new Float64Array(vectors.count);
    this.weightedTarget = new Float64Array(vectors.count);
    this.column = new Float64Array(vectors.count);
  }

  /** Brings the sums to exactly `labelled`, touching only labels that were added, removed or changed. */
  update(labelled: readonly LabelledRow[]): void {
    const wanted = new Map<number, number>();
    for (const { row, target } of labelled) wanted.set(row, target);
    if (wanted.size === 0) {
      // Start clean rather than subtract everything: no rounding residue survives a reset.
      this.weight.fill(0);
      this.weightedTarget.fill(0);
      this.applied.clear();
      return;
    }
    for (const [row, target] of [...this.applied]) {
      if (wanted.get(row) !== target) this.apply(row, target, -1);
    }
    for (const [row, target] of wanted) {
      if (!this.applied.has(row)) this.apply(row, target, 1);
    }
  }

  private apply(row: number, target: number, sign: 1 | -1): void {
    const { data, count, dim } = this.vectors;
    const column = this.column;
    const scale = -1 / (2 * this.bandwidth * this.bandwidth);
    const q = row * dim;
    for (let i = 0; i < count; i++) {
      const x = i * dim;
      let sum = 0;
      for (let d = 0; d < dim; d++) {
        const diff = data[x + d] - data[q + d];
        sum += diff * diff;
      }
      column[i] = Math.exp(sum * scale);
    }
    const { weight, weightedTarget } = this;
    for (let i = 0; i < count; i++) {
      weight[i] += sign * column[i];
      weightedTarget[i] += sign * column[i] * target;
    }
    if (sign > 0) this.applied.set(row, target);
    else this.applied.delete(row);
  }
}
