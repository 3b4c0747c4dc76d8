// The workspace database (serendip.db) read or changed behind the CLI's back, as tests of
// processes check what those processes committed.
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Opens `<ws>/serendip.db` (read-only unless `writable`); the caller closes it. */
export function openWorkspaceDb(ws: string, writable = false): Database.Database {
  return new Database(join(ws, 'serendip.db'), { readonly: !writable });
}

/** Runs `read` on the workspace database opened read-only, and closes it whatever happens. */
export function readWorkspaceDb<T>(ws: string, read: (db: Database.Database) => T): T {
  const db = openWorkspaceDb(ws);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export interface RunRow {
  method: string;
  status: string;
  params: Record<string, unknown>;
}

/** A run's row from the `runs` table, its parameters parsed. */
export function readRunRow(ws: string, id: string): RunRow {
  return readWorkspaceDb(ws, (db) => {
    const row = db.prepare('SELECT method, status, params FROM runs WHERE id = ?').get(id) as Omit<RunRow, 'params'> & {
      params: string;
    };
    return { ...row, params: JSON.parse(row.params) as Record<string, unknown> };
  });
}

/** Forgets every source file's mtime, so the next ingest reads all of them again. */
export function forgetSourceFileTimes(ws: string): void {
  const db = openWorkspaceDb(ws, true);
  try {
    db.prepare('UPDATE source_files SET mtime_ms = 0').run();
  } finally {
    db.close();
  }
}
