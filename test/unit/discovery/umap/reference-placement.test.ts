// Placing objects on a fixed map reference: the reference search finds exactly the k nearest
// points (as a brute-force search computing the same distances does), and an object's position
// depends on its own vector alone: not on the other objects placed with it, their order or the
// page it came in.
import { describe, expect, it } from 'vitest';
import { clusteredVectors } from '../../../bench/clustered-data.js';
import { buildReferenceIndex, searchReference } from '../../../../electron/core/discovery/umap/reference-search.js';
import {
  neighbourWeights,
  placeOnReference,
  prepareReference,
} from '../../../../electron/core/discovery/umap/reference-placement.js';
import { fitCurveParameters } from '../../../../electron/core/discovery/umap/curve-fit.js';
import type { VectorSet } from '../../../../electron/core/discovery/vectors.js';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';

/** The k nearest rows by Σ(q − r)² in float64, ties to the lower index: what the search must match. */
function bruteForce(vectors: VectorSet, query: Float32Array, k: number): { indices: number[]; squared: number[] } {
  const all = Array.from({ length: vectors.count }, (_, r) => {
    let sum = 0;
    for (let j = 0; j < vectors.dim; j++) sum += (query[j] - vectors.data[r * vectors.dim + j]) ** 2;
    return { r, sum };
  });
  all.sort((a, b) => a.sum - b.sum || a.r - b.r);
  return { indices: all.slice(0, k).map((c) => c.r), squared: all.slice(0, k).map((c) => c.sum) };
}

/** Clustered reference vectors, some of them repeated (exact ties), and queries from the same distribution. */
function referenceAndQueries(
  count: number,
  queries: number,
  dim: number,
): { vectors: VectorSet; queries: Float32Array } {
  const all = clusteredVectors(count + queries, dim, { seed: 5, clusters: 7 }).vectors;
  const data = all.data.slice(0, count * dim);
  for (let r = 0; r < 20; r++) data.copyWithin((count - 1 - r) * dim, r * dim, (r + 1) * dim);
  return { vectors: { data, count, dim }, queries: all.data.slice(count * dim) };
}

describe('searchReference', () => {
  it('finds exactly the k nearest reference points, ties to the lower index', () => {
    const { vectors, queries } = referenceAndQueries(900, 60, 6);
    // The reference points themselves as queries too: each has a duplicate at distance 0.
    const asked = new Float32Array([...queries, ...vectors.data.subarray(0, 10 * 6)]);
    const rows = asked.length / 6;
    const found = searchReference(buildReferenceIndex(vectors), asked, rows, 12);
    for (let i = 0; i < rows; i++) {
      const want = bruteForce(vectors, asked.subarray(i * 6, (i + 1) * 6), 12);
      expect(Array.from(found.indices.subarray(i * 12, (i + 1) * 12)), `query ${i}`).toEqual(want.indices);
      expect(Array.from(found.distances.subarray(i * 12, (i + 1) * 12))).toEqual(want.squared.map(Math.sqrt));
    }
  });
});

describe('placeOnReference', () => {
  const { vectors, queries } = referenceAndQueries(400, 50, 5);
  const random = new SeededRandom(3);
  const coords = Float32Array.from({ length: 800 }, () => 10 * random.nextFloat());
  const { a, b } = fitCurveParameters(0.1, 1);
  const reference = prepareReference({ vectors, coords, neighbours: 10, a, b }, { epochs: 40, seed: 7 });

  it('places an object alike whatever is placed with it, and in whichever order', () => {
    const together = placeOnReference(reference, queries, 50);
    // Each object alone, and the objects in reverse order.
    for (let i = 0; i < 50; i++) {
      const alone = placeOnReference(reference, queries.slice(i * 5, (i + 1) * 5), 1);
      expect(Array.from(alone)).toEqual(Array.from(together.subarray(2 * i, 2 * i + 2)));
    }
    const reversed = new Float32Array(queries.length);
    for (let i = 0; i < 50; i++) reversed.set(queries.subarray(i * 5, (i + 1) * 5), (49 - i) * 5);
    const backwards = placeOnReference(reference, reversed, 50);
    for (let i = 0; i < 50; i++) {
      expect(Array.from(backwards.subarray(2 * (49 - i), 2 * (49 - i) + 2))).toEqual(
        Array.from(together.subarray(2 * i, 2 * i + 2)),
      );
    }
  });

  it('depends on the seed, and keeps every object within the map', () => {
    const placed = placeOnReference(reference, queries, 50);
    const otherSeed = prepareReference({ vectors, coords, neighbours: 10, a, b }, { epochs: 40, seed: 8 });
    expect(Array.from(placeOnReference(otherSeed, queries, 50))).not.toEqual(Array.from(placed));
    // Every position lies within the reference map's extent: nothing flung away.
    for (const value of placed) {
      expect(value).toBeGreaterThan(-2);
      expect(value).toBeLessThan(12);
    }
  });
});

describe('neighbourWeights', () => {
  it('sums to log2(k) with the nearest at full weight when it is a duplicate, as umap-learn’s transform', () => {
    const distances = Float64Array.of(0, 1, 1.5, 2, 3, 4);
    const weights = new Float64Array(6);
    neighbourWeights(distances, 0, 6, weights);
    expect(weights[0]).toBe(1);
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(Math.log2(6), 4);
    for (let j = 1; j < 6; j++) expect(weights[j]).toBeLessThan(weights[j - 1]);
  });
});
