// `queue --mode discover`: the static anomaly ranking re-weighted by everything labelled so
// far. Two learners, measured against the demo collection's truth (test/bench/queue.bench.ts),
// each adding to the prior's rank, which alone decides the order while nothing is labelled:
//
//   score = prior rank + leafWeight · sd · Δ(leaf score) + relevanceWeight · trust · (relevance − ½)
//
// - Δ(leaf score): Active Anomaly Discovery's refit of the isolation forest's leaf weights
//   (leaf-weight-feedback.ts), as a change from the forest's own score, in units of its
//   spread; `sd` (that of a uniform rank) puts it on the prior's scale. It generalises along
//   the forest's partitions, so one label reaches a whole region of look-alikes.
// - relevance and trust: a NeighbourScore-style kernel model of the user's targets
//   (kernel-relevance.ts). Relevance says what labelled neighbours were; trust, from how much
//   labelled evidence is near, says how far to believe it. An artefact sinks its neighbours,
//   an interesting object lifts its own. Each label's kernel is as wide as the distance to its
//   own 10th neighbour: the head of the queue is outliers, whose neighbours are far away.
// On every demo collection tried (test/bench/queue.bench.ts) the two together found more
// anomalies in 50 looks than either alone: the refit moves whole regions of the forest's
// partitions, the relevance model sorts out what it brought up. A single kernel width, fixed
// for the whole collection, did worse than the per-label width on most of them.
import type { IsolationForest } from '../anomaly/isolation-forest.js';
import type { KnnGraph, VectorSet } from '../vectors.js';
import { rankNormalise } from '../anomaly/rank-ensemble.js';
import { checkLabelledRows, type LabelledRow } from './labelled-row.js';
import { BANDWIDTH_NEIGHBOUR, KernelRelevance, kernelBandwidth, type KernelWidth } from './kernel-relevance.js';
import {
  addScoreChange,
  leafFeedbackContext,
  refitLeafWeights,
  type LeafFeedbackContext,
  type LeafFeedbackOptions,
} from './leaf-weight-feedback.js';
import { descendingOrder, rowMask, topOrder } from './ranking-order.js';

export interface DiscoverOptions {
  /** Weight of the refitted forest's change of score. Default 0.5; 0 turns it off. */
  leafWeight?: number;
  /** Weight of the relevance model. Default 2; 0 turns it off. */
  relevanceWeight?: number;
  /** Kernel mass (Σ of kernel weights to labelled rows) at which the relevance model is trusted half. Default 0.3. */
  trustHalfMass?: number;
  /**
   * 'adaptive' (default): each label's kernel width is its distance to its 10th neighbour.
   * 'fixed': one width, the median 10th-neighbour distance (from `graph` when given).
   */
  kernelWidth?: 'adaptive' | 'fixed';
  /** Multiplies the kernel width. Default 1. */
  kernelWidthScale?: number;
  /**
   * The relevance model reads only the newest this many labels (the end of `labelled`); the
   * leaf refit reads all. Default 64. Each label the model holds costs a pass over every row
   * (tens of ms at a million), so a 10k-object box selection would take minutes to apply in
   * full; the refit already carries such a region-wide judgement along the forest's partitions.
   * 64 is above the 50 looks the queue bench scores, so that measurement is unchanged.
   */
  relevanceLabels?: number;
  /**
   * Vector components (rows × dim) the relevance model may read in one call, each changed label
   * being a pass over all of them; the rest of its changes are left pending (DiscoverResult).
   * Default 2^27: four passes at a million 32-D rows (about 0.2 s), above any one-label step
   * (a label added, the oldest one dropped), and never reached below 16k 32-D rows. A 10k-object box
   * selection replaces all 64 of the model's labels: 128 passes, 6 s at a million rows in one go.
   */
  relevanceWorkPerCall?: number;
  leafFeedback?: LeafFeedbackOptions;
}

export interface DiscoverInput {
  vectors: VectorSet;
  /** The static ranking's scores (higher = more anomalous), e.g. the ensemble that `top` shows. */
  anomalyScores: Float64Array;
  /** Oldest first: the relevance model keeps the newest (options.relevanceLabels). */
  labelled: readonly LabelledRow[];
  /** The forest fitted on `vectors`; without it the leaf refit is skipped. */
  forest?: IsolationForest | null;
  /** A kNN graph of `vectors`, read only by the 'fixed' kernel width (else it is estimated from a sample). */
  graph?: KnnGraph | null;
  /**
   * Keeps what does not depend on the labels (forest leaves, prior ranks, kernel sums) from
   * one call to the next. The inputs must not be changed in place while a cache holds them.
   */
  cache?: DiscoverCache;
  /** Only the first `limit` rows of the order are wanted (a queue page): no full sort. Default: all. */
  limit?: number;
  /**
   * False: use the forest feedback only if the cache already holds its context, and leave it out
   * rather than compute it here (seconds at a million rows; see QueueSession). Default true.
   */
  computeLeaves?: boolean;
  options?: DiscoverOptions;
}

export interface DiscoverResult {
  /** Per row; higher = show sooner. Labelled rows are scored too. */
  score: Float64Array;
  /** Unlabelled rows, best first (the first `limit` of them when a limit is given). */
  order: Int32Array;
  /**
   * True when the relevance model reached options.relevanceWorkPerCall with labels still to apply:
   * the ranking reflects the labels it did apply, and DiscoverCache.continueRelevance finishes the rest.
   */
  relevancePending: boolean;
}

