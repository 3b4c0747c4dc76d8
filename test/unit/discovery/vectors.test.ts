// vectorRows: the rows asked for, in the order asked, copied out of the set.
import { describe, expect, it } from 'vitest';
import { vectorRows } from '../../../electron/core/discovery/vectors.js';

describe('vectorRows', () => {
  it('copies the named rows in the order given, repeats included', () => {
    const set = { data: Float32Array.of(0, 1, 10, 11, 20, 21), count: 3, dim: 2 };
    const picked = vectorRows(set, [2, 0, 2]);
    expect(picked).toEqual({ data: Float32Array.of(20, 21, 0, 1, 20, 21), count: 3, dim: 2 });
    set.data[4] = -1;
    expect(picked.data[0]).toBe(20);
  });

  it('gives an empty set for no rows', () => {
    expect(vectorRows({ data: Float32Array.of(1, 2), count: 1, dim: 2 }, [])).toEqual({
      data: new Float32Array(0),
      count: 0,
      dim: 2,
    });
  });
});
