// Joins a catalog (CSV/TSV) onto the objects: by a name column when one matches object
// names, else by nearest sky position within a radius. Every other column becomes
// object metadata; catalog positions fill objects that have none. Unmatched rows are
// counted and a few are named, so the user can see what went wrong.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseCsv } from '../formats/csv.js';
import type { Workspace } from '../workspace/workspace.js';
import { inTransaction } from '../workspace/database.js';
import { iterateObjectKeys, setObjectPosition } from '../workspace/repositories/objects-repo.js';
import { putMetadata, type MetadataValue } from '../workspace/repositories/metadata-repo.js';

const NAME_COLUMNS = ['name', 'objid', 'obj_id', 'object', 'object_name', 'iauname', 'id', 'source_id', 'targetid', 'specobjid', 'galaxy', 'filename', 'file'];
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

function parseNumber(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

/** Angular separation in arcseconds (haversine: stable for the tiny angles matched here). */
export function separationArcsec(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const r = Math.PI / 180;
  const s = Math.sin(((dec2 - dec1) * r) / 2) ** 2 + Math.cos(dec1 * r) * Math.cos(dec2 * r) * Math.sin(((ra2 - ra1) * r) / 2) ** 2;
  return (2 * Math.asin(Math.min(1, Math.sqrt(s)))) / r * 3600;
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

export async function joinCatalog(workspace: Workspace, catalogPath: string, options: CatalogJoinOptions = {}): Promise<CatalogJoinSummary> {
  let table;
  try {
    table = parseCsv(await readFile(catalogPath, 'utf8'), { delimiter: 'auto' });
  } catch (err) {
    throw new CatalogError(`cannot read catalog ${catalogPath}: ${(err as Error).message}`);
  }
  const { columns, rows } = table;
  const nameColumn = findColumn(columns, NAME_COLUMNS);
  const raColumn = findColumn(columns, RA_COLUMNS);
  const decColumn = findColumn(columns, DEC_COLUMNS);
  const byName = new Map<string, number>();
  const positioned: Positioned[] = [];
  for (const o of iterateObjectKeys(workspace.db)) {
    byName.set(o.name, o.id);
    if (o.ra !== null && o.dec !== null) positioned.push({ id: o.id, ra: o.ra, dec: o.dec });
  }
  positioned.sort((a, b) => a.dec - b.dec);
  const hasPosition = new Set(positioned.map((p) => p.id));

  // Prefer names when the name column actually matches something; positions otherwise.
  const nameMatches = nameColumn >= 0 ? rows.filter((r) => byName.has(r[nameColumn]?.trim() ?? '')).length : 0;
  const usePosition = nameMatches === 0 && raColumn >= 0 && decColumn >= 0;
  if (!usePosition && nameColumn < 0) {
    throw new CatalogError(
      `catalog ${basename(catalogPath)} has no name column (one of ${NAME_COLUMNS.join(', ')}) and no ra/dec columns to match on`,
    );
  }
  const radius = options.radiusArcsec ?? 2;
  const source = basename(catalogPath);
  const summary: CatalogJoinSummary = {
    rows: rows.length, matched: 0, unmatched: 0, by: usePosition ? 'position' : 'name',
    key: usePosition ? `${columns[raColumn]}/${columns[decColumn]}` : columns[nameColumn], columns, unmatchedExamples: [],
  };
  inTransaction(workspace.db, () => {
    rows.forEach((row, index) => {
      const ra = raColumn >= 0 ? parseNumber(row[raColumn] ?? '') : null;
      const dec = decColumn >= 0 ? parseNumber(row[decColumn] ?? '') : null;
      const id = usePosition
        ? ra !== null && dec !== null ? nearestByPosition(positioned, ra, dec, radius) : null
        : byName.get(row[nameColumn]?.trim() ?? '') ?? null;
      if (id === null) {
        summary.unmatched++;
        if (summary.unmatchedExamples.length < 5) {
          summary.unmatchedExamples.push(usePosition ? `row ${index + 1} (${row[raColumn]}, ${row[decColumn]})` : row[nameColumn] || `row ${index + 1}`);
        }
        return;
      }
      summary.matched++;
      const values: MetadataValue[] = columns.map((key, c) => ({ key, value: row[c] ?? '', number: parseNumber(row[c] ?? '') }));
      putMetadata(workspace.db, id, values, source);
      if (!usePosition && ra !== null && dec !== null && !hasPosition.has(id)) setObjectPosition(workspace.db, id, ra, dec);
    });
  });
  return summary;
}
