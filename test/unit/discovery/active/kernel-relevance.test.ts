// The kernel relevance sums against a direct computation, through additions, removals and
// changed targets, with one width or with each label's own neighbour distance; the fixed
// width against a set whose neighbour distances are known; quickselect against a sort.
import { describe, it, expect } from 'vitest';
import { KernelRelevance, kernelBandwidth } from '../../../../electron/core/discovery/active/kernel-relevance.js';
import { selectKth } from '../../../../electron/core/util/order-statistics.js';
import { exactKnnGraph } from '../../../../electron/core/discovery/neighbours/exact-knn.js';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';
import type { LabelledRow } from '../../../../electron/core/discovery/active/labelled-row.js';
import { gaussianVectors } from '../../../helpers/random-vectors.js';

type Vectors = { data: Float32Array; count: number; dim: number };

function distance(vectors: Vectors, a: number, b: number): number {
  let d2 = 0;
  for (let d = 0; d < vectors.dim; d++)
    d2 += (vectors.data[a * vectors.dim + d] - vectors.data[b * vectors.dim + d]) ** 2;
  return Math.sqrt(d2);
}

/** Distance from `row` to its k-th nearest other row, by sorting every distance. */
function kthNeighbourDistance(vectors: Vectors, row: number, k: number): number {
  const others = Array.from({ length: vectors.count }, (_, i) => i)
    .filter((i) => i !== row)
    .map((i) => distance(vectors, row, i));
  return others.sort((a, b) => a - b)[k - 1];
}

function directSums(vectors: Vectors, widthOf: (row: number) => number, labelled: LabelledRow[]) {
  const weight = new Float64Array(vectors.count);
  const weightedTarget = new Float64Array(vectors.count);
  for (let i = 0; i < vectors.count; i++) {
    for (const { row, target } of labelled) {
      const h = widthOf(row);
      const k = Math.exp(-(distance(vectors, i, row) ** 2) / (2 * h * h));
      weight[i] += k;
      weightedTarget[i] += k * target;
    }
  }
  return { weight, weightedTarget };
}

