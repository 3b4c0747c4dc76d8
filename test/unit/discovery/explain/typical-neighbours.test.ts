import { describe, expect, it } from 'vitest';
import { typicalNeighbours } from '../../../../electron/core/discovery/explain/typical-neighbours.js';
import { ExactIndex } from '../../../../electron/core/discovery/neighbours/exact-index.js';

describe('typicalNeighbours', () => {
  // 40 points on a line at x = 0, 1, …, 39, ids 100 + x; the query is the point at 0.
  const count = 40;
  const vectors = { data: Float32Array.from({ length: count }, (_, i) => i), count, dim: 1 };
  const ids = Float64Array.from({ length: count }, (_, i) => 100 + i);
  const index = new ExactIndex(vectors);

  it('skips atypical objects and itself, widening the search until k are found', () => {
    // The 20 nearest others are atypical: the first search (4k + 1 = 9 rows) finds none of the 2 asked for.
    const found = typicalNeighbours({ vectors, ids }, index, 0, 2, (id) => id > 120);
    expect(found).toEqual([
      { id: 121, distance: 21 },
      { id: 122, distance: 22 },
    ]);
  });

  it('gives fewer than k when the embedding holds fewer typical objects', () => {
    const found = typicalNeighbours({ vectors, ids }, index, 0, 5, (id) => id >= 137);
    expect(found.map((n) => n.id)).toEqual([137, 138, 139]);
  });
});
