// Rank normalisation, the rank-average ensemble and tie-aware ROC-AUC, on hand-worked values.
import { describe, it, expect } from 'vitest';
import { ensembleByRank, rankNormalise, rocAuc } from '../../../../electron/core/discovery/anomaly/rank-ensemble.js';

describe('rankNormalise', () => {
  it('maps distinct scores to evenly spaced ranks in [0, 1]', () => {
    expect(Array.from(rankNormalise([10, -3, 7, 100, 0]))).toEqual([0.75, 0, 0.5, 1, 0.25]);
  });

  it('gives tied scores their mean rank', () => {
    // Ranks 1, 2.5, 2.5, 4, 6, 6, 6 over 7 values; (rank - 1) / 6.
    const out = rankNormalise([1, 5, 5, 8, 9, 9, 9]);
    // The top three share rank 6, so none of them reaches 1.
    expect(Array.from(out)).toEqual([0, 1.5 / 6, 1.5 / 6, 3 / 6, 5 / 6, 5 / 6, 5 / 6]);
  });

  it('gives 0.5 to a lone value or an all-tied array', () => {
    expect(Array.from(rankNormalise([3]))).toEqual([0.5]);
    expect(Array.from(rankNormalise([2, 2, 2]))).toEqual([0.5, 0.5, 0.5]);
    expect(rankNormalise([]).length).toBe(0);
  });

  it('orders infinities and leaves NaN unranked', () => {
    expect(Array.from(rankNormalise([Infinity, NaN, -Infinity, 1]))).toEqual([1, NaN, 0, 0.5]);
  });
});

describe('ensembleByRank', () => {
  it('averages normalised ranks so that scale does not matter', () => {
    const forest = [0.4, 0.9, 0.5, 0.45];
    const lof = [1.0, 1.2, 50, 0.9]; // heavy tail: raw averaging would let row 2 dominate
    // Ranks: forest [0, 1, 2/3, 1/3], lof [1/3, 2/3, 1, 0].
    const out = ensembleByRank([forest, lof]);
    [1 / 6, 5 / 6, 5 / 6, 1 / 6].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 12));
  });

  it('weights scorers', () => {
    const out = ensembleByRank(
      [
        [1, 2, 3],
        [3, 2, 1],
      ],
      [3, 1],
    );
    // (3 * [0, .5, 1] + [1, .5, 0]) / 4
    [0.25, 0.5, 0.75].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 12));
  });

  it('averages a row over the scorers that scored it', () => {
    const out = ensembleByRank([
      [1, 2, 3],
      [NaN, 5, 4],
    ]);
    // Row 0 only has the first scorer (0); rows 1, 2: ([.5, 1] + [1, 0]) / 2.
    expect(Array.from(out)).toEqual([0, 0.75, 0.5]);
    expect(Array.from(ensembleByRank([[NaN, 1]]))).toEqual([NaN, 0.5]);
  });

  it('rejects mismatched inputs', () => {
    expect(() => ensembleByRank([])).toThrow();
    expect(() => ensembleByRank([[1, 2], [1]])).toThrow(/length/);
    expect(() => ensembleByRank([[1], [2]], [1])).toThrow(/weights/);
    expect(() => ensembleByRank([[1], [2]], [1, -1])).toThrow(/non-negative/);
  });
});

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 for all tied', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([1, 1, 1, 1], [true, false, true, false])).toBe(0.5);
  });

  it('counts ties between classes as half (scikit-learn roc_auc_score gives 0.7222...)', () => {
    // Positives 0.4, 0.8, 0.2 against negatives 0.1, 0.4, 0.3: 2.5 + 3 + 1 = 6.5 of 9 pairs.
    expect(rocAuc([0.1, 0.4, 0.4, 0.8, 0.2, 0.3], [0, 1, 0, 1, 1, 0])).toBeCloseTo(6.5 / 9, 15);
  });

  it('is NaN when a class is missing and rejects NaN scores', () => {
    expect(rocAuc([1, 2], [0, 0])).toBeNaN();
    expect(rocAuc([1, 2], [1, 1])).toBeNaN();
    expect(() => rocAuc([1, NaN], [0, 1])).toThrow(/NaN/);
  });
});
