// Which shard of a plan this task ingests: `i/n` given by hand, or `auto` from the job array
// that started the task. Slurm numbers array tasks from --array's first index
// (SLURM_ARRAY_TASK_MIN), so the shard is the task id less that; Kubernetes' Indexed Jobs
// number pods from 0 in JOB_COMPLETION_INDEX. The count must be the plan's, so that a job
// submitted with the wrong --array fails at once instead of skipping or repeating work.
import { PlanError } from './plan/plan-file.js';

export type ShardChoice = { kind: 'auto' } | { kind: 'given'; index: number; count: number };

export interface ResolvedShard {
  index: number;
  count: number;
  /** Where the index came from, for messages. */
  from: string;
}

export function parseShardChoice(text: string): ShardChoice {
  if (text === 'auto') return { kind: 'auto' };
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new PlanError(`--shard must be i/n (e.g. 3/16) or auto, got "${text}"`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index >= count) throw new PlanError(`--shard ${text}: the index must be 0 to ${count - 1}`);
  return { kind: 'given', index, count };
}

function integerFrom(env: NodeJS.ProcessEnv, name: string): number | null {
  const text = env[name];
  if (text === undefined || text === '') return null;
  if (!/^\d+$/.test(text)) throw new PlanError(`${name} is "${text}", not a task number`);
  return Number(text);
}

export function resolveShard(choice: ShardChoice, planShards: number, env = process.env): ResolvedShard {
  const check = (resolved: ResolvedShard, count: number | null): ResolvedShard => {
    if (count !== null && count !== planShards)
      throw new PlanError(
        `${resolved.from} says ${count} tasks but the plan has ${planShards} shards: ` +
          `submit the array with --array=0-${planShards - 1}`,
      );
    if (resolved.index >= planShards)
      throw new PlanError(`${resolved.from} gives shard ${resolved.index}; the plan has 0–${planShards - 1}`);
    return resolved;
  };
  if (choice.kind === 'given') return check({ index: choice.index, count: planShards, from: '--shard' }, choice.count);
  const task = integerFrom(env, 'SLURM_ARRAY_TASK_ID');
  if (task !== null) {
    const first = integerFrom(env, 'SLURM_ARRAY_TASK_MIN') ?? 0;
    const count = integerFrom(env, 'SLURM_ARRAY_TASK_COUNT');
    return check({ index: task - first, count: planShards, from: 'the Slurm array' }, count);
  }
  const completion = integerFrom(env, 'JOB_COMPLETION_INDEX');
  if (completion !== null) return check({ index: completion, count: planShards, from: 'the Indexed Job' }, null);
  throw new PlanError(
    '--shard auto needs a job array: SLURM_ARRAY_TASK_ID (sbatch --array) or JOB_COMPLETION_INDEX ' +
      '(a Kubernetes Indexed Job) is not set; give the shard as i/n instead',
  );
}
