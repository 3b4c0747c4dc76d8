// Joins a catalog (CSV/TSV or Parquet) onto the objects: by a name column when one matches object
// names, else by nearest sky position within a radius. Every other column becomes
// object metadata; catalog positions fill objects that have none (or only their name's). Unmatched rows are
// counted and a few are named, so the user can see what went wrong.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseCsv } from '../formats/tables/csv.js';
import { readParquetTable, type ParquetCell } from '../formats/tables/parquet-table.js';
import type { Workspace } from '../workspace/workspace.js';
import { inTransaction } from '../workspace/database.js';
import { iterateObjectKeys, setObjectPosition } from '../workspace/repositories/objects-repo.js';
import { putMetadata, type MetadataValue } from '../workspace/repositories/metadata-repo.js';
import { positionFromIauName } from '../util/sky-coordinates.js';

/** Columns that name objects, in the order a join tries them (also kept off the map's colours). */
export const NAME_COLUMNS = [
  'name',
  'objid',
  'obj_id',
  'object',
  'object_name',
  'iauname',
  'id',
  'source_id',
  'targetid',
  'specobjid',
  'galaxy',
  'filename',
  'file',
];
const RA_COLUMNS = ['ra', 'ra_deg', 'radeg', 'raj2000', 'ra_j2000', 'ra_icrs', 'plug_ra'];
const DEC_COLUMNS = ['dec', 'dec_deg', 'decdeg', 'dej2000', 'decj2000', 'dec_j2000', 'dec_icrs', 'plug_dec'];

export interface CatalogJoinOptions {
  /** Match radius for position joins, arcseconds. Default 2. */
  radiusArcsec?: number;
}

export interface CatalogJoinSummary {
  rows: number;
  matched: number;
  unmatched: number;
  by: 'name' | 'position';
  key: string;
  columns: string[];
  unmatchedExamples: string[];
}

export class CatalogError extends Error {
  override name = 'CatalogError';
}

function findColumn(columns: string[], candidates: string[]): number {
  const lower = columns.map((c) => c.trim().toLowerCase());
  for (const candidate of candidates) {
    const index = lower.indexOf(candidate);
    if (index >= 0) return index;
  }
  return -1;
}

/** A catalog cell: text from CSV, typed values from Parquet; null where absent. */
type CatalogCell = ParquetCell;

interface CatalogTable {
  columns: string[];
  rows: CatalogCell[][];
}

function parseNumber(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** The cell as metadata text: exact for 64-bit integers, '' for nulls and NaN. */
function cellText(cell: CatalogCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return String(cell);
}

/**
 * The cell as a number, or null. A 64-bit integer beyond 2^53 is left as text only: a
 * rounded double would quietly name a different object id.
 */
function cellNumber(cell: CatalogCell | undefined): number | null {
  if (cell === null || cell === undefined || typeof cell === 'boolean') return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell === 'bigint')
    return cell >= BigInt(Number.MIN_SAFE_INTEGER) && cell <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(cell) : null;
  return parseNumber(cell);
}

const PARQUET_MAGIC = 'PAR1';

/** Parquet when the file starts with its magic bytes, else CSV/TSV text. */
async function readCatalogTable(path: string): Promise<CatalogTable> {
  const bytes = await readFile(path);
  if (bytes.length >= 8 && bytes.subarray(0, 4).toString('latin1') === PARQUET_MAGIC) {
    return readParquetTable(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  return parseCsv(bytes.toString('utf8'), { delimiter: 'auto' });
}

/** Angular separation in arcseconds (haversine: stable for the tiny angles matched here). */
export function separationArcsec(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const r = Math.PI / 180;
  const s =
    Math.sin(((dec2 - dec1) * r) / 2) ** 2 +
    Math.cos(dec1 * r) * Math.cos(dec2 * r) * Math.sin(((ra2 - ra1) * r) / 2) ** 2;
  return ((2 * Math.asin(Math.min(1, Math.sqrt(s)))) / r) * 3600;
}

interface Positioned {
  id: number;
  ra: number;
  dec: number;
}

/** Nearest object within `radius` arcsec, using a dec-sorted list and a binary-searched window. */
function nearestByPosition(sorted: Positioned[], ra: number, dec: number, radius: number): number | null {
  const window = radius / 3600;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].dec < dec - window) lo = mid + 1;
    else hi = mid;
  }
  let best: number | null = null;
  let bestDistance = radius;
  for (let i = lo; i < sorted.length && sorted[i].dec <= dec + window; i++) {
    const d = separationArcsec(ra, dec, sorted[i].ra, sorted[i].dec);
    if (d <= bestDistance) {
      bestDistance = d;
      best = sorted[i].id;
    }
  }
  return best;
}

