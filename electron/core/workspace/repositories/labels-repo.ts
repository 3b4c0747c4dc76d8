// Labels and their append-only history. Every change, undo included, is a new event;
// the labels table is only the latest event's effect, so it can always be rebuilt.
// A row may carry a relevance without a label (the user rated the object 0–5 and named no
// category): such rows are judgements for the learners, not labels, and are not counted as labels.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../database.js';
import { inTransaction } from '../database.js';
import { nowIso } from '../../util/time.js';

/**
 * What the queue wrote for a relevance without a label before schema version 6. Migration 6
 * turned current rows of it into relevance-only rows; history keeps the events as written, so
 * an undo that restores one restores a relevance-only row too.
 */
export const LEGACY_RATED_LABEL = 'rated';

export interface LabelValue {
  /** null: only a relevance was given (then relevance is not null). */
  label: string | null;
  relevance: number | null;
  note: string | null;
}

export interface LabelRow extends LabelValue {
  object_id: number;
  event_id: number;
  updated_at: string;
}

export interface LabelEventRow {
  id: number;
  object_id: number;
  action: 'set' | 'clear';
  label: string | null;
  relevance: number | null;
  note: string | null;
  source: string;
  reverts: number | null;
  at: string;
  /** The id of the first event of the many-label change this one belongs to (undone together); null alone. */
  batch: number | null;
}

// Prepared once per connection: a 10k-object selection lands as 20k statement runs, and
// preparing each one again costs more than running it.
const statementsOf = new WeakMap<Db, { insertEvent: Statement; upsertLabel: Statement; deleteLabel: Statement }>();

function labelStatements(db: Db): { insertEvent: Statement; upsertLabel: Statement; deleteLabel: Statement } {
  let statements = statementsOf.get(db);
  if (!statements) {
    statements = {
      insertEvent: db.prepare(
        'INSERT INTO label_events (object_id, action, label, relevance, note, source, reverts, at, batch) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      upsertLabel: db.prepare(
        `INSERT INTO labels (object_id, label, relevance, note, event_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(object_id) DO UPDATE SET label = excluded.label, relevance = excluded.relevance,
           note = excluded.note, event_id = excluded.event_id, updated_at = excluded.updated_at`,
      ),
      deleteLabel: db.prepare('DELETE FROM labels WHERE object_id = ?'),
    };
    statementsOf.set(db, statements);
  }
  return statements;
}

function applyEvent(
  db: Db,
  objectId: number,
  value: LabelValue | null,
  source: string,
  reverts: number | null,
  batch: number | null = null,
): number {
  const at = nowIso();
  const { insertEvent, upsertLabel, deleteLabel } = labelStatements(db);
  const eventId = Number(
    insertEvent.run(
      objectId,
      value ? 'set' : 'clear',
      value?.label ?? null,
      value?.relevance ?? null,
      value?.note ?? null,
      source,
      reverts,
      at,
      batch,
    ).lastInsertRowid,
  );
  if (value) upsertLabel.run(objectId, value.label, value.relevance, value.note, eventId, at);
  else deleteLabel.run(objectId);
  return eventId;
}

export function setLabel(db: Db, objectId: number, value: LabelValue, source = 'user'): number {
  return inTransaction(db, () => applyEvent(db, objectId, value, source, null));
}

/**
 * Many labels in one transaction: an import either lands whole or not at all. Two or more make one batch, undone
 * together: each event carries the id of the first, which is the next id, label_events' ids only growing.
 */
export function setLabels(db: Db, entries: { objectId: number; value: LabelValue }[], source = 'import'): number {
  return inTransaction(db, () => {
    const batch = entries.length > 1 ? nextEventId(db) : null;
    entries.forEach((e, i) => {
      const id = applyEvent(db, e.objectId, e.value, source, null, batch);
      if (i === 0 && batch !== null && id !== batch) throw new Error(`label batch ${batch} began at event ${id}`);
    });
    return entries.length;
  });
}

export function clearLabel(db: Db, objectId: number, source = 'user'): number {
  return inTransaction(db, () => applyEvent(db, objectId, null, source, null));
}

function nextEventId(db: Db): number {
  return (db.prepare('SELECT coalesce(max(id), 0) + 1 FROM label_events').pluck().get() as number) ?? 1;
}

/** Events not undone yet, and not undos themselves. */
const NOT_UNDONE = `e.reverts IS NULL AND NOT EXISTS (SELECT 1 FROM label_events u WHERE u.reverts = e.id)`;

/**
 * Undoes the newest change that has not been undone yet: one event, or every event of its batch (a selection or
 * import labelled at once), newest first. Undos themselves are not undone: pressing undo again walks further back.
 * Returns what each undone event's object holds now, newest first, or null when there is nothing to undo.
 */
export function undoLastLabelChange(db: Db): { objectId: number; restored: LabelValue | null }[] | null {
  return inTransaction(db, () => {
    const target = db.prepare(`SELECT * FROM label_events e WHERE ${NOT_UNDONE} ORDER BY e.id DESC LIMIT 1`).get() as
      LabelEventRow | undefined;
    if (!target) return null;
    const events =
      target.batch === null
        ? [target]
        : (db
            .prepare(`SELECT * FROM label_events e WHERE e.batch = ? AND ${NOT_UNDONE} ORDER BY e.id DESC`)
            .all(target.batch) as LabelEventRow[]);
    const previous = db.prepare('SELECT * FROM label_events WHERE object_id = ? AND id < ? ORDER BY id DESC LIMIT 1');
    return events.map((event) => {
      const before = previous.get(event.object_id, event.id) as LabelEventRow | undefined;
      const restored =
        before && before.action === 'set'
          ? { label: restoredLabel(before), relevance: before.relevance, note: before.note }
          : null;
      applyEvent(db, event.object_id, restored, 'undo', event.id);
      return { objectId: event.object_id, restored };
    });
  });
}

function restoredLabel(event: LabelEventRow): string | null {
  return event.label === LEGACY_RATED_LABEL && event.relevance !== null ? null : event.label;
}

export function getLabel(db: Db, objectId: number): LabelRow | undefined {
  return db.prepare('SELECT * FROM labels WHERE object_id = ?').get(objectId) as LabelRow | undefined;
}

export function listLabels(db: Db, label?: string): LabelRow[] {
  return (
    label
      ? db.prepare('SELECT * FROM labels WHERE label = ? ORDER BY object_id').all(label)
      : db.prepare('SELECT * FROM labels ORDER BY object_id').all()
  ) as LabelRow[];
}

export function labelHistory(db: Db, objectId: number): LabelEventRow[] {
  return db.prepare('SELECT * FROM label_events WHERE object_id = ? ORDER BY id').all(objectId) as LabelEventRow[];
}

/** Objects with a label; those with only a relevance are not counted. */
export function countLabels(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM labels WHERE label IS NOT NULL').get() as { n: number }).n;
}

/** Objects with a relevance and no label: ratings, counted apart from the labelled ones. */
export function countRatedOnly(db: Db): number {
  return (
    db.prepare('SELECT count(*) AS n FROM labels WHERE label IS NULL AND relevance IS NOT NULL').get() as { n: number }
  ).n;
}
