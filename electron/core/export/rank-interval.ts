// How sure an export is of an object's anomaly rank, as two intervals of 1-based ranks:
// - across the scorers (`rank_min`, `rank_max`): the best and the worst of its rank_<scorer> values
//   (isolation forest, LOF, kNN, reconstruction, imported: whichever scored it). A narrow interval
//   means every method finds it about as odd; a wide one, that one method alone does. The ranks
//   are the export's own (score-numbers.ts scoreRanks), so the interval never disagrees with the
//   rank columns beside it. The ensemble is left out: it is a mean of the others, not another opinion.
// - across the isolation forest's seeds (`rank_seed_min`, `rank_seed_max`): the best and the worst
//   rank the object got from the saved forest and from the forests `rank` grew from other seeds
//   (discovery/anomaly/seed-rank-spread.ts). A narrow interval means its iforest rank is a property
//   of the data; a wide one, partly of the random draw (typically an object on a cluster's edge).
//   `rank_iforest` lies inside it. Empty for a run without the spread (imported, fitted, older).
// Both come from one rule (discovery/anomaly/rank-spread.ts).
import { rankSpread, type RankSpread } from '../discovery/anomaly/rank-spread.js';

/** The score method that combines the others, whose rank is not one more scorer's. */
const COMBINED_METHOD = 'ensemble';

/** Whether `method`'s rank counts towards the scorers' interval. */
export function isIntervalScorer(method: string): boolean {
  return method !== COMBINED_METHOD;
}

export type RankInterval = RankSpread;

/** The interval of each of `rows` rows over the scorers' rank columns (a null or NaN rank: not ranked by that one). */
export function rankInterval(
  rankColumns: readonly (readonly (string | number | null)[])[],
  rows: number,
): RankInterval {
  return rankSpread(rankColumns, rows);
}
