// "The score" of an object, as the tooltip, the queue and the inspector show it: its score in
// the current score run of its modality (the newest finished one, which the map colours by)
// with its rank in that run (score-numbers.ts), written one way. Other runs' scores are listed by the inspector
// under their method's name; the queue's own ranking value is shown under its own name.
import type { ObjectDetails } from '../../../electron/core/api/view-types.js';
import { formatRank, formatScore } from '../../../electron/core/util/score-numbers.js';

export type ObjectScore = ObjectDetails['scores'][number];

/**
 * The object's score in one of `scoreRuns` (the map's score runs, one per modality). Without a map there is no map run
 * to follow: then the newest run's, which is the run a map would colour by.
 */
export function currentScore(details: ObjectDetails, scoreRuns: readonly string[] | null): ObjectScore | null {
  if (scoreRuns === null) return details.scores[0] ?? null;
  return details.scores.find((s) => scoreRuns.includes(s.runId)) ?? null;
}

/** "0.977 · #1 of 40": the same text wherever a score is shown with its rank. */
export function scoreAndRank(score: ObjectScore): string {
  return `${formatScore(score.score)} · ${formatRank(score)}`;
}

/** "ensemble score 0.977 · #1 of 40". */
export function scoreSummary(score: ObjectScore): string {
  return `${score.method} score ${scoreAndRank(score)}`;
}
