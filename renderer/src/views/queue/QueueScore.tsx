// The queue's score line. First "the score": the object's anomaly score and rank in the current
// score run, as the tooltip and inspector write them (object-score.ts). Then, under its own name,
// the value this queue mode ranks by, which is another number: discover's priority (the anomaly
// rank re-weighted by the labels) or like-labels' probability. like-labels gives a point estimate:
// its "uncertainty" is 1 − |2p − 1|, a function of p alone, so no error bar is shown.
import type { ObjectHit } from '../../../../electron/core/api/contract.js';
import type { QueueMode } from '../../../../electron/core/api/contract-lists.js';
import { formatProbability, formatScore } from '../../../../electron/core/util/score-numbers.js';
import { useObjectDetails } from '../../state/use-object-details.js';
import { useAppState } from '../../state/app-store.js';
import { currentScore, scoreSummary } from '../../state/object-score.js';

const PRIORITY_HELP =
  "The queue's order: the anomaly score's rank (1 = the top anomaly) moved up or down by what your labels say " +
  'about this object and its look-alikes.';
const PROBABILITY_HELP =
  'A logistic regression on the embedding, fitted to your labels: a point estimate, without an error bar.';

/** What the mode ranks by, in words: "queue priority 0.983", "probability it is like your labels: 0.92". */
export function rankingValue(mode: QueueMode, hit: Pick<ObjectHit, 'score'>): string {
  return mode === 'discover'
    ? `queue priority ${formatScore(hit.score)}`
    : `probability it is like your labels: ${formatProbability(hit.score)}`;
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
      <span
        className="muted"
        data-testid="queue-ranking"
        title={mode === 'discover' ? PRIORITY_HELP : PROBABILITY_HELP}
      >
        {rankingValue(mode, hit)}
      </span>
    </>
  );
}
