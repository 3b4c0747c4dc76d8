// A workspace is a folder the user can copy, back up or open elsewhere: serendip.db plus
// array files (inputs, embeddings), models, thumbnails and exports. This file owns its
// layout and its lifetime; repositories take its `db`.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { openDatabase, type Db } from './database.js';
import { migrate } from './migrations/index.js';
import { markInterruptedRuns } from './repositories/run-owner.js';

export const DATABASE_FILE = 'serendip.db';

export interface WorkspacePaths {
  root: string;
  database: string;
  inputs: string;
  embeddings: string;
  /** Anomaly scores per scoring run: <run>.npy (float32, N) + <run>.ids.npy. */
  scores: string;
  /** 2-D map coordinates per map run: <run>.npy (float32, N×2) + <run>.ids.npy. */
  maps: string;
  models: string;
  thumbs: string;
  exports: string;
}

export class WorkspaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

export class Workspace {
  private closed = false;

  private constructor(
    readonly paths: WorkspacePaths,
    readonly db: Db,
  ) {}

  /** Opens a workspace folder; with `create`, makes it (and its database) if absent. */
  static open(dir: string, options: { create?: boolean } = {}): Workspace {
    const root = resolve(dir);
    const paths = workspacePaths(root);
    const exists = existsSync(paths.database);
    if (!exists && !options.create) {
      throw new WorkspaceError(
        `${root} is not a Serendip workspace (no ${DATABASE_FILE}). ` +
          'Create one with `serendip ingest` or `serendip demo`.',
      );
    }
    if (existsSync(root) && !statSync(root).isDirectory()) throw new WorkspaceError(`${root} is a file, not a folder`);
    for (const folder of [
      paths.root,
      paths.inputs,
      paths.embeddings,
      paths.scores,
      paths.maps,
      paths.models,
      paths.thumbs,
      paths.exports,
    ]) {
      mkdirSync(folder, { recursive: true });
    }
    const db = openDatabase(paths.database);
    try {
      migrate(db);
    } catch (err) {
      db.close();
      throw err;
    }
    try {
      markInterruptedRuns(db);
    } catch {
      // Only bookkeeping: a workspace busy with another writer still opens, and the next open sweeps.
    }
    return new Workspace(paths, db);
  }

  /** How a file is recorded: relative when inside the workspace (so the folder can move), else absolute. */
  storedPath(file: string): string {
    return storedPathIn(this.paths.root, file);
  }

  resolvePath(stored: string): string {
    return isAbsolute(stored) ? stored : join(this.paths.root, stored);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/** How a workspace at `root` records `file`: see Workspace.storedPath. */
export function storedPathIn(root: string, file: string): string {
  const absolute = resolve(file);
  const rel = relative(root, absolute);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : absolute;
}

export function workspacePaths(root: string): WorkspacePaths {
  return {
    root,
    database: join(root, DATABASE_FILE),
    inputs: join(root, 'inputs'),
    embeddings: join(root, 'embeddings'),
    scores: join(root, 'scores'),
    maps: join(root, 'maps'),
    models: join(root, 'models'),
    thumbs: join(root, 'thumbs'),
    exports: join(root, 'exports'),
  };
}
