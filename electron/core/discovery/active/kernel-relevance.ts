// A model of the user's relevance over the embedding, as Astronomaly's NeighbourScore keeps
// one (Lochner & Bassett 2021): a Gaussian-kernel regression of the label targets, plus how
// much labelled evidence lies near each row. Near labelled rows the model's guess is
// trusted; far from all of them it is not, and the prior anomaly score should speak. A
// label's kernel is either one width for all, or as wide as that row's own distance to its
// k-th neighbour (see KernelWidth).
//
// The UI re-ranks after every label, so the per-row kernel sums are kept and updated by the
// difference between the labels they reflect and the labels asked for: one new label costs
// one pass over the vectors (count × dim), not one pass per label. Many changed labels at once
// (a box selection) can be applied a few passes at a time (update's budget), so that no
// single call holds the thread for seconds at a million rows.
import type { KnnGraph, VectorSet } from '../vectors.js';
import type { LabelledRow } from './labelled-row.js';

/** The neighbour whose distance sets the kernel width: the scale of "the same kind of object". */
export const BANDWIDTH_NEIGHBOUR = 10;
/** −ln of the smallest kernel weight still added (see accumulate). */
const KERNEL_CUTOFF = 46;
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
 * How wide each labelled row's kernel is. 'fixed': one width for every label. 'adaptive': each
 * label's own distance to its `neighbour`-th nearest row, times `scale`, so a label reaches
 * about the same number of look-alikes in a sparse region (where anomalies and the head of
 * the queue live) as in a dense one; a fixed width tuned to the dense bulk barely reaches past
 * an outlier's own position.
 */
export type KernelWidth = { kind: 'fixed'; bandwidth: number } | { kind: 'adaptive'; neighbour: number; scale: number };

/**
 * Running kernel sums per row: weight[i] = Σ_j K(i, j) and weightedTarget[i] = Σ_j K(i, j)·y_j
 * over the labelled rows j, with K(i, j) = exp(−|x_i − x_j|² / 2h_j²).
 */
export class KernelRelevance {
  readonly weight: Float64Array;
  readonly weightedTarget: Float64Array;
  /** The labels the sums currently reflect, with the width each was applied with (to take it back exactly). */
  private readonly applied = new Map<number, { target: number; bandwidth: number }>();
  /** The labels an unfinished update is bringing the sums to (null when they are there). */
  private wanted: Map<number, number> | null = null;
  private readonly column: Float64Array;
  private readonly query: Float64Array;

  constructor(
    readonly vectors: VectorSet,
    readonly width: KernelWidth,
  ) {
    if (width.kind === 'fixed' && !(width.bandwidth > 0))
      throw new RangeError(`kernel bandwidth must be positive, got ${width.bandwidth}`);
    if (width.kind === 'adaptive' && !(Number.isInteger(width.neighbour) && width.neighbour >= 1 && width.scale > 0)) {
      throw new RangeError(
        `adaptive kernel needs a neighbour rank >= 1 and a positive scale, got ${width.neighbour} and ${width.scale}`,
      );
    }
    this.weight = new Float64Array(vectors.count);
    this.weightedTarget = new Float64Array(vectors.count);
    this.column = new Float64Array(vectors.count);
    this.query = new Float64Array(vectors.dim);
  }

  /**
   * Brings the sums to exactly `labelled`, touching only labels that were added, removed or
   * changed. Each such label costs a pass over the vectors; with `maxPasses`, at most that many
   * are made now and the rest wait for continueUpdate (pending stays true until then). Between
   * passes the sums are always those of some whole set of labels, never of a half-applied one.
   * Returns whether the sums now reflect `labelled`.
   */
  update(labelled: readonly LabelledRow[], maxPasses = Infinity): boolean {
    const wanted = new Map<number, number>();
    for (const { row, target } of labelled) wanted.set(row, target);
    if (wanted.size === 0) {
      // Start clean rather than subtract everything: no rounding residue survives a reset.
      this.weight.fill(0);
      this.weightedTarget.fill(0);
      this.applied.clear();
      this.wanted = null;
      return true;
    }
    this.wanted = wanted;
    return this.continueUpdate(maxPasses);
  }

  /** Whether the last update stopped at its budget with labels still to apply or take back. */
  get pending(): boolean {
    return this.wanted !== null;
  }

