// What a shard's runs say about it, read the same way by publish, ingest and merge: which
// plan shard it holds, and whether anything in it is unfinished (a run still marked running,
// or an ingest that did not end). Works on plain run rows, so merge can ask it of a shard it
// reads without opening it as a workspace.
import { runParams, type RunRow } from '../workspace/repositories/runs-repo.js';
import { ownerStopped } from '../workspace/repositories/run-owner.js';

/** Which shard of which plan a workspace holds (the plan's sha256), as a plan ingest run records it. */
export interface ShardIdentity {
  plan: string;
  shard: number;
  shards: number;
}

/** The shard recorded by the newest plan ingest (any status), or null for a workspace built otherwise. */
export function planShardOf(runs: readonly RunRow[]): ShardIdentity | null {
  const run = runs.filter((r) => r.kind === 'ingest' && r.method === 'plan').at(-1);
  if (!run) return null;
  const p = runParams(run);
  if (typeof p.plan !== 'string' || typeof p.shard !== 'number' || typeof p.shards !== 'number') return null;
  return { plan: p.plan, shard: p.shard, shards: p.shards };
}

export type UnfinishedWork =
  /** A run still marked running; `stopped` when its owner's process is known to have ended. */
  | { kind: 'running'; run: RunRow; stopped: boolean; why: string }
  /** The newest ingest (or plan ingest) did not end done. */
  | { kind: 'ingest'; run: RunRow; why: string };

function whyUnfinished(run: RunRow): string {
  if (run.status === 'cancelled') return `was cancelled${run.message ? ` (${run.message})` : ''}`;
  if (run.message?.startsWith('interrupted')) return `was interrupted (${run.message})`;
  return `failed${run.message ? ` (${run.message})` : ''}`;
}

/** Why a shard cannot be published or merged yet, or null. `runs` oldest first, as listRuns gives them. */
export function unfinishedWork(runs: readonly RunRow[]): UnfinishedWork | null {
  const running = runs.find((r) => r.status === 'running');
  if (running) {
    const stopped = ownerStopped(running.owner);
    const by = stopped
      ? `, but its process (${running.owner}) has stopped`
      : running.owner
        ? ` by ${running.owner}`
        : '';
    return {
      kind: 'running',
      run: running,
      stopped,
      why: `its ${running.kind} run ${running.id} is still marked running${by}`,
    };
  }
  const ingest = runs.filter((r) => r.kind === 'ingest').at(-1);
  const plan = runs.filter((r) => r.kind === 'ingest' && r.method === 'plan').at(-1);
  for (const run of [plan, ingest]) {
    if (run && run.status !== 'done')
      return { kind: 'ingest', run, why: `its ${run.method} ingest run ${run.id} ${whyUnfinished(run)}` };
  }
  return null;
}
