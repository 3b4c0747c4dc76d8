// Lists the files under the paths given to ingest: folders recurse (sorted, so ingest
// order and tie-broken names are stable), hidden entries are skipped, symlinked folders
// are followed once (a loop is noticed by real path and not entered again).
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UnreadableFileError } from './ingested-item.js';

export interface WalkResult {
  files: string[];
  /** Paths that could not be listed or stat'ed, with why. */
  problems: { path: string; reason: string }[];
}

export async function walkFiles(paths: string[], signal?: AbortSignal): Promise<WalkResult> {
  const files: string[] = [];
  const problems: WalkResult['problems'] = [];
  const visitedFolders = new Set<string>();

  async function visit(path: string, explicit: boolean): Promise<void> {
    signal?.throwIfAborted();
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      problems.push({ path, reason: describeFsError(err) });
      return;
    }
    if (info.isFile()) {
      files.push(path);
      return;
    }
    if (!info.isDirectory()) {
      if (explicit) problems.push({ path, reason: 'not a regular file or folder' });
      return;
    }
    const real = await realpath(path);
    if (visitedFolders.has(real)) return;
    visitedFolders.add(real);
    let entries;
    try {
      entries = await readdir(path);
    } catch (err) {
      problems.push({ path, reason: describeFsError(err) });
      return;
    }
    for (const entry of entries.sort()) {
      if (entry.startsWith('.')) continue;
      await visit(join(path, entry), false);
    }
  }

  for (const path of paths) await visit(resolve(path), true);
  return { files, problems };
}

export function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case 'EISDIR':
      return 'is a folder, not a file';
    default:
      return e.message ?? String(err);
  }
}

/**
 * For readers' `.catch`: a file-system error (EACCES from a mode-000 file, a file removed
 * mid-ingest) becomes a per-file error with describeFsError's plain reason instead of Node's
 * "EACCES: permission denied, open '/full/path'"; anything else passes through unchanged.
 */
export function unreadableFile(err: unknown): never {
  if (typeof (err as NodeJS.ErrnoException)?.code === 'string' && (err as NodeJS.ErrnoException).syscall)
    throw new UnreadableFileError(describeFsError(err));
  throw err;
}
