import { describe, it, expect } from 'vitest';
import { buildVectorIndex } from '../../../../electron/core/discovery/neighbours/open-index.js';
import { similarToSet } from '../../../../electron/core/discovery/neighbours/similar-to-set.js';
import type { VectorSet } from '../../../../electron/core/discovery/vectors.js';
import { clusteredVectors } from '../../../bench/clustered-data.js';

// Points on a line; rows 0–3 at 0..3, rows 4–5 at 10, 11, rows 6–8 at 20..22.
const line: VectorSet = { data: Float32Array.of(0, 1, 2, 3, 10, 11, 20, 21, 22), count: 9, dim: 1 };
const lineIndex = buildVectorIndex(line);

describe('similarToSet', () => {
  it('ranks by distance to the centroid and leaves out the chosen rows', () => {
    // Rows 1 and 3 (at 1 and 3) have their centroid at 2, which is row 2 itself.
    const result = similarToSet(lineIndex, line, [1, 3], 3);
    expect(Array.from(result.indices)).toEqual([2, 0, 4]);
    expect(Array.from(result.distances)).toEqual([0, 2, 8]);
  });

  it('ranks by distance to the nearest chosen row in nearest-member mode', () => {
    // Rows 0 and 7 sit at 0 and 21; their centroid (10.5) would pick rows 4 and 5 instead.
    const result = similarToSet(lineIndex, line, [0, 7], 4, { mode: 'nearest-member' });
    expect(Array.from(result.indices)).toEqual([1, 6, 8, 2]);
    expect(Array.from(result.distances)).toEqual([1, 1, 1, 2]);
    const byCentroid = similarToSet(lineIndex, line, [0, 7], 2);
    expect(Array.from(byCentroid.indices)).toEqual([4, 5]);
  });

  it('pads with -1 when fewer than k rows are left after the chosen ones', () => {
    const result = similarToSet(lineIndex, line, [0, 1, 2, 3, 4, 5, 6], 3);
    expect(Array.from(result.indices)).toEqual([7, 8, -1]);
    expect(result.distances[2]).toBe(Infinity);
  });

  it('rejects an empty set and rows outside the collection', () => {
    expect(() => similarToSet(lineIndex, line, [], 3)).toThrow(RangeError);
    expect(() => similarToSet(lineIndex, line, [9], 3)).toThrow(RangeError);
  });

  it('never returns a chosen row from the graph index, and agrees with exact search', () => {
    const { vectors, labels } = clusteredVectors(2000, 12, { seed: 21 });
    const graph = buildVectorIndex(vectors, { exactBelow: 0 });
    const exact = buildVectorIndex(vectors, { exactBelow: Infinity });
    const blob: number[] = [];
    for (let i = 0; i < vectors.count && blob.length < 6; i++) if (labels[i] === labels[0]) blob.push(i);
    for (const mode of ['centroid', 'nearest-member'] as const) {
      const found = similarToSet(graph, vectors, blob, 20, { mode });
      const truth = similarToSet(exact, vectors, blob, 20, { mode });
      const rows = Array.from(found.indices);
      expect(rows.filter((r) => blob.includes(r))).toEqual([]);
      expect(new Set(rows).size).toBe(20);
      const truthRows = new Set(truth.indices);
      expect(rows.filter((r) => truthRows.has(r)).length).toBeGreaterThanOrEqual(18);
    }
  });
});
