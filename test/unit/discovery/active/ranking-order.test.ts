// Queue order: highest score first, labelled rows left out, ties to the lower row, NaN last.
import { describe, it, expect } from 'vitest';
import { descendingOrder, rowMask, topOrder } from '../../../../electron/core/discovery/active/ranking-order.js';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';

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

describe('topOrder', () => {
  it('is the first rows of descendingOrder: ties to the lower row, NaN last, exclusions left out', () => {
    const score = [0.2, Number.NaN, 0.9, 0.2, 0.5, Number.NaN, 0.9];
    expect(Array.from(topOrder(score, null, 3))).toEqual([2, 6, 4]);
    expect(Array.from(topOrder(score, null, 7))).toEqual([2, 6, 4, 0, 3, 1, 5]);
    expect(Array.from(topOrder(score, rowMask(7, [2, 0]), 4))).toEqual([6, 4, 3, 1]);
    expect(Array.from(topOrder(score, null, 100))).toEqual([2, 6, 4, 0, 3, 1, 5]);
    expect(Array.from(topOrder(score, null, 0))).toEqual([]);
  });

  it('matches descendingOrder on many rows with repeated scores, for any limit', () => {
    const rng = new SeededRandom(4);
    // Few distinct values, so ties are everywhere; some infinities too.
    const score = Float64Array.from({ length: 5000 }, () => {
      const u = rng.nextUint32() % 50;
      return u === 0 ? Infinity : u === 1 ? -Infinity : u === 2 ? Number.NaN : u % 17;
    });
    const excluded = rowMask(
      score.length,
      Array.from({ length: 300 }, (_, i) => i * 13),
    );
    const full = Array.from(descendingOrder(score, excluded));
    for (const limit of [1, 2, 20, 999, 4700, 6000])
      expect(Array.from(topOrder(score, excluded, limit))).toEqual(full.slice(0, limit));
  });

  it('rejects a limit that is not a count', () => {
    expect(() => topOrder([1, 2], null, -1)).toThrow(RangeError);
    expect(() => topOrder([1, 2], null, 1.5)).toThrow(RangeError);
  });
});

describe('rowMask', () => {
  it('marks the listed rows and rejects rows outside the set', () => {
    expect(Array.from(rowMask(4, [1, 3]))).toEqual([0, 1, 0, 1]);
    expect(() => rowMask(4, [4])).toThrow(RangeError);
    expect(() => rowMask(4, [1.5])).toThrow(RangeError);
  });
});
