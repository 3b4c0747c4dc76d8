// The one rank and number format of scores: known answers, ties, NaN rows, and the bulk ranking
// (export) agreeing with the single one (inspector) on every row.
import { describe, expect, it } from 'vitest';
import {
  formatProbability,
  formatRank,
  formatScore,
  scoreRank,
  scoreRanks,
} from '../../../electron/core/util/score-numbers.js';

describe('scoreRank', () => {
  const scores = Float32Array.from([0.5, 0.9, NaN, 0.7, 0.9, 0.1]);

  it('is 1 + the finite scores strictly higher, out of the finite scores', () => {
    expect(scoreRank(scores, scores[0])).toEqual({ rank: 4, of: 5 });
    expect(scoreRank(scores, scores[5])).toEqual({ rank: 5, of: 5 });
    expect(scoreRank(scores, scores[3])).toEqual({ rank: 3, of: 5 });
  });

  it('gives tied scores the same, best place ("1, 1, 3")', () => {
    expect(scoreRank(scores, scores[1])).toEqual({ rank: 1, of: 5 });
    expect(scoreRank(scores, scores[4])).toEqual({ rank: 1, of: 5 });
  });

  it('ranks no NaN score, and counts no NaN row', () => {
    expect(scoreRank(scores, NaN)).toBeNull();
    expect(scoreRank([NaN, NaN], 1)).toEqual({ rank: 1, of: 0 });
  });
});

describe('scoreRanks', () => {
  it('ranks every row as scoreRank does, NaN where there is no score', () => {
    const scores = Float32Array.from([0.5, 0.9, NaN, 0.7, 0.9, 0.1]);
    expect(Array.from(scoreRanks(scores))).toEqual([4, 1, NaN, 3, 1, 5]);
  });

  it('agrees with scoreRank on many tied rows', () => {
    const scores = Float64Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? NaN : (i * 7919) % 13));
    const ranks = scoreRanks(scores);
    scores.forEach((s, i) => expect(Number.isNaN(ranks[i]) ? null : ranks[i]).toBe(scoreRank(scores, s)?.rank ?? null));
  });
});

describe('formats', () => {
  it('writes scores to three significant digits, and a missing one as a dash', () => {
    expect(formatScore(0.97654)).toBe('0.977');
    expect(formatScore(1)).toBe('1.00');
    expect(formatScore(12.345)).toBe('12.3');
    expect(formatScore(NaN)).toBe('—');
    expect(formatScore(null)).toBe('—');
  });

  it('writes a rank with its total, with thousands separated', () => {
    expect(formatRank({ rank: 1, of: 40 })).toBe('#1 of 40');
    expect(formatRank({ rank: 1234, of: 1_000_000 })).toBe('#1,234 of 1,000,000');
  });

  it('writes a probability to two decimals', () => {
    expect(formatProbability(0.923)).toBe('0.92');
    expect(formatProbability(1)).toBe('1.00');
  });
});
