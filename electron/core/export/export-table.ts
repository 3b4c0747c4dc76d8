// The rows an export writes: one per object (or per object with a label or a relevance), with
// its label, the latest score of each anomaly method and its rank in that run (ranked as the app
// shows it: score-numbers.ts), the interval of those ranks across the scorers and of the
// isolation forest's rank across its seeds (rank-interval.ts), the stability of its learned
// embedding under augmentations (embeddings/learned/view-stability.ts),
// the latest map position and every catalog column; scores and
// positions from the runs of the object's own modality. Built as columns so CSV, Parquet and the
// embeddings array share one row order.
import type { Workspace } from '../workspace/workspace.js';
import { latestDoneRun, latestDoneRunPerMethod, type RunRow } from '../workspace/repositories/runs-repo.js';
import { MODALITIES } from '../api/contract-lists.js';
import { newestRunPerModality } from '../api/map-layout.js';
import { loadRunArray, type RunArray } from '../discovery/run-arrays.js';
import { rowLookup, type RowLookup } from '../discovery/row-lookup.js';
import { scoreRanks } from '../util/score-numbers.js';
import { isIntervalScorer, rankInterval } from './rank-interval.js';
import { loadSeedSpread } from '../discovery/anomaly/seed-rank-spread.js';
import { loadStability } from '../discovery/embeddings/learned/stability-file.js';

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

/** Run arrays of one kind, one run per modality, each holding only its own objects: where an object's row is. */
class RunsByObject {
  readonly arrays: RunArray[];
  private readonly lookups: RowLookup[];

  constructor(arrays: RunArray[]) {
    this.arrays = arrays;
    this.lookups = this.arrays.map((array) => rowLookup(array.ids));
  }

  static load(folder: string, runs: RunRow[]): RunsByObject {
    return new RunsByObject(runs.map((run) => loadRunArray(folder, run.id)));
  }

  /** [the run's index, the object's row in it], or null when no run has the object. */
  place(id: number): [number, number] | null {
    for (const [k, lookup] of this.lookups.entries()) {
      const row = lookup(id);
      if (row !== undefined) return [k, row];
    }
    return null;
  }

  column(
    ids: number[],
    name: string,
    kind: 'number' | 'integer',
    value: (run: number, row: number) => number | null,
  ): ExportColumn {
    return {
      name,
      kind,
      values: ids.map((id) => {
        const at = this.place(id);
        return at ? value(...at) : null;
      }),
    };
  }
}

/**
 * `score_<method>` and `rank_<method>`: the object's score in its modality's run of that method, and its rank among
 * that run's objects.
 */
function scoreColumns(workspace: Workspace, method: string, runs: RunRow[], ids: number[]): ExportColumn[] {
  const scores = RunsByObject.load(workspace.paths.scores, runs);
  const ranks = scores.arrays.map((array) => scoreRanks(array.data));
  return [
    scores.column(ids, `score_${method}`, 'number', (run, row) => scores.arrays[run].data[row]),
    scores.column(ids, `rank_${method}`, 'integer', (run, row) =>
      Number.isNaN(ranks[run][row]) ? null : ranks[run][row],
    ),
  ];
}

/**
 * `rank_seed_min` and `rank_seed_max`: the object's best and worst isolation-forest rank across the forests' seeds,
 * saved beside its iforest run (null where that run has none).
 */
function seedSpreadColumns(workspace: Workspace, iforestRuns: RunRow[], ids: number[]): ExportColumn[] {
  const spreads = new RunsByObject(iforestRuns.flatMap((run) => loadSeedSpread(workspace.paths.scores, run.id) ?? []));
  const rank = (value: number) => (Number.isNaN(value) ? null : value);
  return [
    spreads.column(ids, 'rank_seed_min', 'integer', (run, row) => rank(spreads.arrays[run].data[2 * row])),
    spreads.column(ids, 'rank_seed_max', 'integer', (run, row) => rank(spreads.arrays[run].data[2 * row + 1])),
  ];
}

/**
 * `embedding_stability`: how far the augmentations move the object in the newest embedding of its modality, over the
 * typical neighbour distance (learned runs only; null for others).
 */
function stabilityColumn(workspace: Workspace, ids: number[]): { column: ExportColumn; runs: RunRow[] } {
  const runs = MODALITIES.flatMap((m) => latestDoneRun(workspace.db, 'embedding', m) ?? []);
  const stable = runs.flatMap((run) => {
    const array = loadStability(workspace.paths.embeddings, run.id);
    return array ? [{ run, array }] : [];
  });
  const byObject = new RunsByObject(stable.map((s) => s.array));
  const column = byObject.column(ids, 'embedding_stability', 'number', (run, row) => byObject.arrays[run].data[row]);
  return { column, runs: stable.map((s) => s.run) };
}

/** The newest done score run of each method per modality, grouped by method (a run with no modality once). */
function scoreRunsByMethod(workspace: Workspace): Map<string, RunRow[]> {
  const byMethod = new Map<string, RunRow[]>();
  const seen = new Set<string>();
  for (const run of MODALITIES.flatMap((m) => latestDoneRunPerMethod(workspace.db, 'score', m))) {
    if (seen.has(run.id)) continue;
    seen.add(run.id);
    byMethod.set(run.method, [...(byMethod.get(run.method) ?? []), run]);
  }
  return byMethod;
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
  // Images and spectra have runs of their own: each object's values come from its modality's runs.
  const scoreRuns = scoreRunsByMethod(workspace);
  const scorerRanks: ExportColumn['values'][] = [];
  for (const [method, runs] of scoreRuns) {
    const [score, rank] = scoreColumns(workspace, method, runs, ids);
    columns.push(score, rank);
    if (isIntervalScorer(method)) scorerRanks.push(rank.values);
  }
  // Always written, null where no scorer ranked the object, so every export has the same columns.
  const { best, worst } = rankInterval(scorerRanks, ids.length);
  columns.push(
    { name: 'rank_min', kind: 'integer', values: best },
    { name: 'rank_max', kind: 'integer', values: worst },
    ...seedSpreadColumns(workspace, scoreRuns.get('iforest') ?? [], ids),
  );
  // Each object's position on its own modality's map (the app draws those maps side by side).
  const mapRuns = newestRunPerModality(workspace.db, 'map');
  if (mapRuns.length > 0) {
    const maps = RunsByObject.load(workspace.paths.maps, mapRuns);
    columns.push(maps.column(ids, 'map_x', 'number', (run, row) => maps.arrays[run].data[2 * row]));
    columns.push(maps.column(ids, 'map_y', 'number', (run, row) => maps.arrays[run].data[2 * row + 1]));
  }
  const stability = stabilityColumn(workspace, ids);
  columns.push(stability.column);
  columns.push(...metadataColumns(workspace, ids, new Set(columns.map((c) => c.name))));
  return { ids, columns, runs: [...[...scoreRuns.values()].flat(), ...mapRuns, ...stability.runs] };
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
