import { mkdirSync, realpathSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  linkShardFolders,
  linkedStore,
  linkedThumb,
  missingShardFolder,
  shardKey,
  shardThumbnailLinks,
  storeLayout,
} from '../../../../electron/core/shards/merge/shard-links.js';
import { resolveContainedFile } from '../../../../electron/core/util/contained-file-resolver.js';
import { WORKSPACE_CONTENT_TYPES } from '../../../../electron/core/util/content-types.js';
import { workspacePaths } from '../../../../electron/core/workspace/workspace.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-shard-links-');
let dir: string;

/** A folder laid out as a workspace: serendip.db, inputs/, thumbs/ with one thumbnail. */
function workspaceFolder(name: string): string {
  const root = join(dir, name);
  mkdirSync(join(root, 'inputs'), { recursive: true });
  mkdirSync(join(root, 'thumbs', 'ab'), { recursive: true });
  writeFileSync(join(root, 'serendip.db'), '');
  writeFileSync(join(root, 'thumbs', 'ab', 'x.webp'), `thumb in ${name}`);
  writeFileSync(join(root, 'inputs', 'image-4x4x1.npy'), '');
  return root;
}

beforeEach(() => {
  dir = realpathSync(tempDir());
});

describe('shard links', () => {
  it('name stores and thumbnails under the shard key, and read the layout back', () => {
    const key = shardKey('/scratch/run 7/shard-003');
    expect(key).toMatch(/^shard-003-[0-9a-f]{8}$/);
    expect(shardKey('/other/shard-003')).not.toBe(key);
    expect(linkedStore(key, 'image-64x64x3.npy')).toBe(`${key}/image-64x64x3.npy`);
    expect(storeLayout(`${key}/image-64x64x3.npy`)).toBe('image-64x64x3.npy');
    expect(storeLayout('image-64x64x3.npy')).toBe('image-64x64x3.npy');
    expect(linkedThumb(key, 'thumbs/ab/x.webp')).toBe(`thumbs/${key}/ab/x.webp`);
  });

  it("let the workspace's file server follow thumbs/<key> into the shard, and nothing else out", async () => {
    const merged = workspaceFolder('merged');
    const shard = workspaceFolder('shard');
    const outside = join(dir, 'private');
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.png'), 'not for the page');
    linkShardFolders(workspacePaths(merged), 'shard-1', shard);
    symlinkSync(outside, join(merged, 'thumbs', 'sneaky'));
    linkShardFolders(workspacePaths(merged), 'shard-1', shard); // again: the same links are kept

    expect(shardThumbnailLinks(merged)).toEqual(['thumbs/shard-1']);
    const serve = (path: string, linked = true) =>
      resolveContainedFile(merged, path, WORKSPACE_CONTENT_TYPES, linked ? { linkedFolders: shardThumbnailLinks } : {});
    expect(await serve('thumbs/shard-1/ab/x.webp')).toMatchObject({ ok: true, file: join(shard, 'thumbs/ab/x.webp') });
    expect(await serve('thumbs/shard-1/ab/x.webp', false)).toMatchObject({ ok: false, refusal: 'outside' });
    expect(await serve('thumbs/sneaky/secret.png')).toMatchObject({ ok: false, refusal: 'outside' });
    expect(() => linkShardFolders(workspacePaths(merged), 'shard-1', outside)).toThrow(/already links to/);
  });

  it('say where a moved shard was, when its inputs are read', () => {
    const merged = workspaceFolder('merged');
    const shard = workspaceFolder('shard');
    linkShardFolders(workspacePaths(merged), 'shard-1', shard);
    const inputs = join(merged, 'inputs');
    expect(missingShardFolder(inputs, 'shard-1/image-4x4x1.npy')).toBeNull();
    renameSync(shard, join(dir, 'moved'));
    expect(missingShardFolder(inputs, 'shard-1/image-4x4x1.npy')).toBe(
      `the shard folder ${shard} that holds image-4x4x1.npy is gone: a merged workspace reads its model inputs ` +
        'from its shards, so put the shard back where it was merged from',
    );
    expect(missingShardFolder(inputs, 'image-4x4x1.npy')).toBeNull();
  });
});
