// A shard's rows copied into the merged workspace, inside the caller's one transaction: source files
// unified by path (a split HDF5 file is one row), objects renumbered by the shard's id offset (so the
// run arrays renumber by the same addition, with no id map), their model inputs and thumbnails reached
// through the shard's links, catalog metadata, ingest errors and warnings, and labels with their whole
// history: events renumbered by an offset of their own, so `reverts` still names the event it undid.
import type { Db } from '../../workspace/database.js';
import type { Workspace } from '../../workspace/workspace.js';
import type { ObjectRow } from '../../workspace/repositories/objects-repo.js';
import type { SourceFileRow } from '../../workspace/repositories/source-files-repo.js';
import type { LabelEventRow, LabelRow } from '../../workspace/repositories/labels-repo.js';
import { absoluteStoredPath, type MergeInput } from './merge-input.js';
import { linkedStore, linkedThumb } from './shard-links.js';

export interface ShardCopy {
  input: MergeInput;
  /** The links' folder name. */
  key: string;
  /** Merged object id = the shard's object id + idOffset. */
  idOffset: number;
}

export interface CopyCounts {
  objects: number;
  sourceFiles: number;
  /** Source files another workspace of the merge had already (a split file). */
  sharedSourceFiles: number;
  labelEvents: number;
  metadata: number;
  ingestErrors: number;
  notes: string[];
}

export function emptyCounts(): CopyCounts {
  return { objects: 0, sourceFiles: 0, sharedSourceFiles: 0, labelEvents: 0, metadata: 0, ingestErrors: 0, notes: [] };
}

/** Notes kept for the summary; a few say enough. */
const MAX_NOTES = 20;

function rows<T>(db: Db, sql: string): Iterable<T> {
  return db.prepare(sql).iterate() as Iterable<T>;
}

function copySourceFiles(out: Workspace, shard: ShardCopy, counts: CopyCounts): Map<number, number> {
  const find = out.db.prepare('SELECT * FROM source_files WHERE path = ?');
  const insert = out.db.prepare(
    `INSERT INTO source_files (path, size, mtime_ms, format, ingested_at)
     VALUES (@path, @size, @mtime_ms, @format, @ingested_at)`,
  );
  const fileIds = new Map<number, number>();
  for (const f of rows<SourceFileRow>(shard.input.db, 'SELECT * FROM source_files ORDER BY id')) {
    const path = out.storedPath(absoluteStoredPath(shard.input, f.path));
    const existing = find.get(path) as SourceFileRow | undefined;
    if (existing) {
      fileIds.set(f.id, existing.id);
      counts.sharedSourceFiles++;
      if ((existing.size !== f.size || existing.mtime_ms !== f.mtime_ms) && counts.notes.length < MAX_NOTES)
        counts.notes.push(`${path} differs in size or time between the workspaces: the first one's is kept`);
      continue;
    }
    fileIds.set(f.id, Number(insert.run({ ...f, path }).lastInsertRowid));
    counts.sourceFiles++;
  }
  return fileIds;
}

function copyObjects(out: Workspace, shard: ShardCopy, fileIds: Map<number, number>, counts: CopyCounts): void {
  const insert = out.db.prepare(
    `INSERT INTO objects (id, name, modality, file_id, hdu, item_index, ra, dec, width, height, bands,
       input_store, input_row, thumb, created_at, updated_at)
     VALUES (@id, @name, @modality, @file_id, @hdu, @item_index, @ra, @dec, @width, @height, @bands,
       @input_store, @input_row, @thumb, @created_at, @updated_at)`,
  );
  for (const o of rows<ObjectRow>(shard.input.db, 'SELECT * FROM objects ORDER BY id')) {
    insert.run({
      ...o,
      id: o.id + shard.idOffset,
      file_id: fileIds.get(o.file_id)!,
      input_store: o.input_store === null ? null : linkedStore(shard.key, o.input_store),
      thumb: o.thumb === null ? null : linkedThumb(shard.key, o.thumb),
    });
    counts.objects++;
  }
}