  /** Makes up to `maxPasses` more of the last update's changes; returns whether it is complete. */
  continueUpdate(maxPasses = Infinity): boolean {
    const wanted = this.wanted;
    if (!wanted) return true;
    let passes = 0;
    for (const [row, { target }] of [...this.applied]) {
      if (wanted.get(row) === target) continue;
      if (passes++ >= maxPasses) return false;
      this.remove(row);
    }
    for (const [row, target] of wanted) {
      if (this.applied.has(row)) continue;
      if (passes++ >= maxPasses) return false;
      this.add(row, target);
    }
    this.wanted = null;
    return true;
  }

  private add(row: number, target: number): void {
    const squared = this.squaredDistancesFrom(row);
    const bandwidth =
      this.width.kind === 'fixed'
        ? this.width.bandwidth
        : this.width.scale * this.neighbourDistance(row, this.width.neighbour);
    this.accumulate(squared, target, bandwidth, 1);
    this.applied.set(row, { target, bandwidth });
  }

  private remove(row: number): void {
    const { target, bandwidth } = this.applied.get(row)!;
    this.accumulate(this.squaredDistancesFrom(row), target, bandwidth, -1);
    this.applied.delete(row);
  }

  /** One pass over the vectors, the cost of a label at a million rows: four running sums keep the CPU's adders busy. */
  private squaredDistancesFrom(row: number): Float64Array {
    const { data, count, dim } = this.vectors;
    const column = this.column;
    const query = this.query;
    for (let d = 0; d < dim; d++) query[d] = data[row * dim + d];
    const blocked = dim - (dim % 4);
    for (let i = 0; i < count; i++) {
      const x = i * dim;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let d = 0;
      for (; d < blocked; d += 4) {
        const a = data[x + d] - query[d];
        const b = data[x + d + 1] - query[d + 1];
        const c = data[x + d + 2] - query[d + 2];
        const e = data[x + d + 3] - query[d + 3];
        s0 += a * a;
        s1 += b * b;
        s2 += c * c;
        s3 += e * e;
      }
      for (; d < dim; d++) {
        const a = data[x + d] - query[d];
        s0 += a * a;
      }
      column[i] = s0 + s1 + (s2 + s3);
    }
    return column;
  }

  /**
   * Distance from `row` to its k-th nearest other row (in this.column, squared); the nearest
   * positive distance where duplicates make that 0. The k smallest are kept in a small sorted
   * buffer: nearly every row fails the one compare with its largest, which beats a quickselect
   * over a million-value copy.
   */
  private neighbourDistance(row: number, k: number): number {
    const squared = this.column;
    const n = squared.length - 1;
    if (n <= 0) return 1;
    const keep = Math.min(k, n);
    const smallest = new Float64Array(keep).fill(Infinity);
    let nearestPositive = Infinity;
    for (let i = 0; i < squared.length; i++) {
      if (i === row) continue;
      const value = squared[i];
      if (value > 0 && value < nearestPositive) nearestPositive = value;
      if (value >= smallest[keep - 1]) continue;
      let at = keep - 1;
      while (at > 0 && smallest[at - 1] > value) {
        smallest[at] = smallest[at - 1];
        at--;
      }
      smallest[at] = value;
    }
    const kth = smallest[keep - 1];
    if (kth > 0) return Math.sqrt(kth);
    return Number.isFinite(nearestPositive) ? Math.sqrt(nearestPositive) : 1;
  }

  private accumulate(squared: Float64Array, target: number, bandwidth: number, sign: 1 | -1): void {
    const scale = -1 / (2 * bandwidth * bandwidth);
    // Past this distance a kernel weight is below e^-KERNEL_CUTOFF (about 1e-20 of a label's own
    // weight): skipping those rows leaves every sum unchanged to far below float64 precision of
    // anything the queue compares, and spares most of a million exp calls.
    const farthest = KERNEL_CUTOFF / -scale;
    const { weight, weightedTarget } = this;
    for (let i = 0; i < squared.length; i++) {
      const distance = squared[i];
      if (distance > farthest) continue;
      const k = sign * Math.exp(distance * scale);
      weight[i] += k;
      weightedTarget[i] += k * target;
    }
  }
}