const DEFAULT_RELEVANCE_LABELS = 64;
const DEFAULT_RELEVANCE_WORK = 2 ** 27;

/** Standard deviation of a rank-normalised score (uniform on [0, 1]). */
const UNIFORM_SD = 1 / Math.sqrt(12);

export function discoverRanking(input: DiscoverInput): DiscoverResult {
  const { vectors, anomalyScores, labelled } = input;
  const options = input.options ?? {};
  const leafWeight = options.leafWeight ?? 0.5;
  const relevanceWeight = options.relevanceWeight ?? 2;
  const trustHalfMass = options.trustHalfMass ?? 0.3;
  const count = vectors.count;
  if (anomalyScores.length !== count) throw new Error(`${anomalyScores.length} anomaly scores for ${count} rows`);
  checkLabelledRows(labelled, count);
  const cache = input.cache ?? new DiscoverCache();

  const score = Float64Array.from(cache.priorRank(anomalyScores));
  const leavesAvailable =
    input.forest && (input.computeLeaves !== false || cache.hasLeafContext(input.forest, vectors));
  if (labelled.length > 0 && input.forest && leavesAvailable && leafWeight !== 0) {
    const leaves = cache.leafContext(input.forest, vectors);
    addScoreChange(leaves, refitLeafWeights(leaves, labelled, options.leafFeedback), leafWeight * UNIFORM_SD, score);
  }
  let relevancePending = false;
  if (labelled.length > 0 && relevanceWeight !== 0) {
    const kernel = cache.kernel(
      vectors,
      input.graph ?? null,
      options.kernelWidth ?? 'adaptive',
      options.kernelWidthScale ?? 1,
    );
    const newest = options.relevanceLabels ?? DEFAULT_RELEVANCE_LABELS;
    if (!(Number.isInteger(newest) && newest >= 1))
      throw new RangeError(`relevanceLabels must be a positive integer, got ${newest}`);
    const work = options.relevanceWorkPerCall ?? DEFAULT_RELEVANCE_WORK;
    if (!(work > 0)) throw new RangeError(`relevanceWorkPerCall must be positive, got ${work}`);
    const passes = Math.max(1, Math.floor(work / Math.max(1, count * vectors.dim)));
    relevancePending = !kernel.update(
      labelled.length > newest ? labelled.slice(labelled.length - newest) : labelled,
      passes,
    );
    const { weight, weightedTarget } = kernel;
    for (let i = 0; i < count; i++) {
      const mass = weight[i];
      if (!(mass > 0)) continue;
      const trust = mass / (mass + trustHalfMass);
      score[i] += relevanceWeight * trust * (weightedTarget[i] / mass - 0.5);
    }
  }
  const excluded = rowMask(
    count,
    labelled.map((l) => l.row),
  );
  const order = input.limit === undefined ? descendingOrder(score, excluded) : topOrder(score, excluded, input.limit);
  return { score, order, relevancePending };
}

/** Label-independent pieces of discoverRanking, each rebuilt only when its inputs change (by identity). */
export class DiscoverCache {
  private prior: { scores: Float64Array; rank: Float64Array } | null = null;
  private leaves: { forest: IsolationForest; data: Float32Array; context: LeafFeedbackContext } | null = null;
  private relevance: {
    data: Float32Array;
    graph: KnnGraph | null;
    kind: 'adaptive' | 'fixed';
    scale: number;
    model: KernelRelevance;
  } | null = null;

  priorRank(scores: Float64Array): Float64Array {
    if (this.prior?.scores !== scores) this.prior = { scores, rank: rankNormalise(scores) };
    return this.prior.rank;
  }

  leafContext(forest: IsolationForest, vectors: VectorSet): LeafFeedbackContext {
    if (this.leaves?.forest !== forest || this.leaves.data !== vectors.data) {
      this.leaves = { forest, data: vectors.data, context: leafFeedbackContext(forest, forest.leafIndices(vectors)) };
    }
    return this.leaves.context;
  }

  hasLeafContext(forest: IsolationForest, vectors: VectorSet): boolean {
    return this.leaves?.forest === forest && this.leaves.data === vectors.data;
  }

  /** Hands over a context computed elsewhere (a worker thread) for this forest and set. */
  setLeafContext(forest: IsolationForest, vectors: VectorSet, context: LeafFeedbackContext): void {
    this.leaves = { forest, data: vectors.data, context };
  }

  /**
   * Makes up to `passes` more of the relevance model's pending changes (see
   * DiscoverResult.relevancePending); returns whether none are left.
   */
  continueRelevance(passes: number): boolean {
    return this.relevance ? this.relevance.model.continueUpdate(passes) : true;
  }

  kernel(vectors: VectorSet, graph: KnnGraph | null, kind: 'adaptive' | 'fixed', scale: number): KernelRelevance {
    const r = this.relevance;
    if (r?.data !== vectors.data || r.kind !== kind || r.scale !== scale || (kind === 'fixed' && r.graph !== graph)) {
      const width: KernelWidth =
        kind === 'adaptive'
          ? { kind, neighbour: BANDWIDTH_NEIGHBOUR, scale }
          : { kind, bandwidth: scale * kernelBandwidth(vectors, graph) };
      this.relevance = { data: vectors.data, graph, kind, scale, model: new KernelRelevance(vectors, width) };
    }
    return this.relevance!.model;
  }
}
