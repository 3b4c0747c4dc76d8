// The kernel relevance sums against a direct computation, through additions, removals and
// changed targets, and the bandwidth against a set whose neighbour distances are known.
import { describe, it, expect } from 'vitest';
import { KernelRelevance, kernelBandwidth } from '../../../electron/core/discovery/active/kernel-relevance.js';
import { exactKnnGraph } from '../../../electron/core/discovery/exact-knn.js';
import { SeededRandom } from '../../../electron/core/discovery/seeded-random.js';
import type { LabelledRow } from '../../../electron/core/discovery/active/labelled-row.js';

function randomVectors(count: number, dim: number, seed: number) {
  const rng = new SeededRandom(seed);
  return { data: Float32Array.from({ length: count * dim }, () => rng.nextGaussian()), count, dim };
}

function directSums(vectors: { data: Float32Array; count: number; dim: number }, h: number, labelled: LabelledRow[]) {
  const weight = new Float64Array(vectors.count);
  const weightedTarget = new Float64Array(vectors.count);
  for (let i = 0; i < vectors.count; i++) {
    for (const { row, target } of labelled) {
      let d2 = 0;
      for (let d = 0; d < vectors.dim; d++) d2 += (vectors.data[i * vectors.dim + d] - vectors.data[row * vectors.dim + d]) ** 2;
      const k = Math.exp(-d2 / (2 * h * h));
      weight[i] += k;
      weightedTarget[i] += k * target;
    }
  }
  return { weight, weightedTarget };
}

describe('KernelRelevance', () => {
  it('keeps the sums equal to a direct computation as labels come, go and change', () => {
    const vectors = randomVectors(200, 5, 1);
    const model = new KernelRelevance(vectors, 1.3);
    const steps: LabelledRow[][] = [
      [{ row: 3, target: 1 }],
      [{ row: 3, target: 1 }, { row: 50, target: 0 }, { row: 99, target: 0.25 }],
      [{ row: 50, target: 1 }, { row: 99, target: 0.25 }],
      [],
      [{ row: 7, target: 0 }],
    ];
    for (const labelled of steps) {
      model.update(labelled);
      const expected = directSums(vectors, 1.3, labelled);
      for (let i = 0; i < vectors.count; i++) {
        expect(model.weight[i]).toBeCloseTo(expected.weight[i], 10);
        expect(model.weightedTarget[i]).toBeCloseTo(expected.weightedTarget[i], 10);
      }
    }
  });

  it('rejects a bandwidth that is not positive', () => {
    expect(() => new KernelRelevance(randomVectors(3, 2, 1), 0)).toThrow(RangeError);
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
