import { afterEach, describe, expect, it } from 'vitest';
import {
  matchImportedRows,
  matchRows,
  parseImportMatch,
  type ImportMatch,
} from '../../../../electron/core/discovery/imports/match-rows.js';
import type { ImportedRows } from '../../../../electron/core/discovery/imports/imported-rows.js';
import type { Workspace } from '../../../../electron/core/workspace/workspace.js';
import { useTempDir } from '../../../helpers/temp-dir.js';
import { workspaceWith, type FixtureObject } from './import-fixtures.js';

const tempDir = useTempDir('serendip-import-match-');
const open: Workspace[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

function fixture(objects: FixtureObject[]): { workspace: Workspace; id: Map<string, number> } {
  const made = workspaceWith(tempDir(), objects);
  open.push(made.workspace);
  return made;
}

function rows(keys: (string | null)[] | null, positions?: [number, number][]): ImportedRows {
  const count = keys?.length ?? positions!.length;
  return {
    format: 'npy',
    rows: count,
    dim: 1,
    values: new Float32Array(count),
    keys,
    ra: positions ? Float64Array.from(positions, (p) => p[0]) : null,
    dec: positions ? Float64Array.from(positions, (p) => p[1]) : null,
  };
}

describe('parseImportMatch', () => {
  it('reads name, catalog:COL and radec, and refuses anything else', () => {
    expect(parseImportMatch('name')).toEqual({ by: 'name' });
    expect(parseImportMatch('catalog:survey id')).toEqual({ by: 'catalog', column: 'survey id' });
    expect(parseImportMatch('radec')).toEqual({ by: 'radec', radiusArcsec: 2 });
    for (const bad of ['catalog:', 'names', 'RADEC', ''])
      expect(() => parseImportMatch(bad)).toThrow(/--match must be name, catalog:<column> or radec/);
  });
});

describe('matchRows', () => {
  it('counts matches, misses, shared values and duplicates, and names the first five', () => {
    const found = [10, null, 11, 10, { shared: 3 }, null, 12, null, 11];
    const result = matchRows(
      found.length,
      (r) => found[r],
      (r) => `r${r}`,
    );
    expect(Array.from(result.objectOfRow)).toEqual([10, -1, 11, -1, -1, -1, 12, -1, -1]);
    expect(result).toMatchObject({ matched: 3, unmatched: 4, duplicates: 2 });
    expect(result.examples).toEqual([
      'r1',
      'r3 (same object as an earlier row)',
      'r4 (3 objects share it)',
      'r5',
      'r7',
    ]);
  });
});

describe('matchImportedRows', () => {
  it('matches by object name; the first row naming an object wins', () => {
    const { workspace, id } = fixture([{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    const result = matchImportedRows(workspace.db, rows(['b', 'zz', null, 'a', 'b']), { by: 'name' });
    expect(Array.from(result.objectOfRow)).toEqual([id.get('b'), -1, -1, id.get('a'), -1]);
    expect(result).toMatchObject({ matched: 2, unmatched: 2, duplicates: 1 });
    expect(result.examples).toEqual(['zz', 'row 3 (no name)', 'b (same object as an earlier row)']);
  });

  it('matches by a catalog column value, as text; a value several objects share matches none', () => {
    const { workspace, id } = fixture([
      { name: 'a', catalog: { survey_id: 'S1', z: '0.1' } },
      { name: 'b', catalog: { survey_id: 'S9' } },
      { name: 'c', catalog: { survey_id: 'S9' } },
      { name: 'd', catalog: { survey_id: '39627000000000001' } },
      { name: 'e' },
    ]);
    const match: ImportMatch = { by: 'catalog', column: 'survey_id' };
    const result = matchImportedRows(workspace.db, rows(['39627000000000001', 'S9', 'S1', 'a', 'S404']), match);
    expect(Array.from(result.objectOfRow)).toEqual([id.get('d'), -1, id.get('a'), -1, -1]);
    expect(result).toMatchObject({ matched: 2, unmatched: 3, duplicates: 0 });
    expect(result.examples).toEqual(['S9 (2 objects share it)', 'a', 'S404']);
    expect(() => matchImportedRows(workspace.db, rows(['S1']), { by: 'catalog', column: 'objid' })).toThrow(
      'no catalog column "objid" in this workspace; its columns: survey_id, z',
    );
  });

  it('refuses a catalog match where no catalog is joined, saying how to join one', () => {
    const { workspace } = fixture([{ name: 'a' }]);
    expect(() => matchImportedRows(workspace.db, rows(['a']), { by: 'catalog', column: 'objid' })).toThrow(
      /no catalog is joined to this workspace.*--catalog/,
    );
  });

  it('matches by position within 2″, across RA 0 and at the pole; rows without a position match nothing', () => {
    const { workspace, id } = fixture([
      { name: 'wrap', ra: 359.9999, dec: 10 },
      { name: 'pole', ra: 0, dec: 89.9998 },
      { name: 'plain', ra: 150, dec: 2 },
      { name: 'nowhere' },
    ]);
    const positions: [number, number][] = [
      [0.0003, 10], // 0.0004° of RA at Dec 10: 1.42″ from wrap
      [180, 89.9998], // 1.44″ from pole, over the pole
      [150, 2 + 2.5 / 3600], // 2.5″ from plain
      [NaN, NaN],
      [150, 2 - 1 / 3600],
    ];
    const sky = rows(['w', 'p', 'far', 'blank', 'near'], positions);
    const matched = matchImportedRows(workspace.db, sky, { by: 'radec', radiusArcsec: 2 });
    expect(Array.from(matched.objectOfRow)).toEqual([id.get('wrap'), id.get('pole'), -1, -1, id.get('plain')]);
    expect(matched.examples).toEqual([`far (150, ${2 + 2.5 / 3600})`, 'blank (no position)']);
  });

  it('refuses a position match when no object has a position', () => {
    const { workspace } = fixture([{ name: 'a' }]);
    expect(() => matchImportedRows(workspace.db, rows(null, [[1, 2]]), { by: 'radec', radiusArcsec: 2 })).toThrow(
      /no object in this workspace has a sky position/,
    );
  });
});
