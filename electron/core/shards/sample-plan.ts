// `serendip sample PLAN WS --objects N --seed S`: a seeded uniform sample of the objects of a
// whole plan, across all its shards, ingested into a workspace of its own before any shard
// runs. Models are fitted on it once (PCA, the features' scaling, a learned encoder, the
// isolation forest, the reference map) and applied in every shard, so that every shard's
// vectors are comparable. Sampled objects keep the names the plan gave them.
import type { Workspace } from '../workspace/workspace.js';
import { SeededRandom } from '../discovery/seeded-random.js';
import { ingestUnits, type IngestOptions, type IngestSummary, type IngestUnit } from '../ingest/ingest-files.js';
import { openPlan, readShardUnits, type PlanUnit } from './plan/plan-file.js';
import { ingestUnitOf } from './ingest-shard.js';

/** `count` distinct integers of [0, total), sorted (Floyd's algorithm: memory by the sample, not the total). */
export function sampleIndices(total: number, count: number, seed: number): number[] {
  const random = new SeededRandom(seed);
  const chosen = new Set<number>();
  for (let j = total - Math.min(count, total); j < total; j++) {
    const t = random.nextInt(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  return [...chosen].sort((a, b) => a - b);
}

/** The units that read exactly the chosen objects: single-object files whole, collections by runs of rows. */
export function unitsForSample(units: PlanUnit[], chosen: number[]): IngestUnit[] {
  const picked: IngestUnit[] = [];
  let next = 0;
  let first = 0;
  for (const unit of units) {
    const end = first + unit.objects;
    const rows: number[] = [];
    for (; next < chosen.length && chosen[next] < end; next++) rows.push(chosen[next] - first);
    first = end;
    if (rows.length === 0) continue;
    if (unit.file_rows === undefined) {
      picked.push(ingestUnitOf(unit));
      continue;
    }
    const start = unit.rows?.[0] ?? 0;
    for (let i = 0; i < rows.length;) {
      let j = i + 1;
      while (j < rows.length && rows[j] === rows[j - 1] + 1) j++;
      picked.push(ingestUnitOf({ ...unit, rows: [start + rows[i], start + rows[j - 1] + 1], objects: j - i }));
      i = j;
    }
  }
  return picked;
}

export async function ingestSample(
  workspace: Workspace,
  planDir: string,
  sample: { objects: number; seed: number },
  options: IngestOptions = {},
): Promise<IngestSummary & { sampled: number; planned: number }> {
  const plan = openPlan(planDir);
  const units = plan.header.shard_files.flatMap((_, i) => readShardUnits(plan, i));
  const total = units.reduce((sum, u) => sum + u.objects, 0);
  const chosen = sampleIndices(total, sample.objects, sample.seed);
  const summary = await ingestUnits(
    workspace,
    unitsForSample(units, chosen),
    { method: 'sample', params: { plan: plan.sha256, plan_dir: plan.dir, objects: chosen.length, seed: sample.seed } },
    options,
  );
  return { ...summary, sampled: chosen.length, planned: total };
}
