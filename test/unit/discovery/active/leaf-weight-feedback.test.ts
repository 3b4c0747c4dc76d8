// Active Anomaly Discovery's leaf weights: the prior weights reproduce the forest's ranking,
// and a refit puts labelled rows on the side of the tau-quantile their labels ask for.
import { describe, it, expect } from 'vitest';
import {
  addScoreChange,
  leafFeedbackContext,
  refitLeafWeights,
  rowScores,
} from '../../../../electron/core/discovery/active/leaf-weight-feedback.js';
import { descendingOrder } from '../../../../electron/core/discovery/active/ranking-order.js';
import { IsolationForest } from '../../../../electron/core/discovery/anomaly/isolation-forest.js';
import { gaussianVectors } from '../../../helpers/random-vectors.js';

function quantileFromTop(values: Float64Array, fraction: number): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.floor((1 - fraction) * sorted.length)];
}

describe('leaf-weight feedback', () => {
  const vectors = gaussianVectors(1000, 3, 2);
  const forest = IsolationForest.fit(vectors, { seed: 1 });
  const context = leafFeedbackContext(forest, forest.leafIndices(vectors));

  it('starts from weights that rank rows exactly as the forest does', () => {
    const prior = rowScores(context.leaves, forest.treeCount, context.priorWeights);
    expect(Array.from(descendingOrder(prior))).toEqual(Array.from(descendingOrder(forest.score(vectors))));
    expect(Array.from(refitLeafWeights(context, []))).toEqual(Array.from(context.priorWeights));
  });

  it('lifts a labelled typical row above the quantile and sinks a labelled outlier below it', () => {
    const prior = rowScores(context.leaves, forest.treeCount, context.priorWeights);
    const order = descendingOrder(prior);
    const outlier = order[0];
    const typical = order[500];
    const weights = refitLeafWeights(
      context,
      [
        { row: typical, target: 1 },
        { row: outlier, target: 0 },
      ],
      { tau: 0.03, margin: 0.5, passes: 200 },
    );
    const refitted = rowScores(context.leaves, forest.treeCount, weights);
    const threshold = quantileFromTop(refitted, 0.03);
    expect(refitted[typical]).toBeGreaterThan(threshold);
    expect(refitted[outlier]).toBeLessThan(threshold);
    // A neutral target (0.5) asks for nothing.
    expect(Array.from(refitLeafWeights(context, [{ row: typical, target: 0.5 }]))).toEqual(
      Array.from(context.priorWeights),
    );
  });

  it('adds the refit’s change of every row’s score, visiting moved leaves or every row alike', () => {
    const order = descendingOrder(rowScores(context.leaves, forest.treeCount, context.priorWeights));
    const prior = rowScores(context.leaves, forest.treeCount, context.priorWeights);
    // One outlier moves a few small leaves (visited leaf by leaf); 300 rows move most leaves (one pass over all rows).
    const few = [{ row: order[0], target: 0 }];
    const many = Array.from({ length: 300 }, (_, i) => ({ row: order[i * 3], target: i % 2 }));
    for (const labelled of [few, many]) {
      const weights = refitLeafWeights(context, labelled);
      const refitted = rowScores(context.leaves, forest.treeCount, weights);
      const into = Float64Array.from({ length: vectors.count }, (_, i) => i);
      addScoreChange(context, weights, 0.3, into);
      for (let i = 0; i < vectors.count; i++) expect(into[i]).toBeCloseTo(i + 0.3 * (refitted[i] - prior[i]), 9);
    }
    expect(() => addScoreChange(context, new Float64Array(3), 1, new Float64Array(vectors.count))).toThrow(/weights/);
    expect(() => addScoreChange(context, context.priorWeights, 1, new Float64Array(10))).toThrow(/rows/);
  });

  it('lists each node’s rows, ascending, as the inverse of the leaves', () => {
    const { nodeStart, rowsOfNode, leaves } = context;
    const trees = forest.treeCount;
    expect(nodeStart[nodeStart.length - 1]).toBe(leaves.length);
    const expected = Array.from({ length: forest.nodeCount }, () => [] as number[]);
    for (let row = 0; row < vectors.count; row++)
      for (let t = 0; t < trees; t++) expected[leaves[row * trees + t]].push(row);
    for (let node = 0; node < forest.nodeCount; node++) {
      expect(Array.from(rowsOfNode.subarray(nodeStart[node], nodeStart[node + 1]))).toEqual(expected[node]);
    }
  });
});
