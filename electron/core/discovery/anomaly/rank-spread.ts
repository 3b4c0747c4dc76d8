// The best and the worst rank each row gets across several rankings of the same rows. One rule for
// both of the export's rank intervals: across the scorers (export/rank-interval.ts) and across the
// isolation forest's seeds (seed-rank-spread.ts), so the two read alike.

export interface RankSpread {
  /** Per row, the best (lowest) 1-based rank any ranking gave it; null where none ranked it. */
  best: (number | null)[];
  /** Per row, the worst (highest) rank; null where none ranked it. */
  worst: (number | null)[];
}

/** The spread of each of `rows` rows over `rankings` (a null, NaN or text rank: not ranked by that one). */
export function rankSpread(rankings: readonly ArrayLike<string | number | null>[], rows: number): RankSpread {
  const best: (number | null)[] = new Array<number | null>(rows).fill(null);
  const worst: (number | null)[] = new Array<number | null>(rows).fill(null);
  for (const ranks of rankings) {
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
