// The first schema: objects and where they came from, ingest errors, runs, labels and
// the append-only label history that undo and provenance read.
import type { Db } from '../database.js';

export function updateToSchemaVersion1(db: Db): void {
  db.exec(`
    CREATE TABLE source_files (
      id INTEGER PRIMARY KEY,
      path TEXT NOT NULL UNIQUE,          -- relative to the workspace when inside it, else absolute
      size INTEGER NOT NULL,
      mtime_ms INTEGER NOT NULL,
      format TEXT NOT NULL,
      ingested_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE objects (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      modality TEXT NOT NULL CHECK (modality IN ('image', 'spectrum')),
      file_id INTEGER NOT NULL REFERENCES source_files(id) ON DELETE CASCADE,
      hdu INTEGER,
      item_index INTEGER NOT NULL DEFAULT 0,  -- row of an HDF5 dataset, fibre of a spectrum file
      ra REAL,
      dec REAL,
      width INTEGER,
      height INTEGER,
      bands INTEGER,
      input_store TEXT,                   -- model-input array file under inputs/
      input_row INTEGER,
      thumb TEXT,                         -- thumbnail path under thumbs/
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      UNIQUE (file_id, item_index)
    ) STRICT;
    CREATE INDEX objects_by_dec ON objects(dec);

    CREATE TABLE ingest_errors (
      id INTEGER PRIMARY KEY,
      path TEXT NOT NULL UNIQUE,
      reason TEXT NOT NULL,
      size INTEGER,
      mtime_ms INTEGER,
      at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE runs (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL,                 -- ingest | embedding | score | map
      method TEXT NOT NULL,
      modality TEXT,
      params TEXT NOT NULL DEFAULT '{}',  -- JSON
      status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
      message TEXT,
      parent_run TEXT REFERENCES runs(id),
      created TEXT NOT NULL,
      finished TEXT
    ) STRICT;

    CREATE TABLE label_events (
      id INTEGER PRIMARY KEY,
      object_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
      action TEXT NOT NULL CHECK (action IN ('set', 'clear')),
      label TEXT,
      relevance INTEGER CHECK (relevance BETWEEN 0 AND 5),
      note TEXT,
      source TEXT NOT NULL DEFAULT 'user',  -- user | import | ...
      reverts INTEGER REFERENCES label_events(id),  -- set when this event undoes an earlier one
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX label_events_by_object ON label_events(object_id, id);
    -- History is evidence: nothing may rewrite it.
    CREATE TRIGGER label_events_no_update BEFORE UPDATE ON label_events
      BEGIN SELECT RAISE(ABORT, 'label_events is append-only'); END;

    -- The current label of each object: always the effect of its latest event.
    CREATE TABLE labels (
      object_id INTEGER PRIMARY KEY REFERENCES objects(id) ON DELETE CASCADE,
      label TEXT NOT NULL,
      relevance INTEGER CHECK (relevance BETWEEN 0 AND 5),
      note TEXT,
      event_id INTEGER NOT NULL REFERENCES label_events(id),
      updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX labels_by_label ON labels(label);

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;
  `);
}
