// The patch grid the "where" maps share: where patches start, and how a value per patch is
// spread over the pixels (the mean over the patches that cover each pixel).
import { describe, expect, it } from 'vitest';
import {
  patchSide,
  patchStarts,
  spreadOverPatches,
} from '../../../../../electron/core/discovery/explain/where/patch-grid.js';

describe('patch grid', () => {
  it('places patches every stride and flush with the far edge', () => {
    expect(patchStarts(10, 3, 2)).toEqual([0, 2, 4, 6, 7]);
    expect(patchStarts(64, 8, 4)).toEqual([0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56]);
    expect(patchStarts(64, 8, 8)).toEqual([0, 8, 16, 24, 32, 40, 48, 56]);
  });

  it('makes a patch 1/8 of the side, at least a pixel', () => {
    expect([patchSide(64), patchSide(32), patchSide(4)]).toEqual([8, 4, 1]);
  });

  it('gives each pixel the mean of the values of the patches that cover it', () => {
    // Side 3, patches of 2 at starts 0 and 1: the middle row and column are covered twice.
    const map = spreadOverPatches(3, 2, [0, 1], (p) => [0, 4, 8, 12][p]);
    expect(Array.from(map)).toEqual([0, 2, 4, 4, 6, 8, 8, 10, 12]);
  });
});
