// Isolation forest: known answers (c(n), degenerate forests with exact scores, a lone far
// point ranked first), the tree invariants scikit-learn's construction guarantees, and that
// a forest survives bytes and structured clone unchanged.
import { describe, it, expect } from 'vitest';
import { IsolationForest, averagePathLength } from '../../../../electron/core/discovery/anomaly/isolation-forest.js';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';
import { gaussianVectors } from '../../../helpers/random-vectors.js';

function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

describe('averagePathLength (c(n))', () => {
  it('matches scikit-learn _average_path_length', () => {
    expect(averagePathLength(0)).toBe(0);
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(3)).toBeCloseTo(1.207392357589623, 12);
    expect(averagePathLength(256)).toBeCloseTo(10.244770920119917, 12);
    expect(averagePathLength(100000)).toBeCloseTo(22.180282259643523, 12);
  });
});

describe('IsolationForest scores', () => {
  it('ranks a single far point first in a tight cluster', () => {
    const cloud = gaussianVectors(500, 4, 3, 0.5);
    const outlier = 137;
    cloud.data.fill(6, outlier * 4, outlier * 4 + 4);
    const scores = IsolationForest.fit(cloud, { seed: 1 }).score(cloud);
    expect(argmax(scores)).toBe(outlier);
    expect(scores[outlier]).toBeGreaterThan(0.7);
    // Typical rows sit near or below the 0.5 an average row gets.
    const sorted = Float64Array.from(scores).sort();
    expect(sorted[250]).toBeLessThan(0.5);
  });

  it('gives scores in (0, 1]', () => {
    const cloud = gaussianVectors(300, 3, 5);
    const scores = IsolationForest.fit(cloud, { trees: 20, seed: 2 }).score(cloud);
    for (const s of scores) {
      expect(s).toBeGreaterThan(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });

  it('scores exactly 0.5 everywhere when every row is identical', () => {
    // No feature varies, so each tree is one leaf of psi rows: h = c(psi) and 2^(-1) = 0.5.
    const data = new Float32Array(40 * 3).fill(2.5);
    const forest = IsolationForest.fit({ data, count: 40, dim: 3 }, { trees: 7 });
    expect(forest.nodeCount).toBe(7);
    expect(Array.from(forest.score({ data, count: 40, dim: 3 }))).toEqual(new Array(40).fill(0.5));
  });

  it('scores exactly 0.5 for two distinct rows', () => {
    // psi = 2, depth limit 1: each row ends alone at depth 1, h = 1 = c(2).
    const data = Float32Array.of(0, 0, 1, 3);
    const forest = IsolationForest.fit({ data, count: 2, dim: 2 }, { trees: 5 });
    expect(Array.from(forest.score({ data, count: 2, dim: 2 }))).toEqual([0.5, 0.5]);
  });

  it('scores 1 for a forest grown on a single row, as scikit-learn does', () => {
    const data = Float32Array.of(1, 2);
    const forest = IsolationForest.fit({ data, count: 1, dim: 2 }, { trees: 3 });
    expect(Array.from(forest.score({ data, count: 1, dim: 2 }))).toEqual([1]);
  });

  it('is deterministic for a seed and changes with it', () => {
    const cloud = gaussianVectors(400, 5, 9);
    const a = IsolationForest.fit(cloud, { trees: 30, seed: 42 }).score(cloud);
    const b = IsolationForest.fit(cloud, { trees: 30, seed: 42 }).score(cloud);
    const c = IsolationForest.fit(cloud, { trees: 30, seed: 43 }).score(cloud);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('scores a row range the same as the whole set', () => {
    const cloud = gaussianVectors(200, 4, 4);
    const forest = IsolationForest.fit(cloud, { trees: 25 });
    const all = forest.score(cloud);
    expect(forest.score(cloud, 50, 120)).toEqual(all.slice(50, 120));
  });

  it('charges depth plus c(leaf size) on a hand-built tree, sending ties left', () => {
    // Root splits feature 1 at 1.0: left leaf holds 1 training row, right leaf 3 (psi = 4).
    const forest = IsolationForest.fromArrays({
      dim: 2,
      sampleSize: 4,
      treeOffsets: Int32Array.of(0, 3),
      feature: Int32Array.of(1, -1, -1),
      threshold: Float64Array.of(1, 0, 0),
      leftChild: Int32Array.of(1, -1, -1),
      nodeSize: Int32Array.of(4, 1, 3),
    });
    const rows = { data: Float32Array.of(9, 1, -9, 1.5), count: 2, dim: 2 };
    expect(Array.from(forest.meanPathLength(rows))).toEqual([1, 1 + averagePathLength(3)]);
    const score = forest.score(rows);
    expect(score[0]).toBeCloseTo(Math.pow(2, -1 / averagePathLength(4)), 15);
    expect(score[1]).toBeCloseTo(Math.pow(2, -(1 + averagePathLength(3)) / averagePathLength(4)), 15);
    expect(Array.from(forest.leafIndices(rows))).toEqual([1, 2]);
  });

  it('rejects vectors of another width and rows out of range', () => {
    const forest = IsolationForest.fit(gaussianVectors(50, 3, 1), { trees: 5 });
    expect(() => forest.score(gaussianVectors(5, 4, 1))).toThrow(/3-d/);
    expect(() => forest.score(gaussianVectors(5, 3, 1), 2, 6)).toThrow(RangeError);
  });
});

describe('IsolationForest trees', () => {
  const cloud = gaussianVectors(1000, 6, 11);
  const forest = IsolationForest.fit(cloud, { trees: 40, sampleSize: 256, seed: 3 });
  const { treeOffsets, feature, threshold, leftChild, nodeSize } = forest.arrays;

  it('grows each tree on psi rows, to depth at most ceil(log2(psi))', () => {
    expect(forest.treeCount).toBe(40);
    expect(forest.arrays.sampleSize).toBe(256);
    for (let t = 0; t < 40; t++) {
      const root = treeOffsets[t];
      expect(nodeSize[root]).toBe(256);
      let leafRows = 0;
      for (let n = root; n < treeOffsets[t + 1]; n++) {
        if (feature[n] < 0) {
          leafRows += nodeSize[n];
          expect(forest.nodePathLength[n] - averagePathLength(nodeSize[n])).toBeLessThanOrEqual(8);
        } else {
          expect(nodeSize[leftChild[n]] + nodeSize[leftChild[n] + 1]).toBe(nodeSize[n]);
          expect(nodeSize[leftChild[n]]).toBeGreaterThan(0);
          expect(nodeSize[leftChild[n] + 1]).toBeGreaterThan(0);
        }
      }
      expect(leafRows).toBe(256);
    }
  });

  it('caps psi at the row count', () => {
    const small = IsolationForest.fit(gaussianVectors(30, 2, 1), { trees: 4 });
    expect(small.arrays.sampleSize).toBe(30);
  });

  it('splits inside the data range', () => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of cloud.data) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    for (let n = 0; n < forest.nodeCount; n++) {
      if (feature[n] < 0) continue;
      expect(threshold[n]).toBeGreaterThanOrEqual(lo);
      expect(threshold[n]).toBeLessThan(hi);
    }
  });

  it('gives each row one leaf per tree, inside that tree', () => {
    const leaves = forest.leafIndices(cloud, 0, 100);
    expect(leaves.length).toBe(100 * 40);
    for (let i = 0; i < 100; i++) {
      for (let t = 0; t < 40; t++) {
        const leaf = leaves[i * 40 + t];
        expect(forest.isLeaf(leaf)).toBe(true);
        expect(leaf).toBeGreaterThanOrEqual(treeOffsets[t]);
        expect(leaf).toBeLessThan(treeOffsets[t + 1]);
      }
    }
  });

  it('gives the same leaves for a row range as for the whole set, across its blocks of rows', () => {
    const rng = new SeededRandom(9);
    const many = { data: Float32Array.from({ length: 2600 * 3 }, () => rng.nextGaussian()), count: 2600, dim: 3 };
    const fitted = IsolationForest.fit(many, { trees: 7, seed: 3 });
    const all = fitted.leafIndices(many);
    expect(Array.from(fitted.leafIndices(many, 1000, 2600))).toEqual(Array.from(all.subarray(1000 * 7, 2600 * 7)));
    expect(Array.from(fitted.leafIndices(many, 5, 6))).toEqual(Array.from(all.subarray(5 * 7, 6 * 7)));
    const mean = fitted.meanPathLength(many);
    const summed = fitted.scoreFromLeafWeights(all, fitted.nodePathLength);
    for (let i = 0; i < many.count; i++) expect(summed[i] / 7).toBeCloseTo(mean[i], 10);
  });

  it('routes rows at scoring time exactly as they were split when grown', () => {
    // With psi = count every row is in every tree's sample, so each leaf must receive
    // exactly nodeSize rows; duplicated values put rows right on some thresholds.
    const rng = new SeededRandom(2);
    const data = new Float32Array(120 * 3);
    for (let i = 0; i < data.length; i++) data[i] = rng.nextInt(4);
    const set = { data, count: 120, dim: 3 };
    const small = IsolationForest.fit(set, { trees: 10, sampleSize: 120, seed: 6 });
    const reached = new Int32Array(small.nodeCount);
    for (const leaf of small.leafIndices(set)) reached[leaf]++;
    for (let n = 0; n < small.nodeCount; n++) {
      if (small.isLeaf(n)) expect(reached[n]).toBe(small.arrays.nodeSize[n]);
    }
  });

  it('reproduces the mean path length from leaf weights', () => {
    const leaves = forest.leafIndices(cloud);
    const summed = forest.scoreFromLeafWeights(leaves, forest.nodePathLength);
    const mean = forest.meanPathLength(cloud);
    for (let i = 0; i < cloud.count; i++) expect(summed[i] / 40).toBeCloseTo(mean[i], 10);
    expect(() => forest.scoreFromLeafWeights(leaves, new Float64Array(3))).toThrow(/leaf weights/);
  });
});

describe('IsolationForest persistence', () => {
  const cloud = gaussianVectors(300, 4, 21);
  const forest = IsolationForest.fit(cloud, { trees: 15, seed: 8 });
  const expected = forest.score(cloud);

  it('scores identically after a round trip through bytes', () => {
    const bytes = forest.toBytes();
    // Copy into an offset view: a blob read from a file rarely starts at byte 0 of its buffer.
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const loaded = IsolationForest.fromBytes(shifted.subarray(3));
    expect(loaded.score(cloud)).toEqual(expected);
    expect(loaded.arrays.threshold).toEqual(forest.arrays.threshold);
  });

  it('scores identically after structured clone of its arrays (as to a worker)', () => {
    const loaded = IsolationForest.fromArrays(structuredClone(forest.arrays));
    expect(loaded.score(cloud)).toEqual(expected);
  });

  it('rejects corrupt blobs and arrays', () => {
    const bytes = forest.toBytes();
    expect(() => IsolationForest.fromBytes(bytes.subarray(0, bytes.length - 4))).toThrow(/bytes/);
    const wrongMagic = bytes.slice();
    wrongMagic[0] ^= 0xff;
    expect(() => IsolationForest.fromBytes(wrongMagic)).toThrow(/not an isolation forest/);
    const broken = structuredClone(forest.arrays);
    broken.leftChild[0] = 0;
    expect(() => IsolationForest.fromArrays(broken)).toThrow(/children/);
  });
});
