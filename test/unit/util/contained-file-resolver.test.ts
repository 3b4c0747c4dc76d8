import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawPathBelow, WORKSPACE_FILE_ORIGIN } from '../../../electron/main/app-schemes.js';
import { resolveContainedFile } from '../../../electron/core/util/contained-file-resolver.js';
import { WORKSPACE_CONTENT_TYPES } from '../../../electron/core/util/content-types.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-resolver-');

/** A workspace with a thumbnail, a database, and a secret beside it (outside). */
function layout() {
  const base = tempDir();
  const root = join(base, 'ws');
  mkdirSync(join(root, 'thumbs', 'ab'), { recursive: true });
  writeFileSync(join(root, 'thumbs', 'ab', 'abc.webp'), 'RIFF....WEBP');
  writeFileSync(join(root, 'serendip.db'), 'SQLite format 3');
  writeFileSync(join(root, 'notes.json'), '{}');
  writeFileSync(join(base, 'secret.json'), '{"token":1}');
  mkdirSync(join(root, 'folder.png'));
  return { base, root };
}

const resolve = (root: string, path: string) => resolveContainedFile(root, path, WORKSPACE_CONTENT_TYPES);

describe('contained-file resolver', () => {
  it('serves a thumbnail inside the workspace with its content type', async () => {
    const { root } = layout();
    const found = await resolve(root, 'thumbs/ab/abc.webp');
    expect(found).toMatchObject({ ok: true, contentType: 'image/webp', size: 12 });
    expect(await resolve(root, 'notes.json')).toMatchObject({ ok: true, contentType: 'application/json' });
  });

  it('decodes percent-encoded names', async () => {
    const { root } = layout();
    writeFileSync(join(root, 'thumbs', 'M 31 (é).png'), 'png');
    expect(await resolve(root, 'thumbs/M%2031%20(%C3%A9).png')).toMatchObject({ ok: true, contentType: 'image/png' });
  });

  it.each([
    ['../secret.json', 'traversal'],
    ['thumbs/../../secret.json', 'traversal'],
    ['%2e%2e/secret.json', 'traversal'],
    ['%2E%2E/secret.json', 'traversal'],
    ['..%2fsecret.json', 'traversal'],
    ['..%2Fsecret.json', 'traversal'],
    ['%2e%2e%2fsecret.json', 'traversal'],
    ['thumbs%2f..%2f..%2fsecret.json', 'traversal'],
    ['..%5csecret.json', 'traversal'],
    ['./notes.json', 'traversal'],
    ['/etc/passwd.json', 'absolute'],
    ['//etc/passwd.json', 'absolute'],
    ['C:/Windows/win.ini.json', 'absolute'],
    ['thumbs//ab/abc.webp', 'malformed'],
    ['%E0%A4%A.png', 'malformed'],
    ['notes.json%00.png', 'traversal'],
  ])('refuses %s (%s)', async (path, refusal) => {
    const { root } = layout();
    expect(await resolve(root, path)).toMatchObject({ ok: false, refusal });
  });

  it('refuses an absolute path given in full', async () => {
    const { base, root } = layout();
    expect(await resolve(root, encodeURIComponent(join(base, 'secret.json')))).toMatchObject({ ok: false });
    expect(await resolve(root, join(base, 'secret.json'))).toMatchObject({ ok: false, refusal: 'absolute' });
  });

  it('refuses the database and other types it does not serve', async () => {
    const { root } = layout();
    expect(await resolve(root, 'serendip.db')).toMatchObject({ ok: false, refusal: 'unsupported-type' });
    expect(await resolve(root, 'serendip.db-wal')).toMatchObject({ ok: false, refusal: 'unsupported-type' });
  });

  it('refuses a symbolic link that leads outside, and serves one that stays inside', async () => {
    const { base, root } = layout();
    symlinkSync(join(base, 'secret.json'), join(root, 'escape.json'));
    symlinkSync(base, join(root, 'thumbs', 'up'));
    symlinkSync(join(root, 'notes.json'), join(root, 'alias.json'));
    expect(await resolve(root, 'escape.json')).toMatchObject({ ok: false, refusal: 'outside' });
    expect(await resolve(root, 'thumbs/up/secret.json')).toMatchObject({ ok: false, refusal: 'outside' });
    expect(await resolve(root, 'alias.json')).toMatchObject({ ok: true });
  });

  it('serves a workspace that is itself reached through a symbolic link', async () => {
    const { base, root } = layout();
    symlinkSync(root, join(base, 'linked-ws'));
    expect(await resolve(join(base, 'linked-ws'), 'thumbs/ab/abc.webp')).toMatchObject({ ok: true });
  });

  it('refuses folders, missing files and the root itself', async () => {
    const { root } = layout();
    expect(await resolve(root, 'folder.png')).toMatchObject({ ok: false, refusal: 'not-a-file' });
    expect(await resolve(root, 'thumbs/ab/missing.webp')).toMatchObject({ ok: false, refusal: 'not-found' });
    expect(await resolve(root, '')).toMatchObject({ ok: false, refusal: 'not-a-file' });
  });

  it('takes the path from a workspace-file URL without normalising it', () => {
    expect(rawPathBelow('serendip-file://workspace/thumbs/ab/abc.webp?x=1#y', WORKSPACE_FILE_ORIGIN)).toBe(
      'thumbs/ab/abc.webp',
    );
    expect(rawPathBelow('serendip-file://workspace/../secret.json', WORKSPACE_FILE_ORIGIN)).toBe('../secret.json');
    expect(rawPathBelow('SERENDIP-FILE://WORKSPACE/a.png', WORKSPACE_FILE_ORIGIN)).toBe('a.png');
    expect(rawPathBelow('serendip-file://other/a.png', WORKSPACE_FILE_ORIGIN)).toBeNull();
    expect(rawPathBelow('serendip-file://workspace.evil/a.png', WORKSPACE_FILE_ORIGIN)).toBeNull();
    expect(rawPathBelow('serendip-file://workspace@evil/a.png', WORKSPACE_FILE_ORIGIN)).toBeNull();
  });
});
