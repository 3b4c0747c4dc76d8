// The queue's hit rate against a catalog column: which map objects are hits, and how a hit is named.
import { describe, expect, it } from 'vitest';
import { hitIds, hitName } from '../../../renderer/src/views/queue/hit-rate.js';

describe('hitIds', () => {
  const mapIds = Float64Array.from([10, 11, 12, 13, 14]);
  // 0 = missing, k = categories[k − 1].
  const column = { codes: Uint16Array.from([1, 2, 2, 0, 1]), categories: ['0', '1'] };

  it('is the ids whose value is the chosen one, none where it is missing', () => {
    expect([...hitIds(mapIds, column, '1')].sort()).toEqual([11, 12]);
    expect([...hitIds(mapIds, column, '0')].sort()).toEqual([10, 14]);
  });

  it('is empty for a value the column lacks, or a column of another map', () => {
    expect(hitIds(mapIds, column, 'ring').size).toBe(0);
    expect(hitIds(mapIds.subarray(0, 4), column, '1').size).toBe(0);
  });
});

describe('hitName', () => {
  it('names a number or true/false with its column, a word alone', () => {
    expect(hitName('flag', '1')).toBe('flag = 1');
    expect(hitName('is_ring', 'true')).toBe('is_ring = true');
    expect(hitName('class', 'ring')).toBe('ring');
  });
});
