// A workspace taking part in a merge (a shard, or the existing target), opened read-only and
// described: never through Workspace.open, which would migrate it, make folders and mark runs.
// Everything the checks need is read here, once; rows are streamed later by merge-rows.ts.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { openDatabase, type Db } from '../../workspace/database.js';
import { schemaVersion } from '../../workspace/migrations/index.js';
import { runParams, type RunRow } from '../../workspace/repositories/runs-repo.js';
import { planShardOf, type ShardIdentity } from '../shard-runs.js';
import type { MergedShardRow, ShardGeometry } from '../../workspace/repositories/merged-shards-repo.js';
import { DATABASE_FILE } from '../../workspace/workspace.js';
import { storeLayout } from './shard-links.js';

/** A refusal to merge: a one-line reason, given before anything is written. */
export class MergeRefusal extends Error {
  override name = 'MergeRefusal';
}

export interface MergeInput {
  /** How messages name it: the path as given. */
  label: string;
  /** Its absolute real path. */
  root: string;
  db: Db;
  schemaVersion: number;
}

export interface InputContents {
  objects: number;
  maxObjectId: number;
  /** Every run, oldest first. */
  runs: RunRow[];
  /** The plan shard its objects were ingested as, from its newest plan ingest run. */
  plan: ShardIdentity | null;
  geometry: ShardGeometry;
  /** Shards merged into it before (schema version 5 on). */
  mergedShards: MergedShardRow[];
}

export function realRoot(path: string): string {
  const absolute = resolve(path);
  return existsSync(absolute) ? realpathSync(absolute) : absolute;
}

/** Opens a workspace read-only; refuses a folder that is not one. */
export function openMergeInput(path: string, label = path): MergeInput {
  const root = realRoot(path);
  if (!existsSync(root)) throw new MergeRefusal(`${label} does not exist`);
  if (!statSync(root).isDirectory() || !existsSync(join(root, DATABASE_FILE)))
    throw new MergeRefusal(`${label} is not a Serendip workspace (no ${DATABASE_FILE})`);
  const db = openDatabase(join(root, DATABASE_FILE), { readonly: true });
  return { label, root, db, schemaVersion: schemaVersion(db) };
}

/** A path as the workspace recorded it, made absolute (relative paths are inside the workspace). */
export function absoluteStoredPath(input: { root: string }, stored: string): string {
  return isAbsolute(stored) ? stored : join(input.root, stored);
}

/** "inputSize 64, crop 1" of every finished ingest run, sorted and distinct. */
export function describeReadOptions(runs: RunRow[]): string[] {
  const seen = new Set<string>();
  for (const run of runs) {
    if (run.kind !== 'ingest' || run.status !== 'done') continue;
    const p = runParams(run);
    if (p.inputSize === undefined && p.crop === undefined) continue;
    seen.add(`inputSize ${String(p.inputSize)}, crop ${String(p.crop)}`);
  }
  return [...seen].sort();
}

function layoutsOf(db: Db): Record<string, string[]> {
  const rows = db
    .prepare('SELECT DISTINCT modality, input_store AS store FROM objects WHERE input_store IS NOT NULL')
    .all() as { modality: string; store: string }[];
  const layouts: Record<string, Set<string>> = {};
  for (const r of rows) (layouts[r.modality] ??= new Set()).add(storeLayout(r.store));
  return Object.fromEntries(Object.entries(layouts).map(([m, s]) => [m, [...s].sort()]));
}

/** What the checks need; call once the schema version is known to be current. */
export function readContents(input: MergeInput): InputContents {
  const { db } = input;
  const counts = db.prepare('SELECT count(*) AS n, coalesce(max(id), 0) AS top FROM objects').get() as {
    n: number;
    top: number;
  };
  const runs = db.prepare('SELECT * FROM runs ORDER BY created, id').all() as RunRow[];
  const mergedShards = db.prepare('SELECT * FROM merged_shards ORDER BY id').all() as MergedShardRow[];
  return {
    objects: counts.n,
    maxObjectId: counts.top,
    runs,
    plan: planShardOf(runs),
    geometry: { layouts: layoutsOf(db), readOptions: describeReadOptions(runs) },
    mergedShards,
  };
}

export function closeInputs(inputs: readonly (MergeInput | null)[]): void {
  for (const input of inputs) if (input?.db.open) input.db.close();
}
