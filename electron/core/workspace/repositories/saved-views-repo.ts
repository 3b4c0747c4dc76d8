// Saved map views (a named filter and colouring), kept in the workspace's settings table as
// JSON under `view:<name>`: a view is a small document read whole, so it needs no table of its own.
import type { Db } from '../database.js';

const PREFIX = 'view:';

export interface SavedViewRow {
  name: string;
  /** The view as saved (JSON). */
  json: string;
}

export function listSavedViews(db: Db): SavedViewRow[] {
  const rows = db
    .prepare('SELECT key, value FROM settings WHERE key >= ? AND key < ? ORDER BY key')
    .all(PREFIX, 'view;') as { key: string; value: string }[];
  return rows.map((r) => ({ name: r.key.slice(PREFIX.length), json: r.value }));
}

/** Saves (or replaces) the view called `name`. */
export function putSavedView(db: Db, name: string, json: string): void {
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(PREFIX + name, json);
}

/** Whether a view called `name` was there to delete. */
export function deleteSavedView(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM settings WHERE key = ?').run(PREFIX + name).changes > 0;
}
