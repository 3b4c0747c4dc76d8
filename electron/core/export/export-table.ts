// The rows an export writes: one per object (or per object with a label or a relevance), with
// its label, the latest score of each anomaly method and its rank in that run (ranked as the app
// shows it: score-numbers.ts), the latest map position and every catalog column. Built as
// columns so CSV, Parquet and the embeddings array share one row order.
import type { Workspace } from '../workspace/workspace.js';
import { latestDoneRun, latestDoneRunPerMethod, type RunRow } from '../workspace/repositories/runs-repo.js';
import { loadRunArray } from '../discovery/run-arrays.js';
import { rowLookup } from '../discovery/row-lookup.js';
import { scoreRanks } from '../util/score-numbers.js';

export interface ExportColumn {
  name: string;
  kind: 'text' | 'number' | 'integer';
  values: (string | number | null)[];
}

export interface ExportTable {
  ids: number[];
  columns: ExportColumn[];
  /** The runs whose results appear in the table, for the manifest. */
  runs: RunRow[];
}

interface BaseRow {
  id: number;
  name: string;
  path: string;
  modality: string;
  ra: number | null;
  dec: number | null;
  label: string | null;
  relevance: number | null;
  note: string | null;
}

function columnFromRun(
  workspace: Workspace,
  folder: string,
  run: RunRow,
  ids: number[],
  column: number,
  name: string,
): ExportColumn {
  const array = loadRunArray(folder, run.id);
  const rowOf = rowLookup(array.ids);
  return {
    name,
    kind: 'number',
    values: ids.map((id) => {
      const row = rowOf(id);
      return row === undefined ? null : array.data[row * array.columns + column];
    }),
  };
}

/** `score_<method>` and `rank_<method>`: the run's score and the object's rank among all the run's objects. */
function scoreColumns(workspace: Workspace, run: RunRow, ids: number[]): ExportColumn[] {
  const array = loadRunArray(workspace.paths.scores, run.id);
  const ranks = scoreRanks(array.data);
  const rowOf = rowLookup(array.ids);
  const rows = ids.map((id) => rowOf(id));
  return [
    {
      name: `score_${run.method}`,
      kind: 'number',
      values: rows.map((row) => (row === undefined ? null : array.data[row])),
    },
    {
      name: `rank_${run.method}`,
      kind: 'integer',
      values: rows.map((row) => (row === undefined || Number.isNaN(ranks[row]) ? null : ranks[row])),
    },
  ];
}

/** `labelledOnly`: the objects given a label or a relevance (a rating is kept: nothing given is left out). */
export function buildExportTable(workspace: Workspace, options: { labelledOnly?: boolean } = {}): ExportTable {
  const { db } = workspace;
  const rows = db
    .prepare(
      `SELECT o.id, o.name, f.path, o.modality, o.ra, o.dec, l.label, l.relevance, l.note
       FROM objects o JOIN source_files f ON f.id = o.file_id
       ${options.labelledOnly ? 'JOIN' : 'LEFT JOIN'} labels l ON l.object_id = o.id
       ORDER BY o.id`,
    )
    .all() as BaseRow[];
  const ids = rows.map((r) => r.id);
  const columns: ExportColumn[] = [
    { name: 'name', kind: 'text', values: rows.map((r) => r.name) },
    { name: 'path', kind: 'text', values: rows.map((r) => r.path) },
    { name: 'modality', kind: 'text', values: rows.map((r) => r.modality) },
    { name: 'ra', kind: 'number', values: rows.map((r) => r.ra) },
    { name: 'dec', kind: 'number', values: rows.map((r) => r.dec) },
    { name: 'label', kind: 'text', values: rows.map((r) => r.label) },
    { name: 'relevance', kind: 'integer', values: rows.map((r) => r.relevance) },
    { name: 'note', kind: 'text', values: rows.map((r) => r.note) },
  ];
  const scoreRuns = latestDoneRunPerMethod(workspace.db, 'score');
  for (const run of scoreRuns) columns.push(...scoreColumns(workspace, run, ids));
  const mapRun = latestDoneRun(workspace.db, 'map');
  if (mapRun) {
    columns.push(columnFromRun(workspace, workspace.paths.maps, mapRun, ids, 0, 'map_x'));
    columns.push(columnFromRun(workspace, workspace.paths.maps, mapRun, ids, 1, 'map_y'));
  }
  columns.push(...metadataColumns(workspace, ids, new Set(columns.map((c) => c.name))));
  return { ids, columns, runs: [...scoreRuns, ...(mapRun ? [mapRun] : [])] };
}

/** Catalog columns, named `meta_<key>` when a key clashes with a built-in column. */
function metadataColumns(workspace: Workspace, ids: number[], taken: Set<string>): ExportColumn[] {
  const rowOf = new Map(ids.map((id, i) => [id, i]));
  const byKey = new Map<string, { values: (string | number | null)[]; numeric: boolean }>();
  const statement = workspace.db.prepare('SELECT object_id, key, value, number FROM object_metadata ORDER BY key');
  for (const m of statement.iterate() as Iterable<{
    object_id: number;
    key: string;
    value: string;
    number: number | null;
  }>) {
    const row = rowOf.get(m.object_id);
    if (row === undefined) continue;
    let column = byKey.get(m.key);
    if (!column) byKey.set(m.key, (column = { values: new Array(ids.length).fill(null), numeric: true }));
    column.values[row] = m.number ?? m.value;
    if (m.number === null && m.value !== '') column.numeric = false;
  }
  return [...byKey.entries()].map(([key, column]) => ({
    name: taken.has(key) ? `meta_${key}` : key,
    kind: column.numeric ? 'number' : 'text',
    values: column.numeric ? column.values : column.values.map((v) => (v === null ? null : String(v))),
  }));
}
