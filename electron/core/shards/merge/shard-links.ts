// How a merged workspace reaches the model inputs and thumbnails that stay in its shards: one link
// per shard, inputs/<key> → <shard>/inputs and thumbs/<key> → <shard>/thumbs, and objects that
// record input_store '<key>/<store>' and thumb 'thumbs/<key>/…'. Nothing is copied (10M inputs are
// hundreds of GB), every reader that joins a stored name onto inputs/ or the workspace root follows
// the link, and a shard folder that moved shows as a dangling link that the error names.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readlinkSync, realpathSync, symlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DATABASE_FILE, type WorkspacePaths } from '../../workspace/workspace.js';

const THUMBS = 'thumbs';

/** The links' folder name for a shard: readable, and distinct for every shard path. */
export function shardKey(shardRoot: string): string {
  const name = basename(shardRoot)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 40);
  const hash = createHash('sha256').update(shardRoot).digest('hex').slice(0, 8);
  return `${name || 'shard'}-${hash}`;
}

/** The input_store a merged object records for its shard's `store`. */
export function linkedStore(key: string, store: string): string {
  return `${key}/${store}`;
}

/** The store's file name, which says its layout (image-64x64x3.npy), whether it is linked or not. */
export function storeLayout(store: string): string {
  return store.slice(store.lastIndexOf('/') + 1);
}

/** The link's key of a linked store ('<key>/<store>'), or null for a store of the workspace's own. */
export function storeLinkKey(store: string): string | null {
  const slash = store.indexOf('/');
  return slash < 0 ? null : store.slice(0, slash);
}

/** The thumb a merged object records: the shard's 'thumbs/…' under the shard's link. */
export function linkedThumb(key: string, thumb: string): string {
  const prefix = `${THUMBS}/`;
  return thumb.startsWith(prefix) ? `${prefix}${key}/${thumb.slice(prefix.length)}` : thumb;
}

function linkTo(target: string, link: string): void {
  if (isLink(link)) {
    const current = resolve(dirname(link), readlinkSync(link));
    if (current !== target) throw new Error(`${link} already links to ${current}, not to ${target}`);
    return;
  }
  if (existsSync(link)) throw new Error(`${link} is in the way of the link to ${target}: move it aside`);
  // Junctions need no privilege on Windows; elsewhere the type is ignored.
  symlinkSync(target, link, process.platform === 'win32' ? 'junction' : 'dir');
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Makes (or keeps) the two links of a shard; absolute, so the merged workspace may move. */
export function linkShardFolders(paths: WorkspacePaths, key: string, shardRoot: string): void {
  linkTo(join(shardRoot, 'inputs'), join(paths.inputs, key));
  linkTo(join(shardRoot, THUMBS), join(paths.thumbs, key));
}

/** Why a linked store cannot be read, when its shard folder is gone; null when the link leads somewhere. */
export function missingShardFolder(inputsDir: string, store: string): string | null {
  const key = storeLinkKey(store);
  if (!key) return null;
  const link = join(inputsDir, key);
  if (!isLink(link)) return `this workspace has no link ${link} to the shard that holds ${store}`;
  if (existsSync(link)) return null;
  const target = resolve(inputsDir, readlinkSync(link));
  return (
    `the shard folder ${dirname(target)} that holds ${storeLayout(store)} is gone: a merged workspace reads ` +
    'its model inputs from its shards, so put the shard back where it was merged from'
  );
}

/**
 * The folders (relative to the root) through which a workspace's file server may follow a link out of
 * the workspace: thumbs/<key> links of merged shards, each leading to a folder named thumbs beside
 * another workspace's database. Anything else that leads out stays refused.
 */
export function shardThumbnailLinks(root: string): string[] {
  const folder = join(root, THUMBS);
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  return entries
    .filter((name) => {
      const link = join(folder, name);
      if (!isLink(link)) return false;
      try {
        const target = realpathSync(link);
        return basename(target) === THUMBS && existsSync(join(dirname(target), DATABASE_FILE));
      } catch {
        return false;
      }
    })
    .map((name) => `${THUMBS}/${name}`);
}
