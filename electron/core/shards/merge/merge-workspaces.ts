// `serendip merge OUT SHARD…`: shard workspaces (from one plan, or any) combined into one, or added
// to an earlier merge. Checked whole first (merge-plan.ts), then written under the target's write lock,
// taken before anything is written and checked against what was planned: files before rows, as every
// run is written: the shards' links, the merged run arrays (to temporary files, published only when all
// are written), then every row, committed in that one transaction. A merge killed at any point leaves
// the target as it was, or with array files that name no committed row (a new run's files that no run
// row lists, or an extended run's extra rows past the target's objects, which the next merge leaves out).
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { Progress } from '../../api/contract.js';
import { Workspace } from '../../workspace/workspace.js';
import { insertMergedShard } from '../../workspace/repositories/merged-shards-repo.js';
import { insertDoneRun, replaceDoneRunParams, runParams, type RunRow } from '../../workspace/repositories/runs-repo.js';
import { nowIso } from '../../util/time.js';
import { MergeRefusal } from './merge-input.js';
import type { ShardIdentity } from '../shard-runs.js';
import { writeMergedRunArray, type PendingRunArray } from './merge-arrays.js';
import { mergedRunParams, planMerge, targetFingerprint, type MergePlan, type MergedRunPlan } from './merge-plan.js';
import { copyShardRows, emptyCounts, type CopyCounts } from './merge-rows.js';
import { linkShardFolders } from './shard-links.js';

