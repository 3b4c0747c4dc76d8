// A change of many labels at once (a selection, a family, a CSV import) is undone as one: its
// events share `batch`, the id of its first event. A change of one object leaves it NULL. Older
// events keep NULL, so their undo goes one event at a time as before.
import type { Db } from '../database.js';

export function updateToSchemaVersion7(db: Db): void {
  db.exec(`
    ALTER TABLE label_events ADD COLUMN batch INTEGER REFERENCES label_events(id);
    CREATE INDEX label_events_by_batch ON label_events(batch) WHERE batch IS NOT NULL;
  `);
}
