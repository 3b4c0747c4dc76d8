// The queue's score line. First "the score": the object's anomaly score and rank in the current
// score run, as the tooltip and inspector write them (object-score.ts). Then, under its own name,
// the value this queue mode ranks by, which is another number: discover's priority (the anomaly
// rank re-weighted by the labels) or like-labels' probability, which uncertain orders nearest 0.5
// first. like-labels gives a point estimate: its "uncertainty" is 1 − |2p − 1|, a function of p
// alone, so no error bar is shown.
import type { ObjectHit } from '../../../../electron/core/api/contract.js';
import type { QueueMode } from '../../../../electron/core/api/contract-lists.js';
import { formatProbability, formatScore } from '../../../../electron/core/util/score-numbers.js';
import { useObjectDetails } from '../../state/use-object-details.js';
import { useAppState } from '../../state/app-store.js';
import { currentScore, scoreSummary } from '../../state/object-score.js';

/** Each mode's number in words and what it means (a Record: a new mode does not compile without its words). */
const RANKING_WORDS: Record<QueueMode, { words: (hit: Pick<ObjectHit, 'score'>) => string; help: string }> = {
  discover: {
    words: (hit) => `queue priority ${formatScore(hit.score)}`,
    help:
      "The queue's order: the anomaly score's rank (1 = the top anomaly) moved up or down by what your labels say " +
      'about this object and its look-alikes.',
  },
  'like-labels': {
    words: (hit) => `probability it is like your labels: ${formatProbability(hit.score)}`,
    help: 'A logistic regression on the embedding, fitted to your labels: a point estimate, without an error bar.',
  },
  uncertain: {
    words: (hit) => `probability it is like your labels: ${formatProbability(hit.score)} (least sure first)`,
    help:
      'The objects the classifier fitted to your labels is least sure of, probability nearest 0.5 first: ' +
      'labelling them teaches it most.',
  },
};

/** What each mode's queue holds, for the mode menu's tooltips. */
export const QUEUE_MODE_HELP: Record<QueueMode, string> = {
  discover: 'Anomalies, re-ranked by your labels',
  'like-labels': 'More like the objects you marked as interesting',
  uncertain: 'The objects like-labels is least sure of: label them to teach it most',
};

/** What the mode ranks by, in words: "queue priority 0.983", "probability it is like your labels: 0.92". */
export function rankingValue(mode: QueueMode, hit: Pick<ObjectHit, 'score'>): string {
  return RANKING_WORDS[mode].words(hit);
}

export function QueueScore({ hit, mode }: { hit: ObjectHit; mode: QueueMode }) {
  const scoreRuns = useAppState((s) => s.map?.scoreRuns ?? null);
  const details = useObjectDetails(hit.id);
  const score = details ? currentScore(details, scoreRuns) : null;
  return (
    <>
      <span className="muted" data-testid="queue-score">
        {score ? scoreSummary(score) : 'score …'}
      </span>
      <span className="muted" data-testid="queue-ranking" title={RANKING_WORDS[mode].help}>
        {rankingValue(mode, hit)}
      </span>
    </>
  );
}
