// Files that could not be ingested, one row per path with the latest reason; a later
// successful ingest of the same path clears it.
import type { Db } from '../database.js';

export interface IngestErrorRow {
  path: string;
  reason: string;
  size: number | null;
  mtime_ms: number | null;
  at: string;
}

export function recordIngestError(db: Db, row: IngestErrorRow): void {
  db.prepare(
    `INSERT INTO ingest_errors (path, reason, size, mtime_ms, at) VALUES (@path, @reason, @size, @mtime_ms, @at)
     ON CONFLICT(path) DO UPDATE SET reason = excluded.reason, size = excluded.size, mtime_ms = excluded.mtime_ms,
       at = excluded.at`,
  ).run(row);
}

export function findIngestError(db: Db, path: string): IngestErrorRow | undefined {
  return db.prepare('SELECT path, reason, size, mtime_ms, at FROM ingest_errors WHERE path = ?').get(path) as
    IngestErrorRow | undefined;
}

export function clearIngestError(db: Db, path: string): void {
  db.prepare('DELETE FROM ingest_errors WHERE path = ?').run(path);
}

export function listIngestErrors(db: Db, limit = 1000): IngestErrorRow[] {
  return db
    .prepare('SELECT path, reason, size, mtime_ms, at FROM ingest_errors ORDER BY path LIMIT ?')
    .all(limit) as IngestErrorRow[];
}

export function countIngestErrors(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM ingest_errors').get() as { n: number }).n;
}
