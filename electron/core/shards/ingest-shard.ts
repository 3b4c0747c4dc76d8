// `serendip ingest WS --plan PLAN --shard i/n|auto`: reads one shard's units of a plan into a
// workspace of its own. The ingest run records the plan's sha256 and the shard, which is how
// publish and merge recognise a shard and whether it finished. Running it again resumes: the
// units already read are skipped (ingest is idempotent), so an array can simply be resubmitted.
import type { Workspace } from '../workspace/workspace.js';
import { listRuns } from '../workspace/repositories/runs-repo.js';
import { ingestUnits, type IngestOptions, type IngestSummary, type IngestUnit } from '../ingest/ingest-files.js';
import { openPlan, PlanError, readShardUnits, shardName, type OpenedPlan, type PlanUnit } from './plan/plan-file.js';
import { resolveShard, type ShardChoice } from './shard-choice.js';
import { planShardOf, type ShardIdentity } from './shard-runs.js';

export function ingestUnitOf(unit: PlanUnit): IngestUnit {
  return {
    path: unit.path,
    explicit: unit.explicit,
    ...(unit.rows ? { rows: unit.rows } : {}),
    naming: {
      kind: 'planned',
      base: unit.name,
      fileNames: unit.file_names ?? false,
      ...(unit.file_rows !== undefined ? { many: unit.file_rows > 1 } : {}),
    },
  };
}

export async function ingestShard(
  workspace: Workspace,
  planDir: string,
  choice: ShardChoice,
  options: IngestOptions = {},
): Promise<IngestSummary & { shard: number; shards: number; shardName: string }> {
  const plan: OpenedPlan = openPlan(planDir);
  const { index, count } = resolveShard(choice, plan.header.shards);
  const held = planShardOf(listRuns(workspace.db));
  if (held && (held.plan !== plan.sha256 || held.shard !== index))
    throw new PlanError(
      `${workspace.paths.root} holds shard ${held.shard} of plan ${held.plan.slice(0, 12)}, not shard ${index} ` +
        `of plan ${plan.sha256.slice(0, 12)}: give each shard a workspace of its own`,
    );
  const units = readShardUnits(plan, index);
  const problems = index === 0 ? plan.header.problems : [];
  const identity: ShardIdentity = { plan: plan.sha256, shard: index, shards: count };
  const summary = await ingestUnits(
    workspace,
    units.map(ingestUnitOf),
    { method: 'plan', params: { ...identity, plan_dir: plan.dir, units: units.length } },
    options,
    problems,
  );
  return { ...summary, shard: index, shards: count, shardName: shardName(index, count) };
}