export async function joinCatalog(
  workspace: Workspace,
  catalogPath: string,
  options: CatalogJoinOptions = {},
): Promise<CatalogJoinSummary> {
  let table: CatalogTable;
  try {
    table = await readCatalogTable(catalogPath);
  } catch (err) {
    throw new CatalogError(`cannot read catalog ${catalogPath}: ${(err as Error).message}`);
  }
  const { columns, rows } = table;
  const nameColumn = findColumn(columns, NAME_COLUMNS);
  const raColumn = findColumn(columns, RA_COLUMNS);
  const decColumn = findColumn(columns, DEC_COLUMNS);
  const byName = new Map<string, number>();
  const positioned: Positioned[] = [];
  // Positions only an IAU-style name gave (filled at ingest) yield to the catalog's.
  const hasPosition = new Set<number>();
  for (const o of iterateObjectKeys(workspace.db)) {
    byName.set(o.name, o.id);
    if (o.ra === null || o.dec === null) continue;
    positioned.push({ id: o.id, ra: o.ra, dec: o.dec });
    const fromName = positionFromIauName(o.name);
    if (fromName?.ra !== o.ra || fromName.dec !== o.dec) hasPosition.add(o.id);
  }
  positioned.sort((a, b) => a.dec - b.dec);

  // Prefer names when the name column actually matches something; positions otherwise.
  const nameOf = (row: CatalogCell[]) => cellText(row[nameColumn]).trim();
  const nameMatches = nameColumn >= 0 ? rows.filter((r) => byName.has(nameOf(r))).length : 0;
  const usePosition = nameMatches === 0 && raColumn >= 0 && decColumn >= 0;
  if (!usePosition && nameColumn < 0) {
    throw new CatalogError(
      `catalog ${basename(catalogPath)} has no name column (one of ${NAME_COLUMNS.join(', ')}) ` +
        'and no ra/dec columns to match on',
    );
  }
  const radius = options.radiusArcsec ?? 2;
  const source = basename(catalogPath);
  const summary: CatalogJoinSummary = {
    rows: rows.length,
    matched: 0,
    unmatched: 0,
    by: usePosition ? 'position' : 'name',
    key: usePosition ? `${columns[raColumn]}/${columns[decColumn]}` : columns[nameColumn],
    columns,
    unmatchedExamples: [],
  };
  inTransaction(workspace.db, () => {
    rows.forEach((row, index) => {
      const ra = raColumn >= 0 ? cellNumber(row[raColumn]) : null;
      const dec = decColumn >= 0 ? cellNumber(row[decColumn]) : null;
      const id = usePosition
        ? ra !== null && dec !== null
          ? nearestByPosition(positioned, ra, dec, radius)
          : null
        : (byName.get(nameOf(row)) ?? null);
      if (id === null) {
        summary.unmatched++;
        if (summary.unmatchedExamples.length < 5) {
          summary.unmatchedExamples.push(
            usePosition
              ? `row ${index + 1} (${cellText(row[raColumn])}, ${cellText(row[decColumn])})`
              : cellText(row[nameColumn]) || `row ${index + 1}`,
          );
        }
        return;
      }
      summary.matched++;
      const values: MetadataValue[] = columns.map((key, c) => ({
        key,
        value: cellText(row[c]),
        number: cellNumber(row[c]),
      }));
      putMetadata(workspace.db, id, values, source);
      if (!usePosition && ra !== null && dec !== null && !hasPosition.has(id))
        setObjectPosition(workspace.db, id, ra, dec);
    });
  });
  return summary;
}