export interface MergeOptions {
  /** Check and plan only; write nothing. */
  dryRun?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface MergeResult {
  target: string;
  created: boolean;
  dryRun: boolean;
  shards: { path: string; key: string; objects: number; idOffset: number; plan: ShardIdentity | null }[];
  counts: CopyCounts;
  runs: { id: string; title: string; rows: number; extended: boolean; dropped: number }[];
  notCarried: { workspace: string; run: string; kind: string; method: string; reason: string }[];
  /** The target's runs that cover only its earlier objects now. */
  partialRuns: { id: string; kind: string; method: string }[];
}

function describe(
  plan: MergePlan,
  counts: CopyCounts,
  written: Map<string, PendingRunArray>,
  dryRun: boolean,
): MergeResult {
  const brief = (r: RunRow) => ({ id: r.id, kind: r.kind, method: r.method });
  return {
    target: plan.targetRoot,
    created: !plan.targetExists,
    dryRun,
    shards: plan.shards.map((s) => ({
      path: s.participant.input.root,
      key: s.key,
      objects: s.participant.contents.objects,
      idOffset: s.idOffset,
      plan: s.participant.contents.plan,
    })),
    counts,
    runs: plan.runs.map((r) => ({
      id: r.id,
      title: r.comparable.title,
      rows: written.get(r.id)?.rows ?? 0,
      extended: r.extendsTargetRun,
      dropped: written.get(r.id)?.dropped ?? 0,
    })),
    notCarried: plan.notCarried.map(({ workspace, run, reason }) => ({
      workspace,
      run: run.id,
      kind: run.kind,
      method: run.method,
      reason,
    })),
    partialRuns: plan.partialRuns.map(brief),
  };
}

/** Copies the model file an ONNX run names (models/onnx/<sha256>.onnx and its provenance) when the target lacks it. */
function copyModelFiles(out: Workspace, run: MergedRunPlan, shardRoot: string): void {
  const path = (runParams(run.comparable.run).model as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string' || isAbsolute(path) || path.split('/').includes('..')) return;
  for (const file of [path, path.replace(/\.onnx$/, '.json')]) {
    const from = join(shardRoot, file);
    const to = join(out.paths.root, file);
    if (!existsSync(from) || existsSync(to)) continue;
    mkdirSync(dirname(to), { recursive: true });
    const temporary = `${to}.${process.pid}.tmp`;
    copyFileSync(from, temporary);
    renameSync(temporary, to);
  }
}

/** Caches made from a run's old rows (its vector index and kNN graphs): stale once its rows grow. */
function dropDerivedFiles(folder: string, runId: string): void {
  for (const name of readdirSync(folder)) {
    if (!name.startsWith(`${runId}.`) || name === `${runId}.npy` || name === `${runId}.ids.npy`) continue;
    rmSync(join(folder, name), { force: true, recursive: true });
  }
}

function writeArrays(out: Workspace, plan: MergePlan, options: MergeOptions): Map<string, PendingRunArray> {
  const pending = new Map<string, PendingRunArray>();
  try {
    plan.runs.forEach((run, i) => {
      options.onProgress?.({
        stage: 'merge run arrays',
        done: i,
        total: plan.runs.length,
        detail: run.comparable.title,
      });
      pending.set(run.id, writeMergedRunArray(out.paths[run.folder], run.id, run.parts, { signal: options.signal }));
    });
    if (plan.runs.length)
      options.onProgress?.({ stage: 'merge run arrays', done: plan.runs.length, total: plan.runs.length });
  } catch (err) {
    for (const p of pending.values()) p.discard();
    throw err;
  }
  for (const run of plan.runs) if (run.extendsTargetRun) dropDerivedFiles(out.paths[run.folder], run.id);
  for (const p of pending.values()) p.publish();
  return pending;
}

/** Every row, inside the caller's transaction. */
function copyRows(out: Workspace, plan: MergePlan, written: Map<string, PendingRunArray>, options: MergeOptions) {
  const counts = emptyCounts();
  const mergedAt = nowIso();
  plan.shards.forEach((shard, i) => {
    options.onProgress?.({
      stage: 'copy rows',
      done: i,
      total: plan.shards.length,
      detail: shard.participant.input.label,
    });
    copyShardRows(out, { input: shard.participant.input, key: shard.key, idOffset: shard.idOffset }, counts);
    const { contents, input } = shard.participant;
    insertMergedShard(out.db, {
      key: shard.key,
      path: input.root,
      plan: contents.plan?.plan ?? null,
      shard: contents.plan?.shard ?? null,
      shards: contents.plan?.shards ?? null,
      objects: contents.objects,
      id_offset: shard.idOffset,
      geometry: JSON.stringify(contents.geometry),
      merged_at: mergedAt,
    });
  });
  const idOfKey = new Map(plan.runs.map((r) => [r.comparable.key, r.id]));
  for (const run of plan.runs) {
    const parentId = run.comparable.parentKey ? (idOfKey.get(run.comparable.parentKey) ?? null) : null;
    const params = mergedRunParams(run, parentId, written.get(run.id)!.rows);
    if (run.extendsTargetRun) replaceDoneRunParams(out.db, run.id, params);
    else {
      const { kind, method, modality } = run.comparable.run;
      insertDoneRun(out.db, { id: run.id, kind, method, modality, params, parentRun: parentId });
    }
  }
  options.onProgress?.({ stage: 'copy rows', done: plan.shards.length, total: plan.shards.length });
  return counts;
}

/** Synchronous throughout: killed at any point, the target is left consistent (see the top of this file). */
export function mergeWorkspaces(
  targetDir: string,
  shardDirs: readonly string[],
  options: MergeOptions = {},
): MergeResult {
  if (shardDirs.length === 0) throw new MergeRefusal('name at least one shard workspace to merge');
  const plan = planMerge(targetDir, shardDirs, options.onProgress);
  try {
    if (options.dryRun) return describe(plan, emptyCounts(), new Map(), true);
    options.signal?.throwIfAborted();
    const out = Workspace.open(plan.targetRoot, { create: true });
    try {
      // Nothing else writes the target from here to the commit; what was checked still holds.
      out.db.exec('BEGIN IMMEDIATE');
      try {
        if (targetFingerprint(out.db) !== plan.targetFingerprint)
          throw new MergeRefusal('the target changed since the merge was checked: run the merge again');
        for (const shard of plan.shards) linkShardFolders(out.paths, shard.key, shard.participant.input.root);
        for (const run of plan.runs) {
          const source = run.parts.find((p) => !p.earlier);
          if (!run.extendsTargetRun && source) copyModelFiles(out, run, dirname(source.folder));
        }
        const written = writeArrays(out, plan, options);
        const counts = copyRows(out, plan, written, options);
        out.db.exec('COMMIT');
        return describe(plan, counts, written, false);
      } catch (err) {
        if (out.db.inTransaction) out.db.exec('ROLLBACK');
        throw err;
      }
    } finally {
      out.close();
    }
  } finally {
    plan.close();
  }
}
