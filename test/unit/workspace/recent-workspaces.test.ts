import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_RECENT,
  RECENT_WORKSPACES_FILE,
  RecentWorkspaces,
} from '../../../electron/core/workspace/recent-workspaces.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-recent-');

describe('recent workspaces', () => {
  it('round-trips through the file, newest first, without duplicates', () => {
    const home = tempDir();
    const recent = RecentWorkspaces.inUserData(join(home, 'not-yet-made'));
    expect(recent.list()).toEqual([]);
    recent.add('/data/a', new Date('2025-01-01T00:00:00Z'));
    recent.add('/data/b', new Date('2025-01-02T00:00:00Z'));
    recent.add('/data/a', new Date('2025-01-03T00:00:00Z'));
    const again = RecentWorkspaces.inUserData(join(home, 'not-yet-made'));
    expect(again.list()).toEqual([
      { path: '/data/a', openedAt: '2025-01-03T00:00:00.000Z' },
      { path: '/data/b', openedAt: '2025-01-02T00:00:00.000Z' },
    ]);
    again.remove('/data/a');
    expect(recent.list().map((w) => w.path)).toEqual(['/data/b']);
    recent.clear();
    expect(again.list()).toEqual([]);
  });

  it(`keeps at most ${MAX_RECENT}`, () => {
    const recent = RecentWorkspaces.inUserData(tempDir());
    for (let i = 0; i < MAX_RECENT + 5; i++) recent.add(`/data/w${i}`);
    const paths = recent.list().map((w) => w.path);
    expect(paths).toHaveLength(MAX_RECENT);
    expect(paths[0]).toBe(`/data/w${MAX_RECENT + 4}`);
  });

  it('survives a corrupt file, and the next add replaces it', () => {
    const home = tempDir();
    const file = join(home, RECENT_WORKSPACES_FILE);
    const recent = RecentWorkspaces.inUserData(home);
    for (const junk of ['{"workspaces": [', 'null', '[]', '{"workspaces": "no"}', '\u0000\u0001binary']) {
      writeFileSync(file, junk);
      expect(recent.list(), junk).toEqual([]);
    }
    recent.add('/data/a');
    expect(JSON.parse(readFileSync(file, 'utf8')).workspaces.map((w: { path: string }) => w.path)).toEqual(['/data/a']);
  });

  it('keeps the valid entries of a hand-edited file', () => {
    const home = tempDir();
    writeFileSync(
      join(home, RECENT_WORKSPACES_FILE),
      JSON.stringify({
        version: 1,
        workspaces: [
          { path: '/data/a', openedAt: 'x' },
          { path: 3 },
          'junk',
          { path: '', openedAt: 'x' },
          { path: '/data/a', openedAt: 'y' },
          { path: '/data/b', openedAt: 'z' },
        ],
      }),
    );
    expect(
      RecentWorkspaces.inUserData(home)
        .list()
        .map((w) => w.path),
    ).toEqual(['/data/a', '/data/b']);
  });

  it('records objects and problems, and keeps a count that a later note leaves out', () => {
    const home = tempDir();
    const recent = RecentWorkspaces.inUserData(home);
    recent.add('/data/a', new Date('2025-01-01T00:00:00Z'), { objects: 20, problems: 27 });
    recent.add('/data/b', new Date('2025-01-02T00:00:00Z'));
    recent.noteCounts('/data/a', { objects: 21 });
    recent.noteCounts('/data/elsewhere', { objects: 1 });
    expect(RecentWorkspaces.inUserData(home).list()).toEqual([
      { path: '/data/b', openedAt: '2025-01-02T00:00:00.000Z' },
      { path: '/data/a', openedAt: '2025-01-01T00:00:00.000Z', objects: 21, problems: 27 },
    ]);
  });

  it('writes atomically: no temporary file is left behind', () => {
    const home = tempDir();
    const recent = RecentWorkspaces.inUserData(home);
    recent.add('/data/a');
    recent.add('/data/b');
    expect(readdirSync(home)).toEqual([RECENT_WORKSPACES_FILE]);
  });
});
