// Forward-only schema migrations, one per file, applied in order inside one transaction
// each. PRAGMA user_version records how far a workspace has come.
import type { Db } from '../database.js';
import { updateToSchemaVersion1 } from './0001-initial.js';
import { updateToSchemaVersion2 } from './0002-object-metadata.js';
import { updateToSchemaVersion3 } from './0003-ingest-warnings.js';
import { updateToSchemaVersion4 } from './0004-run-owner.js';
import { updateToSchemaVersion5 } from './0005-merged-shards.js';
import { updateToSchemaVersion6 } from './0006-relevance-only.js';
import { updateToSchemaVersion7 } from './0007-label-batches.js';

export const MIGRATIONS: ReadonlyArray<(db: Db) => void> = [
  updateToSchemaVersion1,
  updateToSchemaVersion2,
  updateToSchemaVersion3,
  updateToSchemaVersion4,
  updateToSchemaVersion5,
  updateToSchemaVersion6,
  updateToSchemaVersion7,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export class NewerWorkspaceError extends Error {
  constructor(found: number) {
    super(
      `This workspace was written by a newer Serendip (schema version ${found}; this version ` +
        `reads up to ${LATEST_SCHEMA_VERSION}). ` +
        'Update Serendip to open it; nothing was changed.',
    );
    this.name = 'NewerWorkspaceError';
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the database up to `target` (default: latest); returns the versions applied. */
export function migrate(db: Db, target = LATEST_SCHEMA_VERSION): number[] {
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) throw new NewerWorkspaceError(current);
  const applied: number[] = [];
  for (let version = current + 1; version <= target; version++) {
    db.transaction(() => {
      MIGRATIONS[version - 1](db);
      db.pragma(`user_version = ${version}`);
    }).immediate();
    applied.push(version);
  }
  return applied;
}
