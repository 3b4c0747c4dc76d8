// Catalog metadata joined onto objects (schema version 2).
import type { Db } from '../database.js';

export interface MetadataValue {
  key: string;
  value: string;
  number: number | null;
}

export function putMetadata(db: Db, objectId: number, values: MetadataValue[], source: string): void {
  const statement = db.prepare(
    `INSERT INTO object_metadata (object_id, key, value, number, source) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(object_id, key) DO UPDATE SET value = excluded.value, number = excluded.number,
       source = excluded.source`,
  );
  for (const v of values) statement.run(objectId, v.key, v.value, v.number, source);
}

export function getMetadata(db: Db, objectId: number): Record<string, string> {
  const rows = db.prepare('SELECT key, value FROM object_metadata WHERE object_id = ? ORDER BY key').all(objectId) as {
    key: string;
    value: string;
  }[];
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export function listMetadataKeys(db: Db): { key: string; numeric: boolean; count: number }[] {
  return (
    db
      .prepare('SELECT key, count(*) AS count, count(number) AS numbers FROM object_metadata GROUP BY key ORDER BY key')
      .all() as { key: string; count: number; numbers: number }[]
  ).map((r) => ({ key: r.key, count: r.count, numeric: r.numbers === r.count }));
}

export interface MetadataCell {
  object_id: number;
  value: string;
  number: number | null;
}

/** Every object's value of one catalog column (a map colouring, an import matched by catalog value). */
export function metadataColumn(db: Db, key: string): MetadataCell[] {
  return db.prepare('SELECT object_id, value, number FROM object_metadata WHERE key = ?').all(key) as MetadataCell[];
}

/** The metadata keys, sorted; one index seek per key, so a million objects' catalog costs no scan. */
export function metadataKeyNames(db: Db): string[] {
  const rows = db
    .prepare(
      `WITH RECURSIVE k(key) AS (
         SELECT min(key) FROM object_metadata
         UNION ALL SELECT (SELECT min(key) FROM object_metadata WHERE key > k.key) FROM k WHERE k.key IS NOT NULL)
       SELECT key FROM k WHERE key IS NOT NULL`,
    )
    .all() as { key: string }[];
  return rows.map((r) => r.key);
}

/** Up to `limit` non-empty values of one column (the first objects'), to judge what the column holds. */
export function metadataSample(db: Db, key: string, limit: number): Pick<MetadataCell, 'value' | 'number'>[] {
  return db
    .prepare("SELECT value, number FROM object_metadata WHERE key = ? AND value <> '' LIMIT ?")
    .all(key, limit) as Pick<MetadataCell, 'value' | 'number'>[];
}
