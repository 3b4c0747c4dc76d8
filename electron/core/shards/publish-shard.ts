// `serendip publish WS DEST`: a shard built on a node's local disk is copied to the shared
// folder whole or not at all: copied to a hidden sibling of DEST, then renamed, which is
// atomic on one file system. A published shard is never replaced, so a resubmitted array
// task that finds its shard published has nothing to do, and a merge never sees half a shard.
import { cp, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { Workspace, WorkspaceError } from '../workspace/workspace.js';
import { listRuns } from '../workspace/repositories/runs-repo.js';
import { planShardOf, unfinishedWork } from './shard-runs.js';

export interface PublishResult {
  dest: string;
  /** DEST already held this shard: nothing was copied. */
  alreadyPublished: boolean;
}

function describeShard(dir: string): string | null {
  const workspace = Workspace.open(dir);
  try {
    const shard = planShardOf(listRuns(workspace.db));
    return shard ? `${shard.plan}#${shard.shard}` : null;
  } finally {
    workspace.close();
  }
}

export async function publishWorkspace(source: string, dest: string): Promise<PublishResult> {
  const from = resolve(source);
  const to = resolve(dest);
  const workspace = Workspace.open(from);
  let identity: string | null;
  try {
    const unfinished = unfinishedWork(listRuns(workspace.db));
    if (unfinished) throw new WorkspaceError(`${from} is not finished, so it is not published: ${unfinished.why}`);
    const shard = planShardOf(listRuns(workspace.db));
    identity = shard ? `${shard.plan}#${shard.shard}` : null;
    // The copy must hold every committed write in serendip.db itself, not in its write-ahead log.
    workspace.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    workspace.close();
  }
  if (existsSync(to)) {
    if (identity !== null && describeShard(to) === identity) return { dest: to, alreadyPublished: true };
    throw new WorkspaceError(`${to} exists and holds something else: publish to another folder`);
  }
  const partial = join(dirname(to), `.${basename(to)}.partial-${hostname()}-${process.pid}`);
  await rm(partial, { recursive: true, force: true });
  try {
    await cp(from, partial, { recursive: true, errorOnExist: true, force: false });
    await rename(partial, to);
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    // Another task published the same shard first: theirs stands.
    if (existsSync(to) && identity !== null && describeShard(to) === identity)
      return { dest: to, alreadyPublished: true };
    throw err;
  }
  return { dest: to, alreadyPublished: false };
}