describe('KernelRelevance', () => {
  const steps: LabelledRow[][] = [
    [{ row: 3, target: 1 }],
    [
      { row: 3, target: 1 },
      { row: 50, target: 0 },
      { row: 99, target: 0.25 },
    ],
    [
      { row: 50, target: 1 },
      { row: 99, target: 0.25 },
    ],
    [],
    [{ row: 7, target: 0 }],
  ];

  function expectSumsThroughSteps(model: KernelRelevance, vectors: Vectors, widthOf: (row: number) => number): void {
    for (const labelled of steps) {
      model.update(labelled);
      const expected = directSums(vectors, widthOf, labelled);
      for (let i = 0; i < vectors.count; i++) {
        expect(model.weight[i]).toBeCloseTo(expected.weight[i], 10);
        expect(model.weightedTarget[i]).toBeCloseTo(expected.weightedTarget[i], 10);
      }
    }
  }

  it('keeps the sums equal to a direct computation as labels come, go and change', () => {
    const vectors = gaussianVectors(200, 5, 1);
    expectSumsThroughSteps(new KernelRelevance(vectors, { kind: 'fixed', bandwidth: 1.3 }), vectors, () => 1.3);
  });

  it('gives each label the width of its own k-th neighbour distance when adaptive', () => {
    const vectors = gaussianVectors(200, 5, 2);
    const model = new KernelRelevance(vectors, { kind: 'adaptive', neighbour: 4, scale: 1.5 });
    expectSumsThroughSteps(model, vectors, (row) => 1.5 * kthNeighbourDistance(vectors, row, 4));
  });

  it('widens a duplicated row’s kernel to its nearest distinct neighbour when its k-th neighbour is a copy', () => {
    // Rows 0-2 sit at 0, then one row at each of 1, 2, 3, ...: row 0's 1st and 2nd neighbours are copies.
    const positions = [0, 0, 0, 1, 2, 3, 4, 5, 6, 7];
    const vectors = { data: Float32Array.from(positions), count: positions.length, dim: 1 };
    for (const [neighbour, width] of [
      [2, 1],
      [3, 1],
      [4, 2],
      [5, 3],
    ]) {
      const model = new KernelRelevance(vectors, { kind: 'adaptive', neighbour, scale: 1 });
      model.update([{ row: 0, target: 1 }]);
      const expected = positions.map((x) => Math.exp(-(x * x) / (2 * width * width)));
      for (let i = 0; i < positions.length; i++) {
        expect(model.weight[i]).toBeCloseTo(expected[i], 12);
        expect(model.weightedTarget[i]).toBeCloseTo(expected[i], 12);
      }
    }
  });

  it('applies many changed labels a few passes at a time, to exactly the sums of one whole update', () => {
    const vectors = gaussianVectors(300, 4, 3);
    const width = { kind: 'adaptive', neighbour: 5, scale: 1 } as const;
    const first: LabelledRow[] = [
      { row: 1, target: 1 },
      { row: 2, target: 0 },
      { row: 3, target: 1 },
    ];
    // A box selection: the first three drop out (or change), ten arrive.
    const second: LabelledRow[] = [
      { row: 3, target: 0 },
      ...Array.from({ length: 10 }, (_, i) => ({ row: 100 + i, target: 0 })),
    ];
    const whole = new KernelRelevance(vectors, width);
    whole.update(first);
    expect(whole.update(second)).toBe(true);
    expect(whole.pending).toBe(false);

    const budgeted = new KernelRelevance(vectors, width);
    expect(budgeted.update(first, 2)).toBe(false);
    expect(budgeted.pending).toBe(true);
    expect(budgeted.continueUpdate(5)).toBe(true);
    // 3 removals + 11 additions = 14 passes, made 4 at a time (the sums between are those of whole label sets).
    let calls = 1;
    let done = budgeted.update(second, 4);
    while (!done) {
      calls++;
      done = budgeted.continueUpdate(4);
    }
    expect(calls).toBe(4);
    expect(budgeted.pending).toBe(false);
    expect(Array.from(budgeted.weight)).toEqual(Array.from(whole.weight));
    expect(Array.from(budgeted.weightedTarget)).toEqual(Array.from(whole.weightedTarget));
    // No labels at all resets at once, whatever was pending.
    budgeted.update(first, 1);
    expect(budgeted.update([], 1)).toBe(true);
    expect(budgeted.pending).toBe(false);
    expect(budgeted.weight.every((w) => w === 0)).toBe(true);
  });

  it('rejects a bandwidth that is not positive', () => {
    const few = gaussianVectors(3, 2, 1);
    expect(() => new KernelRelevance(few, { kind: 'fixed', bandwidth: 0 })).toThrow(RangeError);
    expect(() => new KernelRelevance(few, { kind: 'adaptive', neighbour: 0, scale: 1 })).toThrow(RangeError);
  });
});

describe('kernelBandwidth', () => {
  it('is the median 10th-neighbour distance, from the graph or by brute force alike', () => {
    // Points on a line at 0, 1, 2, ...: away from the ends the 10th neighbour is 5 away.
    const count = 41;
    const vectors = { data: Float32Array.from({ length: count }, (_, i) => i), count, dim: 1 };
    expect(kernelBandwidth(vectors)).toBe(5);
    expect(kernelBandwidth(vectors, exactKnnGraph(vectors, 12))).toBe(5);
  });
});

describe('selectKth', () => {
  it('agrees with a sort, with ties and on sorted input', () => {
    const rng = new SeededRandom(5);
    const inputs = [
      Float64Array.from({ length: 101 }, () => rng.nextInt(10)),
      Float64Array.from({ length: 64 }, (_, i) => i),
      Float64Array.from({ length: 7 }, () => 3),
      Float64Array.from({ length: 50 }, () => rng.nextGaussian()),
    ];
    for (const values of inputs) {
      const sorted = Array.from(values).sort((a, b) => a - b);
      for (let k = 0; k < values.length; k++) expect(selectKth(Float64Array.from(values), k)).toBe(sorted[k]);
    }
  });
});
