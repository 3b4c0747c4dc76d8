// Rows of ids, by binary search over ascending ids and by a Map otherwise: the same answers.
import { describe, expect, it } from 'vitest';
import { rowLookup, sameIds } from '../../../electron/core/discovery/row-lookup.js';

describe('rowLookup', () => {
  it('finds each id and misses absent ones, ascending or not', () => {
    for (const ids of [Float64Array.from([2, 5, 9, 14, 100]), Float64Array.from([9, 2, 100, 5, 14])]) {
      const rowOf = rowLookup(ids);
      ids.forEach((id, row) => expect(rowOf(id)).toBe(row));
      for (const absent of [0, 3, 10, 101]) expect(rowOf(absent)).toBeUndefined();
    }
    expect(rowLookup(new Float64Array(0))(1)).toBeUndefined();
  });

  it('tells when two id columns correspond row for row', () => {
    expect(sameIds(Float64Array.from([1, 2]), Float64Array.from([1, 2]))).toBe(true);
    expect(sameIds(Float64Array.from([1, 2]), Float64Array.from([2, 1]))).toBe(false);
    expect(sameIds(Float64Array.from([1]), Float64Array.from([1, 2]))).toBe(false);
  });
});
