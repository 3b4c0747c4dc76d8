// Catalog columns joined onto objects. One row per (object, column) keeps any catalog's
// columns without schema changes; `number` is filled when the value parses as a number
// so the map can colour by it without re-parsing text.
import type { Db } from '../database.js';

export function updateToSchemaVersion2(db: Db): void {
  db.exec(`
    CREATE TABLE object_metadata (
      object_id INTEGER NOT NULL REFERENCES objects(id) ON DELETE CASCADE,
      key TEXT NOT NULL,
      value TEXT NOT NULL,
      number REAL,
      source TEXT NOT NULL,               -- the catalog file it came from
      PRIMARY KEY (object_id, key)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX object_metadata_by_key ON object_metadata(key);
  `);
}
