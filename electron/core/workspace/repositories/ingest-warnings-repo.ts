// Warnings of files that were ingested all the same (see migration 0003): replaced as a set
// each time a file is read, so they always describe the file as it is now.
import type { Db } from '../database.js';

export interface IngestWarningRow {
  path: string;
  message: string;
  at: string;
}

export function replaceIngestWarnings(db: Db, path: string, messages: readonly string[], at: string): void {
  db.prepare('DELETE FROM ingest_warnings WHERE path = ?').run(path);
  const insert = db.prepare('INSERT INTO ingest_warnings (path, message, at) VALUES (?, ?, ?)');
  for (const message of messages) insert.run(path, message, at);
}

export function listIngestWarnings(db: Db, limit = 1000): IngestWarningRow[] {
  return db
    .prepare('SELECT path, message, at FROM ingest_warnings ORDER BY path, rowid LIMIT ?')
    .all(limit) as IngestWarningRow[];
}

/** Files with at least one warning. */
export function countFilesWithWarnings(db: Db): number {
  return (db.prepare('SELECT count(DISTINCT path) AS n FROM ingest_warnings').get() as { n: number }).n;
}
