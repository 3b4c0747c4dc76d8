// Everything a merge will do, decided and checked before anything is written: the workspaces are
// opened read-only, every refusal of merge-checks.ts and merge-names.ts is made, and the plan says
// each shard's link key and id offset, and each merged run's id and the array parts it is made of.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Progress } from '../../api/contract.js';
import type { Db } from '../../workspace/database.js';
import { newRunId, runParams, type RunRow } from '../../workspace/repositories/runs-repo.js';
import { DATABASE_FILE, storedPathIn, type WorkspacePaths } from '../../workspace/workspace.js';
import { sortShardRuns, type ComparableRun, type ShardRuns } from './comparable-runs.js';
import {
  checkComparableRuns,
  checkDistinct,
  checkFinished,
  checkGeometry,
  checkNotMergedBefore,
  checkSchemaVersions,
  type Participant,
} from './merge-checks.js';
import {
  MergeRefusal,
  absoluteStoredPath,
  closeInputs,
  openMergeInput,
  readContents,
  realRoot,
  type MergeInput,
} from './merge-input.js';
import { checkNamesAndItems } from './merge-names.js';
import { partShape, type ArrayPart } from './merge-arrays.js';
import { shardKey } from './shard-links.js';

export type RunArrayFolder = keyof WorkspacePaths & ('embeddings' | 'scores' | 'maps');

/** The folder of each kind of run that has arrays. */
export const RUN_ARRAY_FOLDERS: Readonly<Record<string, RunArrayFolder>> = {
  embedding: 'embeddings',
  score: 'scores',
  map: 'maps',
};

export interface ShardPlan {
  participant: Participant;
  key: string;
  idOffset: number;
}

export interface MergedRunPlan {
  /** The target's run when it has this key already (its rows come first), else a new id. */
  id: string;
  extendsTargetRun: boolean;
  comparable: ComparableRun;
  folder: RunArrayFolder;
  /** The array parts in order: the target's own rows, then each shard's. */
  parts: ArrayPart[];
}

export interface NotCarriedRun {
  workspace: string;
  run: RunRow;
  reason: string;
}

export interface MergePlan {
  targetRoot: string;
  targetExists: boolean;
  /** The target as a participant, when it holds objects already. */
  target: Participant | null;
  /** Objects of the target keep their ids; the first shard's start after this one. */
  baseId: number;
  shards: ShardPlan[];
  /** Parents before children. */
  runs: MergedRunPlan[];
  notCarried: NotCarriedRun[];
  /** The target's own runs that no shard extends: they cover only its earlier objects. */
  partialRuns: RunRow[];
  /** What the target held when checked (see targetFingerprint). */
  targetFingerprint: string;
  /** Closes the read-only connections. */
  close(): void;
}

/** Changes when anything the checks read of the target changes: objects, runs, labels or merged shards. */
export function targetFingerprint(db: Db): string {
  return JSON.stringify(
    db
      .prepare(
        `SELECT (SELECT coalesce(max(id), 0) FROM objects) AS objects, (SELECT count(*) FROM runs) AS runs,
           (SELECT coalesce(max(created), '') FROM runs) AS created,
           (SELECT count(*) FROM runs WHERE status = 'running') AS running,
           (SELECT coalesce(max(id), 0) FROM label_events) AS events,
           (SELECT count(*) FROM merged_shards) AS shards`,
      )
      .get(),
  );
}

const EMPTY_TARGET_FINGERPRINT = JSON.stringify({ objects: 0, runs: 0, created: '', running: 0, events: 0, shards: 0 });

function folderOf(run: RunRow): RunArrayFolder | null {
  return RUN_ARRAY_FOLDERS[run.kind] ?? null;
}

/** Only runs with arrays are carried; a comparable run of another kind is reported as not carried. */
function withArrays(runs: ShardRuns): ShardRuns {
  const byKey = new Map([...runs.byKey].filter(([, r]) => folderOf(r.run) !== null));
  const dropped = [...runs.byKey.values()].filter((r) => folderOf(r.run) === null);
  const notCarried = [...runs.notCarried, ...dropped.map((r) => ({ run: r.run, reason: 'it has no arrays' }))];
  return { byKey, notCarried };
}

function participantOf(input: MergeInput): Participant {
  const contents = readContents(input);
  return { input, contents, runs: withArrays(sortShardRuns(contents.runs)) };
}

/** The target's geometry includes its merged shards' ingest options, as their ingest runs stay in the shards. */
function withMergedGeometry(target: Participant): Participant {
  const readOptions = new Set(target.contents.geometry.readOptions);
  for (const shard of target.contents.mergedShards) {
    const geometry = JSON.parse(shard.geometry) as { readOptions?: string[] };
    for (const option of geometry.readOptions ?? []) readOptions.add(option);
  }
  const geometry = { ...target.contents.geometry, readOptions: [...readOptions].sort() };
  return { ...target, contents: { ...target.contents, geometry } };
}

