// Queue order: highest score first, labelled rows left out, ties to the lower row, NaN last.
import { describe, it, expect } from 'vitest';
import { descendingOrder, rowMask } from '../../../electron/core/discovery/active/ranking-order.js';

describe('descendingOrder', () => {
  it('orders by score, breaking ties by row and putting NaN last', () => {
    const score = [0.2, Number.NaN, 0.9, 0.2, 0.5, Number.NaN];
    expect(Array.from(descendingOrder(score))).toEqual([2, 4, 0, 3, 1, 5]);
  });

  it('leaves out the excluded rows', () => {
    const score = Float64Array.from([3, 2, 1, 0]);
    expect(Array.from(descendingOrder(score, rowMask(4, [0, 2])))).toEqual([1, 3]);
  });
});

describe('rowMask', () => {
  it('marks the listed rows and rejects rows outside the set', () => {
    expect(Array.from(rowMask(4, [1, 3]))).toEqual([0, 1, 0, 1]);
    expect(() => rowMask(4, [4])).toThrow(RangeError);
    expect(() => rowMask(4, [1.5])).toThrow(RangeError);
  });
});
