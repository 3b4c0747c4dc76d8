// "The score" the tooltip, queue and inspector show: the map's score run, written one way; and
// what a person gave an object, a relevance alone written as a rating rather than a label.
import { describe, expect, it } from 'vitest';
import type { ObjectDetails } from '../../../electron/core/api/view-types.js';
import { currentScore, scoreAndRank, scoreSummary } from '../../../renderer/src/state/object-score.js';
import { labelCounts, labelSummary } from '../../../renderer/src/state/label-summary.js';

const scores: ObjectDetails['scores'] = [
  { runId: 'new', method: 'lof', score: 2.34567, rank: 7, of: 40 },
  { runId: 'old', method: 'ensemble', score: 0.97654, rank: 1, of: 40 },
];
const details = { scores } as ObjectDetails;

describe('currentScore', () => {
  it("is the score of the map's score run, whichever run is newer", () => {
    expect(currentScore(details, ['old'])?.method).toBe('ensemble');
    expect(currentScore(details, ['new'])?.method).toBe('lof');
    // One score run per modality: the object's own modality's run is the one it has a score in.
    expect(currentScore(details, ['spectrum-run', 'old'])?.method).toBe('ensemble');
  });

  it('is none when the object has no score in that run, and the newest run without a map', () => {
    expect(currentScore(details, ['elsewhere'])).toBeNull();
    expect(currentScore(details, null)?.runId).toBe('new');
  });

  it('is written with its rank', () => {
    expect(scoreAndRank(scores[1])).toBe('0.977 · #1 of 40');
    expect(scoreSummary(scores[0])).toBe('lof score 2.35 · #7 of 40');
  });
});

describe('labelSummary', () => {
  it('writes a label with its relevance, and a relevance alone as a rating', () => {
    expect(labelSummary({ label: 'ring', relevance: 4 })).toBe('label ring · relevance 4 of 5');
    expect(labelSummary({ label: 'ring', relevance: null })).toBe('label ring');
    expect(labelSummary({ label: null, relevance: 0 })).toBe('relevance 0 of 5 (no label)');
    expect(labelSummary({ label: null, relevance: null })).toBeNull();
  });

  it('counts labelled and rated objects apart', () => {
    expect(labelCounts({ labels: 1600, rated: 3 })).toBe('1,600 labelled · 3 rated');
  });
});
