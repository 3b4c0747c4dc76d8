// Runs: every embedding, scoring, map or ingest pass, with its parameters, so results
// can be traced and reproduced. Ids are sortable: kind, UTC time and a short random tail.
import { randomBytes } from 'node:crypto';
import type { Db } from '../database.js';
import { nowIso } from '../../util/time.js';
import { currentRunOwner } from './run-owner.js';

export type RunKind = 'ingest' | 'embedding' | 'score' | 'map';
export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface RunRow {
  id: string;
  kind: RunKind;
  method: string;
  modality: string | null;
  params: string;
  status: RunStatus;
  message: string | null;
  parent_run: string | null;
  created: string;
  finished: string | null;
  /** "<host> <pid>" of the process that started (or resumed) it; see run-owner.ts. */
  owner: string | null;
}

export function newRunId(kind: RunKind, method: string): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${kind}-${method}-${stamp}-${randomBytes(3).toString('hex')}`;
}

export function startRun(
  db: Db,
  run: { kind: RunKind; method: string; modality?: string | null; params?: unknown; parentRun?: string | null },
): string {
  const id = newRunId(run.kind, run.method);
  db.prepare(
    'INSERT INTO runs (id, kind, method, modality, params, status, parent_run, created, owner) ' +
      "VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?)",
  ).run(
    id,
    run.kind,
    run.method,
    run.modality ?? null,
    JSON.stringify(run.params ?? {}),
    run.parentRun ?? null,
    nowIso(),
    currentRunOwner(),
  );
  return id;
}

export function finishRun(
  db: Db,
  id: string,
  status: Exclude<RunStatus, 'running'>,
  message?: string,
  params?: unknown,
): void {
  db.prepare(`UPDATE runs SET status = ?, message = ?, finished = ?, params = coalesce(?, params) WHERE id = ?`).run(
    status,
    message ?? null,
    nowIso(),
    params === undefined ? null : JSON.stringify(params),
    id,
  );
}

/** Replaces a running run's parameters (a choice made once work began, e.g. the training sample). */
export function updateRunParams(db: Db, id: string, params: unknown): void {
  db.prepare(`UPDATE runs SET params = ? WHERE id = ? AND status = 'running'`).run(JSON.stringify(params), id);
}

/** Marks an unfinished run (killed, cancelled or failed) as running again, to resume it. */
export function reopenRun(db: Db, id: string): void {
  const changed = db
    .prepare(
      "UPDATE runs SET status = 'running', message = NULL, finished = NULL, owner = ? " +
        "WHERE id = ? AND status != 'done'",
    )
    .run(currentRunOwner(), id).changes;
  if (changed !== 1) throw new Error(`run ${id} does not exist or has already finished`);
}

export function listRuns(db: Db, kind?: RunKind): RunRow[] {
  return (
    kind
      ? db.prepare('SELECT * FROM runs WHERE kind = ? ORDER BY created, id').all(kind)
      : db.prepare('SELECT * FROM runs ORDER BY created, id').all()
  ) as RunRow[];
}

/** A run's parameters (an unreadable JSON text reads as none). */
export function runParams(run: RunRow): Record<string, unknown> {
  try {
    const value = JSON.parse(run.params) as unknown;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function getRun(db: Db, id: string): RunRow | undefined {
  return db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
}

/** The newest finished run of a kind (optionally of one modality): what "the current embedding" means. */
export function latestDoneRun(db: Db, kind: RunKind, modality?: string): RunRow | undefined {
  return (
    modality
      ? db
          .prepare(
            "SELECT * FROM runs WHERE kind = ? AND modality = ? AND status = 'done' " +
              'ORDER BY created DESC, id DESC LIMIT 1',
          )
          .get(kind, modality)
      : db
          .prepare(`SELECT * FROM runs WHERE kind = ? AND status = 'done' ORDER BY created DESC, id DESC LIMIT 1`)
          .get(kind)
  ) as RunRow | undefined;
}

/** The newest finished run of each method of a kind (of one modality, when asked), in the order methods first ran. */
export function latestDoneRunPerMethod(db: Db, kind: RunKind, modality?: string): RunRow[] {
  const newest = new Map<string, RunRow>();
  // A run with no modality (recorded before runs had one) counts for any.
  const covers = (run: RunRow) => modality === undefined || run.modality === null || run.modality === modality;
  for (const run of listRuns(db, kind)) if (run.status === 'done' && covers(run)) newest.set(run.method, run);
  return [...newest.values()];
}

/** Records a run that finished elsewhere (a merged shard's), under an id the caller chose (see newRunId). */
export function insertDoneRun(
  db: Db,
  run: {
    id: string;
    kind: RunKind;
    method: string;
    modality: string | null;
    params: unknown;
    parentRun: string | null;
  },
): void {
  const at = nowIso();
  db.prepare(
    'INSERT INTO runs (id, kind, method, modality, params, status, parent_run, created, finished, owner) ' +
      "VALUES (?, ?, ?, ?, ?, 'done', ?, ?, ?, ?)",
  ).run(
    run.id,
    run.kind,
    run.method,
    run.modality,
    JSON.stringify(run.params),
    run.parentRun,
    at,
    at,
    currentRunOwner(),
  );
}

/** Replaces a finished run's parameters when its rows grew (a merged run that more shards joined). */
export function replaceDoneRunParams(db: Db, id: string, params: unknown): void {
  db.prepare(`UPDATE runs SET params = ?, finished = ? WHERE id = ? AND status = 'done'`).run(
    JSON.stringify(params),
    nowIso(),
    id,
  );
}
