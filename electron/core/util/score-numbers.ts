// The one definition of an object's rank by anomaly score and the one way a score, a rank or a
// probability is written, shared by the server (inspector details, export) and the renderer
// (tooltip, queue, inspector), so the same object never shows two different numbers.

/** Significant digits every score and probability is shown with (the full value goes on hover and in exports). */
export const SCORE_DIGITS = 3;

/** An object's place in one score run. */
export interface ScoreRank {
  /** 1 = the most anomalous. Equal scores share the best place ("1, 2, 2, 4"), so ties read the same everywhere. */
  rank: number;
  /** Objects with a score in the run (rows whose score is NaN are neither ranked nor counted). */
  of: number;
}

/**
 * The rank of `score` among `scores` (higher = more anomalous): 1 + how many finite scores are strictly higher.
 * Null when `score` is not a finite number.
 */
export function scoreRank(scores: ArrayLike<number>, score: number): ScoreRank | null {
  if (!Number.isFinite(score)) return null;
  let higher = 0;
  let of = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (!Number.isFinite(s)) continue;
    of++;
    if (s > score) higher++;
  }
  return { rank: higher + 1, of };
}

/**
 * scoreRank of every row at once, by one sort (an export ranks a million rows): row i's rank, NaN where its score is
 * not finite.
 */
export function scoreRanks(scores: ArrayLike<number>): Float64Array {
  const ranks = new Float64Array(scores.length).fill(NaN);
  const order: number[] = [];
  for (let i = 0; i < scores.length; i++) if (Number.isFinite(scores[i])) order.push(i);
  order.sort((a, b) => scores[b] - scores[a]);
  for (let k = 0; k < order.length; k++) {
    const tied = k > 0 && scores[order[k]] === scores[order[k - 1]];
    ranks[order[k]] = tied ? ranks[order[k - 1]] : k + 1;
  }
  return ranks;
}

/** A score as shown: SCORE_DIGITS significant digits ("0.977", "12.3"); "—" when there is none. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return '—';
  return score.toPrecision(SCORE_DIGITS);
}

/** A rank as shown: "#3 of 500". */
export function formatRank({ rank, of }: ScoreRank): string {
  return `#${rank.toLocaleString('en-US')} of ${of.toLocaleString('en-US')}`;
}

/** A probability as shown, two decimals: "0.92". */
export function formatProbability(p: number): string {
  return Number.isFinite(p) ? p.toFixed(2) : '—';
}
