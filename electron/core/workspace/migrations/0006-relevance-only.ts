// A relevance on its own is not a label: `labels.label` may now be NULL (the object was only
// rated 0–5), where before the queue stored such a rating under a made-up label "rated" that
// the map and the gallery then showed as a category. SQLite cannot drop a NOT NULL, so the
// table is rebuilt; its current "rated" rows become relevance-only rows. label_events is
// append-only and keeps the old "rated" events as written: labels-repo reads them as
// relevance-only when undo restores one (LEGACY_RATED_LABEL).
import type { Db } from '../database.js';

export function updateToSchemaVersion6(db: Db): void {
  db.exec(`
    CREATE TABLE labels_new (
      object_id INTEGER PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
      label TEXT,                           -- NULL: only a relevance was given
      relevance INTEGER CHECK (relevance BETWEEN 0 AND 5),
      note TEXT,
      event_id INTEGER NOT NULL REFERENCES label_events(id),
      updated_at TEXT NOT NULL,
      CHECK (label IS NOT NULL OR relevance IS NOT NULL)
    ) STRICT;
    INSERT INTO labels_new (object_id, label, relevance, note, event_id, updated_at)
      SELECT object_id, CASE WHEN label = 'rated' AND relevance IS NOT NULL THEN NULL ELSE label END,
             relevance, note, event_id, updated_at
      FROM labels;
    DROP TABLE labels;
    ALTER TABLE labels_new RENAME TO labels;
    CREATE INDEX labels_by_label ON labels(label);
  `);
}
