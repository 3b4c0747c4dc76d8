// "More like the ones I marked": a few-shot classifier over the embedding (Stein+2021 and
// Walmsley+2022 find a linear model on good embeddings is what works with a handful of
// examples). Logistic regression on standardised vectors, classes balanced so five
// positives are not drowned by five hundred negatives. A user usually marks only examples
// of what they want, so a fixed sample of the unlabelled rows stands in for "everything
// else" (positive–unlabelled learning: the wanted kind is rare, so the sample is mostly
// negatives); explicit negatives count more than that background. Its least sure rows
// (p nearest 0.5) are the active-learning queue: labelling them teaches the model most.
import type { VectorSet } from '../vectors.js';
import { fitStandardiser, standardisedRows, type ColumnStandardiser, type Scaling } from './column-standardiser.js';
import { fitLogisticRegression, sigmoid, type LogisticModel } from './logistic-regression.js';
import { descendingOrder, rowMask, topOrder } from './ranking-order.js';

export interface LikeLabelsInput {
  vectors: VectorSet;
  /** Rows the user marked as wanted. At least one. */
  positives: readonly number[];
  /** Rows the user marked as not wanted; may be empty. */
  negatives: readonly number[];
  /** Only the first `limit` rows of the order are wanted (a queue page): no full sort. Default: all. */
  limit?: number;
  /** What `order` ranks by: most wanted first, or least sure first (|p − 0.5| ascending). Default probability. */
  orderBy?: LikeLabelsOrder;
  /**
   * fitStandardiser(vectors, scaling), when the caller keeps one: it depends on the vectors only, and costs two passes
   * over them.
   */
  standardiser?: ColumnStandardiser;
  options?: LikeLabelsOptions;
}

export type LikeLabelsOrder = 'probability' | 'uncertainty';

export interface LikeLabelsOptions {
  /** Unlabelled rows sampled as presumed negatives. Default 2000; 0 trains on the labels alone. */
  backgroundSample?: number;
  /** Weight of a background row relative to an explicit negative, before class balancing. Default 0.2. */
  backgroundWeight?: number;
  /** L2 penalty, relative to class weights that sum to 1 per class. Default 0.05. */
  l2?: number;
  /** How the vectors are scaled before fitting (see column-standardiser.ts). Default 'per-column'. */
  scaling?: Scaling;
}

export interface LikeLabelsResult {
  /** p(wanted) per row, labelled rows included (their fitted value, not their label). */
  probability: Float64Array;
  /** 1 − |2p − 1|: 1 where the model cannot tell, 0 where it is sure; the rows worth labelling next. */
  uncertainty: Float64Array;
  /** Unlabelled rows by descending probability or uncertainty (orderBy); only the first `limit` when one is given. */
  order: Int32Array;
  model: LogisticModel;
}

export function likeLabels(input: LikeLabelsInput): LikeLabelsResult {
  const { vectors, positives, negatives } = input;
  const { count, dim } = vectors;
  const backgroundSample = input.options?.backgroundSample ?? 2000;
  const backgroundWeight = input.options?.backgroundWeight ?? 0.2;
  const l2 = input.options?.l2 ?? 0.05;
  if (positives.length === 0) throw new Error('"more like these" needs at least one positive example');
  const labelled = rowMask(count, [...positives, ...negatives]);
  if (positives.length + negatives.length !== countOnes(labelled))
    throw new Error('a row is listed twice among positives and negatives');

  const background = strideSampleOfUnmarked(labelled, backgroundSample);
  const rows = [...positives, ...negatives, ...background];
  const targets = new Float64Array(rows.length);
  const weights = new Float64Array(rows.length);
  targets.fill(1, 0, positives.length);
  // Balanced classes: the positives share weight 1, the negative side shares weight 1.
  weights.fill(1 / positives.length, 0, positives.length);
  const negativeMass = negatives.length + backgroundWeight * background.length;
  if (negativeMass > 0) {
    weights.fill(1 / negativeMass, positives.length, positives.length + negatives.length);
    weights.fill(backgroundWeight / negativeMass, positives.length + negatives.length);
  }

  const standardiser = input.standardiser ?? fitStandardiser(vectors, input.options?.scaling ?? 'per-column');
  const model = fitLogisticRegression(standardisedRows(vectors, standardiser, rows), dim, targets, weights, { l2 });

  // Fold the standardisation into the weights so scoring reads the raw float32 rows once.
  const { mean, inverseScale } = standardiser;
  const w = new Float64Array(dim);
  let bias = model.intercept;
  for (let d = 0; d < dim; d++) {
    w[d] = model.coefficients[d] * inverseScale[d];
    bias -= w[d] * mean[d];
  }
  const probability = new Float64Array(count);
  const data = vectors.data;
  for (let i = 0; i < count; i++) {
    const row = i * dim;
    let z = bias;
    for (let d = 0; d < dim; d++) z += w[d] * data[row + d];
    const p = sigmoid(z);
    probability[i] = p;
  }
  const uncertainty = uncertaintyOf(probability);
  const order = unlabelledOrder(input.orderBy === 'uncertainty' ? uncertainty : probability, labelled, input.limit);
  return { probability, uncertainty, order, model };
}

/** The rows not `labelled`, highest `key` first (ties to the lower row): all of them, or the first `limit`. */
function unlabelledOrder(key: Float64Array, labelled: Uint8Array, limit: number | undefined): Int32Array {
  return limit === undefined ? descendingOrder(key, labelled) : topOrder(key, labelled, limit);
}

/** The rows not `excluded`, the probability nearest 0.5 first (|p − 0.5| ascending, ties to the lower row). */
export function leastSureFirst(probability: ArrayLike<number>, excluded: Uint8Array, limit?: number): Int32Array {
  return unlabelledOrder(uncertaintyOf(probability), excluded, limit);
}

/** 1 − |2p − 1| of each probability: descending uncertainty is |p − 0.5| ascending (NaN stays NaN: ranked last). */
export function uncertaintyOf(probability: ArrayLike<number>): Float64Array {
  return Float64Array.from(probability, (p) => 1 - Math.abs(2 * p - 1));
}

function countOnes(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) n += v;
  return n;
}

/** Up to `size` rows not in `marked`, evenly spread through the set (deterministic). */
function strideSampleOfUnmarked(marked: Uint8Array, size: number): number[] {
  const free: number[] = [];
  const available = marked.length - countOnes(marked);
  const take = Math.min(size, available);
  if (take <= 0) return free;
  let seen = 0;
  let next = 0;
  for (let i = 0; i < marked.length && free.length < take; i++) {
    if (marked[i]) continue;
    // The j-th free row is taken when it reaches the j-th of `take` evenly spaced positions.
    if (seen === Math.floor((next * available) / take)) {
      free.push(i);
      next++;
    }
    seen++;
  }
  return free;
}
