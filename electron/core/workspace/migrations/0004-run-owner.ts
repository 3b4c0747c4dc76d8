// Which process is running a run ("<host> <pid>"), so that a run whose process was killed
// can be told from one still at work and stops showing as running (see run-owner.ts).
import type { Db } from '../database.js';

export function updateToSchemaVersion4(db: Db): void {
  db.exec(`ALTER TABLE runs ADD COLUMN owner TEXT`);
}
