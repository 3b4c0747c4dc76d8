// Objects: every ingested image or spectrum, with its source, sky position and where
// its model input and thumbnail live.
import type { Db } from '../database.js';

export type Modality = 'image' | 'spectrum';

export interface ObjectRow {
  id: number;
  name: string;
  modality: Modality;
  file_id: number;
  hdu: number | null;
  item_index: number;
  ra: number | null;
  dec: number | null;
  width: number | null;
  height: number | null;
  bands: number | null;
  input_store: string | null;
  input_row: number | null;
  thumb: string | null;
  created_at: string;
  updated_at: string;
}

export type NewObject = Omit<ObjectRow, 'id' | 'created_at' | 'updated_at' | 'thumb'> & { thumb?: string | null };

export interface ObjectWithPath extends ObjectRow {
  path: string;
}

export function findObjectBySource(db: Db, fileId: number, itemIndex: number): ObjectRow | undefined {
  return db.prepare('SELECT * FROM objects WHERE file_id = ? AND item_index = ?').get(fileId, itemIndex) as
    ObjectRow | undefined;
}

export function findObjectByName(db: Db, name: string): ObjectWithPath | undefined {
  return db
    .prepare('SELECT o.*, f.path FROM objects o JOIN source_files f ON f.id = o.file_id WHERE o.name = ?')
    .get(name) as ObjectWithPath | undefined;
}

/**
 * The id of each name that names an object (names not found are left out). One query per
 * 10k names: a map box selection of that many objects looked up one by one took a second.
 */
export function objectIdsByName(db: Db, names: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  const statement = db.prepare('SELECT name, id FROM objects WHERE name IN (SELECT value FROM json_each(?))');
  for (let start = 0; start < names.length; start += 10_000) {
    const rows = statement.all(JSON.stringify(names.slice(start, start + 10_000))) as { name: string; id: number }[];
    for (const r of rows) out.set(r.name, r.id);
  }
  return out;
}

export function getObject(db: Db, id: number): ObjectWithPath | undefined {
  return db
    .prepare('SELECT o.*, f.path FROM objects o JOIN source_files f ON f.id = o.file_id WHERE o.id = ?')
    .get(id) as ObjectWithPath | undefined;
}

/** Objects of one source file whose item index is in [start, end): a row range ingest has read whole. */
export function countObjectsOfFileInRange(db: Db, fileId: number, start: number, end: number): number {
  const row = db
    .prepare('SELECT COUNT(*) AS n FROM objects WHERE file_id = ? AND item_index >= ? AND item_index < ?')
    .get(fileId, start, end) as { n: number };
  return row.n;
}

export function nameIsTaken(db: Db, name: string): boolean {
  return db.prepare('SELECT 1 FROM objects WHERE name = ?').get(name) !== undefined;
}

export function insertObject(db: Db, object: NewObject, at: string): number {
  const result = db
    .prepare(
      `INSERT INTO objects (name, modality, file_id, hdu, item_index, ra, dec, width, height, bands,
         input_store, input_row, thumb, created_at, updated_at)
       VALUES (@name, @modality, @file_id, @hdu, @item_index, @ra, @dec, @width, @height, @bands,
         @input_store, @input_row, @thumb, @at, @at)`,
    )
    .run({ thumb: null, ...object, at });
  return Number(result.lastInsertRowid);
}

export function updateObjectContent(
  db: Db,
  id: number,
  content: Pick<ObjectRow, 'hdu' | 'ra' | 'dec' | 'width' | 'height' | 'bands' | 'input_store' | 'input_row' | 'thumb'>,
  at: string,
): void {
  db.prepare(
    `UPDATE objects SET hdu = @hdu, ra = @ra, dec = @dec, width = @width, height = @height, bands = @bands,
       input_store = @input_store, input_row = @input_row, thumb = @thumb, updated_at = @at WHERE id = @id`,
  ).run({ ...content, id, at });
}

export function setObjectThumb(db: Db, id: number, thumb: string): void {
  db.prepare('UPDATE objects SET thumb = ? WHERE id = ?').run(thumb, id);
}

export function setObjectPosition(db: Db, id: number, ra: number, dec: number): void {
  db.prepare('UPDATE objects SET ra = ?, dec = ? WHERE id = ?').run(ra, dec, id);
}

export interface ObjectCounts {
  objects: number;
  images: number;
  spectra: number;
}

export function countObjects(db: Db): ObjectCounts {
  return db
    .prepare(
      `SELECT count(*) AS objects,
              coalesce(sum(modality = 'image'), 0) AS images,
              coalesce(sum(modality = 'spectrum'), 0) AS spectra
       FROM objects`,
    )
    .get() as ObjectCounts;
}

/** Names and positions of every object, for catalog joins; streamed so 1M objects stay cheap. */
export function* iterateObjectKeys(
  db: Db,
): Generator<{ id: number; name: string; ra: number | null; dec: number | null }> {
  yield* db.prepare('SELECT id, name, ra, dec FROM objects ORDER BY id').iterate() as Iterable<{
    id: number;
    name: string;
    ra: number | null;
    dec: number | null;
  }>;
}

/** Objects whose model input lives in any of `stores`, in id order, streamed. */
export function* iterateObjectsInStores(
  db: Db,
  stores: readonly string[],
): Generator<{ id: number; input_store: string; input_row: number }> {
  yield* db
    .prepare(
      `SELECT id, input_store, input_row FROM objects
       WHERE input_store IN (SELECT value FROM json_each(?)) AND input_row IS NOT NULL ORDER BY id`,
    )
    .iterate(JSON.stringify(stores)) as Iterable<{ id: number; input_store: string; input_row: number }>;
}

/** Name, source path and thumbnail of each id asked for (missing ids are left out). */
export function describeObjects(
  db: Db,
  ids: number[],
): Map<number, { name: string; path: string; thumb: string | null; modality: Modality }> {
  const out = new Map<number, { name: string; path: string; thumb: string | null; modality: Modality }>();
  const statement = db.prepare(
    `SELECT o.id, o.name, f.path, o.thumb, o.modality FROM objects o JOIN source_files f ON f.id = o.file_id
     WHERE o.id IN (SELECT value FROM json_each(?))`,
  );
  // One query per 10k ids keeps the JSON parameter small while avoiding a query per row.
  for (let start = 0; start < ids.length; start += 10_000) {
    const rows = statement.all(JSON.stringify(ids.slice(start, start + 10_000))) as {
      id: number;
      name: string;
      path: string;
      thumb: string | null;
      modality: Modality;
    }[];
    for (const r of rows) out.set(r.id, { name: r.name, path: r.path, thumb: r.thumb, modality: r.modality });
  }
  return out;
}
