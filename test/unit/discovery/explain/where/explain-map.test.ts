// An explanation map's peak: the middle of the pixels holding the largest value (a patch of a
// saliency map), or, when the largest value sits in separate places, the one nearest their middle.
import { describe, expect, it } from 'vitest';
import { explainMap } from '../../../../../electron/core/discovery/explain/where/explain-map.js';

describe('explainMap', () => {
  it('puts the peak in the middle of the top patch', () => {
    const values = new Float32Array(8 * 8);
    for (let y = 4; y < 7; y++) for (let x = 1; x < 4; x++) values[y * 8 + x] = 2;
    values[0] = 1;
    const map = explainMap('saliency', null, 8, 8, values);
    expect(map.peak).toEqual({ x: 2, y: 5 });
    expect(map.values).toHaveLength(64);
    expect(map.values[5 * 8 + 2]).toBe(2);
  });

  it('takes the held pixel nearest the middle of separate maxima', () => {
    const values = new Float32Array(5 * 3);
    values[0] = 3;
    values[1] = 3;
    values[14] = 3;
    // Their middle is (5/3, 2/3): (1, 0) is nearest.
    expect(explainMap('residual', 'g', 5, 3, values).peak).toEqual({ x: 1, y: 0 });
  });
});
