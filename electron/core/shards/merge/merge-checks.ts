// Every reason to refuse a merge, checked before anything is written to the target: shards that
// differ in schema or input geometry, comparable runs that differ or are missing, shards still
// running or killed, and shards merged twice. Names and items that collide are checked in
// merge-names.ts (they need a scan of every object). Each refusal says which shard and what to do.
import { LATEST_SCHEMA_VERSION } from '../../workspace/migrations/index.js';
import { unfinishedWork } from '../shard-runs.js';
import type { ShardGeometry } from '../../workspace/repositories/merged-shards-repo.js';
import type { ShardRuns } from './comparable-runs.js';
import { MergeRefusal, type InputContents, type MergeInput } from './merge-input.js';

/** A workspace in the merge: a shard, or the target when it already holds objects. */
export interface Participant {
  input: MergeInput;
  contents: InputContents;
  runs: ShardRuns;
}

/** The same folder twice, or the target among the shards. */
export function checkDistinct(shards: readonly MergeInput[], targetRoot: string): void {
  const seen = new Map<string, MergeInput>();
  for (const shard of shards) {
    if (shard.root === targetRoot) throw new MergeRefusal(`${shard.label} is the target itself: name another folder`);
    const earlier = seen.get(shard.root);
    if (earlier)
      throw new MergeRefusal(`${shard.label} is named twice (as ${earlier.label} too): name each shard once`);
    seen.set(shard.root, shard);
  }
}

/** Every workspace at this Serendip's schema version, so rows copy column for column. */
export function checkSchemaVersions(shards: readonly MergeInput[], target: MergeInput | null): void {
  const all = target ? [target, ...shards] : shards;
  for (const w of all) {
    if (w.schemaVersion > LATEST_SCHEMA_VERSION)
      throw new MergeRefusal(
        `${w.label} has schema version ${w.schemaVersion}, newer than this Serendip's ${LATEST_SCHEMA_VERSION}: ` +
          'update Serendip to merge it',
      );
  }
  const first = all[0];
  const other = all.find((w) => w.schemaVersion !== first.schemaVersion);
  const older = other ? (other.schemaVersion < first.schemaVersion ? other : first) : null;
  if (other && older)
    throw new MergeRefusal(
      `${first.label} has schema version ${first.schemaVersion} and ${other.label} ${other.schemaVersion}: ` +
        `open ${older.label} once with this Serendip (\`serendip status ${older.label}\`) to update it, then merge`,
    );
  if (first && first.schemaVersion !== LATEST_SCHEMA_VERSION)
    throw new MergeRefusal(
      `the workspaces have schema version ${first.schemaVersion} and this Serendip writes ${LATEST_SCHEMA_VERSION}: ` +
        'open each once with `serendip status` to update it, then merge',
    );
}

/** A merged workspace as a shard, a shard already merged into the target, a plan shard named twice. */
export function checkNotMergedBefore(shards: readonly Participant[], target: InputContents | null): void {
  const plans = new Map<string, string>();
  for (const t of target?.mergedShards ?? [])
    if (t.plan !== null && t.shard !== null) plans.set(`${t.plan}#${t.shard}`, `the target (from ${t.path})`);
  for (const { input, contents } of shards) {
    if (contents.mergedShards.length > 0)
      throw new MergeRefusal(
        `${input.label} is itself a merged workspace: merge the shards it was made from ` +
          `(${contents.mergedShards.length}, listed by \`serendip status ${input.label}\`) instead`,
      );
    const before = target?.mergedShards.find((t) => t.path === input.root);
    if (before) throw new MergeRefusal(`${input.label} was already merged into the target on ${before.merged_at}`);
    const plan = contents.plan;
    if (!plan) continue;
    const id = `${plan.plan}#${plan.shard}`;
    const earlier = plans.get(id);
    if (earlier)
      throw new MergeRefusal(
        `${input.label} is shard ${plan.shard} of plan ${plan.plan.slice(0, 12)}, and so is ${earlier}: ` +
          'merge each shard of a plan once',
      );
    plans.set(id, input.label);
  }
}

/** A shard with a run still running (or killed and never swept), or whose ingest did not finish. */
export function checkFinished({ input, contents }: Participant): void {
  const unfinished = unfinishedWork(contents.runs);
  if (!unfinished) return;
  if (unfinished.kind === 'ingest')
    throw new MergeRefusal(
      `${input.label} did not finish ingesting: ${unfinished.why}; run that ingest again to finish it, then merge`,
    );
  throw new MergeRefusal(
    unfinished.stopped
      ? `${input.label} was interrupted: ${unfinished.why}; ` + 'finish that step again in the shard, then merge'
      : `${input.label} is still running: ${unfinished.why}; ` +
          'merge it once it has finished (or, if it was killed on another machine, finish that step again there)',
  );
}

function describeGeometry(geometry: ShardGeometry): string {
  const layouts = Object.entries(geometry.layouts)
    .map(([modality, stores]) => `${modality} inputs ${stores.join(' + ')}`)
    .join('; ');
  return `${layouts || 'no model inputs'}${geometry.readOptions.length ? `; ${geometry.readOptions.join(' + ')}` : ''}`;
}

function sameList(a: readonly string[] = [], b: readonly string[] = []): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** One input geometry everywhere: each modality's store layouts, and the ingest input size and crop. */
export function checkGeometry(participants: readonly Participant[]): void {
  const entries: [string, ShardGeometry][] = participants
    .filter((p) => p.contents.objects > 0)
    .map((p) => [p.input.label, p.contents.geometry]);
  const [reference, ...others] = entries;
  if (!reference) return;
  const [firstLabel, first] = reference;
  for (const [label, geometry] of others) {
    const modalities = new Set([...Object.keys(first.layouts), ...Object.keys(geometry.layouts)]);
    const layoutsDiffer = [...modalities].some(
      (m) => first.layouts[m] && geometry.layouts[m] && !sameList(first.layouts[m], geometry.layouts[m]),
    );
    const optionsDiffer =
      first.readOptions.length > 0 &&
      geometry.readOptions.length > 0 &&
      !sameList(first.readOptions, geometry.readOptions);
    if (layoutsDiffer || optionsDiffer)
      throw new MergeRefusal(
        `${label} was ingested with another input geometry than ${firstLabel} ` +
          `(${describeGeometry(geometry)}, against ${describeGeometry(first)}): ingest every shard with the same ` +
          '--input-size and --crop',
      );
  }
}

/** The same comparable runs, by merge key, in every workspace that has objects. */
export function checkComparableRuns(participants: readonly Participant[]): void {
  const withObjects = participants.filter((p) => p.contents.objects > 0);
  const reference = withObjects[0];
  if (!reference) return;
  for (const other of withObjects.slice(1)) {
    for (const [a, b] of [
      [reference, other],
      [other, reference],
    ]) {
      for (const [key, run] of a.runs.byKey) {
        if (b.runs.byKey.has(key)) continue;
        const differing = [...b.runs.byKey.values()].find((r) => r.family === run.family);
        if (differing)
          throw new MergeRefusal(
            `the models differ between ${a.input.label} (run ${run.run.id}: ${run.title}) and ${b.input.label} ` +
              `(run ${differing.run.id}: ${differing.title}): make both with the same model file`,
          );
        throw new MergeRefusal(
          `${b.input.label} lacks the ${run.title} that ${a.input.label} has (run ${run.run.id}): make it in ` +
            `${b.input.label} with the same model file, then merge`,
        );
      }
    }
  }
}
