// What ingest read generously: a file that was read, but with departures from its format's
// standard (sloppy FITS cards), keeps its warnings here, one row each, replaced whenever the
// file is read again. Errors stay in ingest_errors: a warning never stops an object.
import type { Db } from '../database.js';

export function updateToSchemaVersion3(db: Db): void {
  db.exec(`
    CREATE TABLE ingest_warnings (
      path TEXT NOT NULL,                 -- as in source_files.path
      message TEXT NOT NULL,
      at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX ingest_warnings_by_path ON ingest_warnings(path);
  `);
}
