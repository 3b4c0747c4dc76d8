// How much the anomaly scorers agree on an object, as the export writes it (`rank_min`, `rank_max`):
// the best and the worst of its rank_<scorer> values (isolation forest, LOF, kNN, reconstruction,
// imported: whichever scored it). A narrow interval means every method finds it about as odd; a
// wide one, that one method alone does. The ranks are the export's own (score-numbers.ts
// scoreRanks), so the interval never disagrees with the rank columns beside it. The ensemble is
// left out: it is a mean of the others, not another opinion.

/** The score method that combines the others, whose rank is not one more scorer's. */
const COMBINED_METHOD = 'ensemble';

/** Whether `method`'s rank counts towards the interval. */
export function isIntervalScorer(method: string): boolean {
  return method !== COMBINED_METHOD;
}

export interface RankInterval {
  /** Per row, the best (lowest) 1-based rank any scorer gave it; null where none ranked it. */
  best: (number | null)[];
  /** Per row, the worst (highest) rank; null where none ranked it. */
  worst: (number | null)[];
}

/** The interval of each of `rows` rows over the scorers' rank columns (a null or NaN rank: not ranked by that one). */
export function rankInterval(
  rankColumns: readonly (readonly (string | number | null)[])[],
  rows: number,
): RankInterval {
  const best: (number | null)[] = new Array<number | null>(rows).fill(null);
  const worst: (number | null)[] = new Array<number | null>(rows).fill(null);
  for (const ranks of rankColumns) {
    for (let r = 0; r < rows; r++) {
      const rank = ranks[r];
      if (typeof rank !== 'number' || !Number.isFinite(rank)) continue;
      const low = best[r];
      const high = worst[r];
      best[r] = low === null ? rank : Math.min(low, rank);
      worst[r] = high === null ? rank : Math.max(high, rank);
    }
  }
  return { best, worst };
}