function copyMetadata(out: Workspace, shard: ShardCopy, counts: CopyCounts): void {
  const insert = out.db.prepare(
    'INSERT INTO object_metadata (object_id, key, value, number, source) VALUES (?, ?, ?, ?, ?)',
  );
  type Cell = { object_id: number; key: string; value: string; number: number | null; source: string };
  for (const m of rows<Cell>(shard.input.db, 'SELECT * FROM object_metadata')) {
    insert.run(m.object_id + shard.idOffset, m.key, m.value, m.number, m.source);
    counts.metadata++;
  }
}

function copyIngestProblems(out: Workspace, shard: ShardCopy, counts: CopyCounts): void {
  const insertError = out.db.prepare(
    `INSERT INTO ingest_errors (path, reason, size, mtime_ms, at) VALUES (@path, @reason, @size, @mtime_ms, @at)
     ON CONFLICT(path) DO NOTHING`,
  );
  type ErrorRow = { path: string; reason: string; size: number | null; mtime_ms: number | null; at: string };
  for (const e of rows<ErrorRow>(shard.input.db, 'SELECT path, reason, size, mtime_ms, at FROM ingest_errors')) {
    const path = out.storedPath(absoluteStoredPath(shard.input, e.path));
    counts.ingestErrors += insertError.run({ ...e, path }).changes;
  }
  // A split file read by several shards has their warnings once.
  const insertWarning = out.db.prepare(
    `INSERT INTO ingest_warnings (path, message, at) SELECT ?, ?, ?
     WHERE NOT EXISTS (SELECT 1 FROM ingest_warnings WHERE path = ? AND message = ?)`,
  );
  type WarningRow = { path: string; message: string; at: string };
  for (const w of rows<WarningRow>(shard.input.db, 'SELECT path, message, at FROM ingest_warnings ORDER BY rowid')) {
    const path = out.storedPath(absoluteStoredPath(shard.input, w.path));
    insertWarning.run(path, w.message, w.at, path, w.message);
  }
}

function copyLabels(out: Workspace, shard: ShardCopy, counts: CopyCounts): void {
  const eventOffset = (out.db.prepare('SELECT coalesce(max(id), 0) FROM label_events').pluck().get() as number) ?? 0;
  const insertEvent = out.db.prepare(
    `INSERT INTO label_events (id, object_id, action, label, relevance, note, source, reverts, at, batch)
     VALUES (@id, @object_id, @action, @label, @relevance, @note, @source, @reverts, @at, @batch)`,
  );
  for (const e of rows<LabelEventRow>(shard.input.db, 'SELECT * FROM label_events ORDER BY id')) {
    insertEvent.run({
      ...e,
      id: e.id + eventOffset,
      object_id: e.object_id + shard.idOffset,
      reverts: e.reverts === null ? null : e.reverts + eventOffset,
      batch: e.batch === null ? null : e.batch + eventOffset,
    });
    counts.labelEvents++;
  }
  const insertLabel = out.db.prepare(
    `INSERT INTO labels (object_id, label, relevance, note, event_id, updated_at)
     VALUES (@object_id, @label, @relevance, @note, @event_id, @updated_at)`,
  );
  for (const l of rows<LabelRow>(shard.input.db, 'SELECT * FROM labels ORDER BY object_id')) {
    insertLabel.run({ ...l, object_id: l.object_id + shard.idOffset, event_id: l.event_id + eventOffset });
  }
}

/** Copies every row of one shard; call inside the transaction that records the merge. */
export function copyShardRows(out: Workspace, shard: ShardCopy, counts: CopyCounts): void {
  const fileIds = copySourceFiles(out, shard, counts);
  copyObjects(out, shard, fileIds, counts);
  copyMetadata(out, shard, counts);
  copyIngestProblems(out, shard, counts);
  copyLabels(out, shard, counts);
}
