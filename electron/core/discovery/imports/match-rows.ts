// Which workspace object each row of an imported file stands for: by object name, by the value
// of a catalog column joined onto the objects, or by sky position within 2″. A row that finds
// no object, or whose object an earlier row already took, is counted and a few are named, so a
// user sees why an import matched less than expected.
import type { Db } from '../../workspace/database.js';
import { iterateObjectKeys, objectIdsByName } from '../../workspace/repositories/objects-repo.js';
import { listMetadataKeys, metadataColumn } from '../../workspace/repositories/metadata-repo.js';
import { ImportError, type ImportedRows } from './imported-rows.js';
import { SkyIndex } from './sky-match.js';

export type ImportMatch = { by: 'name' } | { by: 'catalog'; column: string } | { by: 'radec'; radiusArcsec: number };

export const RADEC_MATCH_RADIUS_ARCSEC = 2;

/** How rows find objects, as written on the command line: `name`, `catalog:COL` or `radec`. */
export function parseImportMatch(text: string): ImportMatch {
  if (text === 'name') return { by: 'name' };
  if (text === 'radec') return { by: 'radec', radiusArcsec: RADEC_MATCH_RADIUS_ARCSEC };
  if (text.startsWith('catalog:') && text.length > 'catalog:'.length)
    return { by: 'catalog', column: text.slice('catalog:'.length) };
  throw new ImportError(`--match must be name, catalog:<column> or radec, not "${text}"`);
}

export function describeImportMatch(match: ImportMatch): string {
  return match.by === 'catalog' ? `catalog:${match.column}` : match.by;
}

/** What a row found: an object id, nothing, or a catalog value several objects share. */
export type Found = number | null | { shared: number };

export interface RowMatch {
  /** Object id of each row; -1 where the row has none (unmatched, or a duplicate). */
  objectOfRow: Float64Array;
  matched: number;
  unmatched: number;
  /** Rows whose object an earlier row had already matched (the first row wins). */
  duplicates: number;
  /** The first few unmatched or duplicate rows, described. */
  examples: string[];
}

const EXAMPLES = 5;

/** Matches every row with `find`; `describe` names a row in the examples. */
export function matchRows(rowCount: number, find: (row: number) => Found, describe: (row: number) => string): RowMatch {
  const objectOfRow = new Float64Array(rowCount).fill(-1);
  const taken = new Set<number>();
  const result: RowMatch = { objectOfRow, matched: 0, unmatched: 0, duplicates: 0, examples: [] };
  const note = (text: string): void => {
    if (result.examples.length < EXAMPLES) result.examples.push(text);
  };
  for (let row = 0; row < rowCount; row++) {
    const found = find(row);
    if (typeof found === 'number' && !taken.has(found)) {
      taken.add(found);
      objectOfRow[row] = found;
      result.matched++;
    } else if (typeof found === 'number') {
      result.duplicates++;
      note(`${describe(row)} (same object as an earlier row)`);
    } else {
      result.unmatched++;
      note(found === null ? describe(row) : `${describe(row)} (${found.shared} objects share it)`);
    }
  }
  return result;
}

/** Object ids by name, for the names the rows give. */
function nameFinder(db: Db, keys: (string | null)[]): (row: number) => Found {
  const ids = objectIdsByName(db, [...new Set(keys.filter((k): k is string => k !== null))]);
  return (row) => (keys[row] === null ? null : (ids.get(keys[row]!) ?? null));
}

/** Object ids by a catalog column's value; a value several objects share finds none of them. */
function catalogFinder(db: Db, column: string, keys: (string | null)[]): (row: number) => Found {
  const known = listMetadataKeys(db).map((k) => k.key);
  if (!known.includes(column))
    throw new ImportError(
      known.length === 0
        ? `no catalog is joined to this workspace, so --match catalog:${column} finds nothing; ` +
            'join one with `serendip ingest <workspace> <data> --catalog <file>`'
        : `no catalog column "${column}" in this workspace; its columns: ${known.join(', ')}`,
    );
  const byValue = new Map<string, Found>();
  for (const { object_id, value } of metadataColumn(db, column)) {
    const text = value.trim();
    if (text === '') continue;
    const before = byValue.get(text);
    if (before === undefined) byValue.set(text, object_id);
    else byValue.set(text, { shared: typeof before === 'number' ? 2 : before!.shared + 1 });
  }
  return (row) => (keys[row] === null ? null : (byValue.get(keys[row]!) ?? null));
}

function skyFinder(db: Db, ra: Float64Array, dec: Float64Array, radiusArcsec: number): (row: number) => Found {
  const objects: { id: number; ra: number; dec: number }[] = [];
  for (const o of iterateObjectKeys(db))
    if (o.ra !== null && o.dec !== null) objects.push({ id: o.id, ra: o.ra, dec: o.dec });
  if (objects.length === 0)
    throw new ImportError(
      'no object in this workspace has a sky position, so --match radec finds nothing; ' +
        'join a catalog with ra/dec (`serendip ingest <workspace> <data> --catalog <file>`) or match by name',
    );
  const index = new SkyIndex(objects);
  return (row) => index.nearest(ra[row], dec[row], radiusArcsec)?.id ?? null;
}

/** Matches the rows of an imported file against the workspace's objects. */
export function matchImportedRows(db: Db, rows: ImportedRows, match: ImportMatch): RowMatch {
  const describe = (row: number): string => {
    const name = rows.keys?.[row] ?? `row ${row + 1}`;
    if (match.by !== 'radec') return rows.keys?.[row] ?? `row ${row + 1} (no name)`;
    const [ra, dec] = [rows.ra![row], rows.dec![row]];
    return Number.isFinite(ra) && Number.isFinite(dec) ? `${name} (${ra}, ${dec})` : `${name} (no position)`;
  };
  const find =
    match.by === 'name'
      ? nameFinder(db, rows.keys!)
      : match.by === 'catalog'
        ? catalogFinder(db, match.column, rows.keys!)
        : skyFinder(db, rows.ra!, rows.dec!, match.radiusArcsec);
  return matchRows(rows.rows, find, describe);
}
