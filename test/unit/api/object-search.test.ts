// "Go to object" by coordinates: typed RA/Dec in any accepted form lists the objects nearest it,
// nearest first with their separation; names still search by name; out-of-range text finds nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findObjects } from '../../../electron/core/api/object-search.js';
import type { Workspace } from '../../../electron/core/workspace/workspace.js';
import { workspaceWith } from '../discovery/imports/import-fixtures.js';
import { useSharedTempDir } from '../../helpers/temp-dir.js';

describe('findObjects by coordinates', () => {
  const dir = useSharedTempDir('serendip-object-search-');
  let workspace: Workspace;
  const s = 1 / 3600;

  beforeAll(() => {
    ({ workspace } = workspaceWith(dir(), [
      { name: 'far', ra: 150.1, dec: 2.2 + 2 }, // 2° north: outside the search radius
      { name: 'east', ra: 150.1 + 30 * s, dec: 2.2 },
      { name: 'target', ra: 150.1, dec: 2.2 },
      { name: 'north', ra: 150.1, dec: 2.2 + 5 * s },
      { name: 'wide', ra: 150.1, dec: 2.2 - 1200 * s }, // 20′ south: found once the search widens
      { name: 'nowhere' },
    ]));
  });
  afterAll(() => workspace.close());

  it('lists the nearest objects first with their separation in arcseconds', () => {
    for (const text of ['150.1 2.2', '150.1, +2.2', '10:00:24.0 +02:12:00', '10h00m24s +2d12m00s']) {
      const found = findObjects(workspace.db, text, 8);
      expect(
        found.map((f) => f.name),
        text,
      ).toEqual(['target', 'north', 'east', 'wide']);
      // 30″ of RA at Dec 2.2° is 30 × cos(2.2°) = 29.978″ on the sky.
      expect(found.map((f) => f.separationArcsec)).toEqual(
        [0, 5, 30 * Math.cos((2.2 * Math.PI) / 180), 1200].map((d) => expect.closeTo(d, 3)),
      );
    }
    expect(findObjects(workspace.db, '150.1 2.2', 1).map((f) => f.name)).toEqual(['target']);
    expect(findObjects(workspace.db, '150.1 2.2', 3).map((f) => f.name)).toEqual(['target', 'north', 'east']);
  });

  it('finds nothing for coordinates out of range, and names by name', () => {
    expect(findObjects(workspace.db, '150.1 95')).toEqual([]);
    expect(findObjects(workspace.db, '25:00:00 +02:12:00')).toEqual([]);
    expect(findObjects(workspace.db, 'targ').map((f) => [f.name, f.separationArcsec])).toEqual([['target', undefined]]);
  });
});