function planRuns(
  target: Participant | null,
  shards: readonly ShardPlan[],
  baseId: number,
  targetPaths: (folder: RunArrayFolder) => string,
): MergedRunPlan[] {
  const reference = target ?? shards.find((s) => s.participant.contents.objects > 0)?.participant;
  if (!reference) return [];
  const plans: MergedRunPlan[] = [];
  for (const [key, comparable] of reference.runs.byKey) {
    const folder = folderOf(comparable.run)!;
    const own = target?.runs.byKey.get(key);
    const parts: ArrayPart[] = own
      ? [
          {
            label: 'the target',
            folder: targetPaths(folder),
            runId: own.run.id,
            idOffset: 0,
            maxId: baseId,
            earlier: true,
          },
        ]
      : [];
    for (const { participant, idOffset } of shards) {
      const run = participant.runs.byKey.get(key);
      if (!run) continue; // a shard without objects has no runs
      const shardFolder = join(participant.input.root, folder);
      const maxId = participant.contents.maxObjectId;
      parts.push({ label: participant.input.label, folder: shardFolder, runId: run.run.id, idOffset, maxId });
    }
    const first = own ?? shards.map((s) => s.participant.runs.byKey.get(key)).find((r) => r !== undefined)!;
    plans.push({
      id: own ? own.run.id : newRunId(first.run.kind, first.run.method),
      extendsTargetRun: own !== undefined,
      comparable: first,
      folder,
      parts,
    });
  }
  for (const plan of plans) for (const part of plan.parts) partShape(part);
  return plans.sort((a, b) => a.comparable.depth - b.comparable.depth);
}

/** Opens, checks and plans; throws MergeRefusal with the reason when the merge must not happen. */
export function planMerge(
  targetDir: string,
  shardDirs: readonly string[],
  onProgress?: (p: Progress) => void,
): MergePlan {
  const targetRoot = resolve(targetDir);
  if (existsSync(targetRoot) && !statSync(targetRoot).isDirectory())
    throw new MergeRefusal(`${targetDir} is a file, not a folder`);
  const opened: (MergeInput | null)[] = [];
  try {
    const targetExists = existsSync(join(targetRoot, DATABASE_FILE));
    const targetInput = targetExists ? openMergeInput(targetRoot, `${targetDir} (the target)`) : null;
    opened.push(targetInput);
    const inputs = shardDirs.map((dir) => {
      const input = openMergeInput(dir);
      opened.push(input);
      return input;
    });
    checkDistinct(inputs, realRoot(targetRoot));
    checkSchemaVersions(inputs, targetInput);

    const targetAll = targetInput ? participantOf(targetInput) : null;
    const participants = inputs.map(participantOf);
    checkNotMergedBefore(participants, targetAll?.contents ?? null);
    const busy = targetAll?.contents.runs.find((r) => r.status === 'running');
    if (busy)
      throw new MergeRefusal(`the target has a ${busy.kind} run in progress (${busy.id}): merge once it has finished`);
    for (const p of participants) checkFinished(p);
    const target = targetAll && targetAll.contents.objects > 0 ? withMergedGeometry(targetAll) : null;
    const all = target ? [target, ...participants] : participants;
    checkGeometry(all);
    checkComparableRuns(all);

    const baseId = targetAll?.contents.maxObjectId ?? 0;
    let next = baseId;
    const shards = participants.map((participant) => {
      const plan = { participant, key: shardKey(participant.input.root), idOffset: next };
      next += participant.contents.maxObjectId;
      return plan;
    });
    const runs = planRuns(target, shards, baseId, (folder) => join(targetRoot, folder));
    const targetPath = (p: Participant, stored: string): string =>
      storedPathIn(targetRoot, absoluteStoredPath(p.input, stored));
    checkNamesAndItems(all, targetPath, (done, total) => onProgress?.({ stage: 'check names', done, total }));

    const notCarried = participants.flatMap((p) =>
      p.runs.notCarried.map((n) => ({ workspace: p.input.label, run: n.run, reason: n.reason })),
    );
    const extended = new Set(runs.filter((r) => r.extendsTargetRun).map((r) => r.id));
    const partialRuns = (target?.contents.runs ?? []).filter(
      (r) => r.kind !== 'ingest' && r.status === 'done' && !extended.has(r.id),
    );
    return {
      targetRoot,
      targetExists,
      target,
      baseId,
      shards,
      runs,
      notCarried,
      partialRuns,
      targetFingerprint: targetInput ? targetFingerprint(targetInput.db) : EMPTY_TARGET_FINGERPRINT,
      close: () => closeInputs(opened),
    };
  } catch (err) {
    closeInputs(opened);
    throw err;
  }
}

/** A merged run's parameters: the first source's, its run references renamed, and where its rows came from. */
export function mergedRunParams(plan: MergedRunPlan, parentId: string | null, rows: number): Record<string, unknown> {
  const params = runParams(plan.comparable.run);
  const source = plan.comparable.run;
  if (parentId && typeof params.embeddingRun === 'string' && params.embeddingRun === source.parent_run)
    params.embeddingRun = parentId;
  const earlier = (params.merge as { sources?: unknown[] } | undefined)?.sources ?? [];
  const added = plan.parts.filter((p) => !p.earlier).map((p) => ({ workspace: dirname(p.folder), run: p.runId }));
  return { ...params, merge: { rows, sources: [...earlier, ...added] } };
}
