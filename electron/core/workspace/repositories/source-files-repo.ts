// Source files: what was read, when, and its size and mtime so re-ingest can skip it.
import type { Db } from '../database.js';

export interface SourceFileRow {
  id: number;
  path: string;
  size: number;
  mtime_ms: number;
  format: string;
  ingested_at: string;
}

export function findSourceFile(db: Db, path: string): SourceFileRow | undefined {
  return db.prepare('SELECT * FROM source_files WHERE path = ?').get(path) as SourceFileRow | undefined;
}

export function upsertSourceFile(db: Db, row: Omit<SourceFileRow, 'id'>): number {
  const result = db
    .prepare(
      `INSERT INTO source_files (path, size, mtime_ms, format, ingested_at)
       VALUES (@path, @size, @mtime_ms, @format, @ingested_at)
       ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, format = excluded.format,
         ingested_at = excluded.ingested_at
       RETURNING id`,
    )
    .get(row) as { id: number };
  return result.id;
}

export function countSourceFiles(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM source_files').get() as { n: number }).n;
}
