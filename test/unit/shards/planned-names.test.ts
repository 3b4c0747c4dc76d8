// Names decided for a whole plan: stems where unique, paths below the planned folder where
// not, and an HDF5 names column only when all its values are filled in and unique plan-wide.
import { describe, expect, it } from 'vitest';
import { commonFolder, planNames } from '../../../electron/core/shards/plan/planned-names.js';

describe('planNames', () => {
  it('uses stems, and the path below the root where stems collide', () => {
    const names = planNames(
      [{ path: '/d/a/x.fits' }, { path: '/d/b/x.fits' }, { path: '/d/a/y.png' }, { path: '/d/c/x.png' }],
      '/d',
    );
    expect(names.map((n) => n.name)).toEqual(['a/x', 'b/x', 'y', 'c/x']);
  });

  it('keeps the extension when the path without it still collides', () => {
    const names = planNames([{ path: '/d/x.fits' }, { path: '/d/x.png' }], '/d');
    expect(names.map((n) => n.name)).toEqual(['x.fits', 'x.png']);
  });

  it("takes a collection's names column only when it is complete and unique across the plan", () => {
    const names = planNames(
      [
        { path: '/d/one.h5', columnNames: ['G1', 'G2'] },
        { path: '/d/two.h5', columnNames: ['G3', 'G2'] },
        { path: '/d/three.h5', columnNames: ['G4', null] },
        { path: '/d/four.h5', columnNames: ['G5', 'G6'] },
        { path: '/d/five.h5', columnNames: ['G7', 'one'] },
      ],
      '/d',
    );
    expect(names.map((n) => n.fileNames)).toEqual([false, false, false, true, false]);
  });
});

describe('commonFolder', () => {
  it('is the deepest folder holding every path', () => {
    expect(commonFolder(['/d/a/x.fits', '/d/a/b/y.fits'])).toBe('/d/a');
    expect(commonFolder(['/d/a/x.fits', '/e/y.fits'])).toBe('/');
    expect(commonFolder(['/d/a/x.fits'])).toBe('/d/a');
  });
});
