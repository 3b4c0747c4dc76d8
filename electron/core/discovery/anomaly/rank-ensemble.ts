// Combining anomaly scorers by rank. Isolation-forest scores, kNN distances, LOF ratios and
// reconstruction errors live on unrelated scales (and LOF has a heavy tail), so averaging raw
// values would let one scorer dominate; averaging their normalised ranks does not.
// Also rocAuc, the rank statistic used to judge any scorer against known outliers.

type Scores = ArrayLike<number>;

/**
 * Average ranks (1-based) of the finite-or-infinite values; tied values share the mean of the
 * ranks they span. NaN entries get NaN and do not take part. Returns the count ranked too.
 */
function averageRanks(scores: Scores): { ranks: Float64Array; ranked: number } {
  const n = scores.length;
  const ranks = new Float64Array(n).fill(NaN);
  let ranked = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(scores[i])) ranked++;
  // The values sorted natively (a comparator sort over an index took a second at a million
  // rows), then each value's tie block found by binary search: ranks lower+1 .. upper.
  const sorted = new Float64Array(ranked);
  for (let i = 0, at = 0; i < n; i++) if (!Number.isNaN(scores[i])) sorted[at++] = scores[i];
  sorted.sort();
  for (let i = 0; i < n; i++) {
    const value = scores[i];
    if (Number.isNaN(value)) continue;
    let lo = 0;
    let hi = ranked;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    let upper = lo;
    hi = ranked;
    while (upper < hi) {
      const mid = (upper + hi) >>> 1;
      if (sorted[mid] <= value) upper = mid + 1;
      else hi = mid;
    }
    ranks[i] = (lo + 1 + upper) / 2; // mean of ranks lo+1 .. upper
  }
  return { ranks, ranked };
}

/**
 * Maps scores to [0, 1] by rank: the lowest score gets 0, the highest 1, ties share their
 * mean rank. A single ranked value (or all tied) gets 0.5. NaN stays NaN ("no score").
 */
export function rankNormalise(scores: Scores): Float64Array {
  const { ranks, ranked } = averageRanks(scores);
  for (let i = 0; i < ranks.length; i++) {
    if (Number.isNaN(ranks[i])) continue;
    ranks[i] = ranked === 1 ? 0.5 : (ranks[i] - 1) / (ranked - 1);
  }
  return ranks;
}

/**
 * Weighted mean of each scorer's normalised rank, per row. A row a scorer could not score
 * (NaN, e.g. no reconstruction for it) is averaged over the scorers that did; a row no scorer
 * scored stays NaN. Weights default to equal and need not sum to one.
 */
export function ensembleByRank(scoreArrays: Scores[], weights?: ArrayLike<number>): Float64Array {
  if (scoreArrays.length === 0) throw new Error('ensembleByRank needs at least one score array');
  const n = scoreArrays[0].length;
  for (const scores of scoreArrays) {
    if (scores.length !== n) throw new Error(`score arrays differ in length (${scores.length} vs ${n})`);
  }
  if (weights && weights.length !== scoreArrays.length)
    throw new Error(`${weights.length} weights for ${scoreArrays.length} scorers`);
  const weightedSum = new Float64Array(n);
  const weightTotal = new Float64Array(n);
  scoreArrays.forEach((scores, s) => {
    const w = weights ? weights[s] : 1;
    if (!(w >= 0)) throw new Error(`scorer weight must be non-negative, got ${w}`);
    const normalised = rankNormalise(scores);
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(normalised[i])) continue;
      weightedSum[i] += w * normalised[i];
      weightTotal[i] += w;
    }
  });
  for (let i = 0; i < n; i++) weightedSum[i] = weightTotal[i] > 0 ? weightedSum[i] / weightTotal[i] : NaN;
  return weightedSum;
}

/**
 * Area under the ROC curve of `scores` for the rows where `isPositive` is truthy, with ties
 * counted as half (the Mann–Whitney U statistic, as scikit-learn's roc_auc_score gives).
 * NaN if either class is empty. NaN scores are not allowed.
 */
export function rocAuc(scores: Scores, isPositive: ArrayLike<number | boolean>): number {
  if (scores.length !== isPositive.length) throw new Error(`${scores.length} scores for ${isPositive.length} labels`);
  const { ranks, ranked } = averageRanks(scores);
  if (ranked !== scores.length) throw new Error('rocAuc: scores contain NaN');
  let positives = 0;
  let positiveRankSum = 0;
  for (let i = 0; i < ranks.length; i++) {
    if (isPositive[i]) {
      positives++;
      positiveRankSum += ranks[i];
    }
  }
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
