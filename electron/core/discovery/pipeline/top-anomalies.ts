// `top`: the static anomaly ranking, from the newest score run (or one named).
import type { Workspace } from '../../workspace/workspace.js';
import { getRun, latestDoneRun } from '../../workspace/repositories/runs-repo.js';
import { loadRunArray } from '../run-arrays.js';
import { selectKth } from '../../util/order-statistics.js';

export function loadScores(
  workspace: Workspace,
  scoreRun?: string,
): { runId: string; method: string; ids: Float64Array; scores: Float32Array } {
  const run = scoreRun ? getRun(workspace.db, scoreRun) : latestDoneRun(workspace.db, 'score');
  if (!run)
    throw new Error(scoreRun ? `no run ${scoreRun}` : 'no anomaly scores yet: run `serendip rank <workspace>` first');
  const array = loadRunArray(workspace.paths.scores, run.id);
  return { runId: run.id, method: run.method, ids: array.ids, scores: array.data };
}

/**
 * The `n` highest finite scores, highest first, ties by id: a quickselect for the cut, then a sort of the few above it
 * (1M scores: no full sort).
 */
export function topAnomalies(workspace: Workspace, n = 20, scoreRun?: string): { id: number; score: number }[] {
  const { ids, scores } = loadScores(workspace, scoreRun);
  const finite = new Float64Array(scores.length);
  let m = 0;
  for (const score of scores) if (Number.isFinite(score)) finite[m++] = score;
  const cut = n < m ? selectKth(finite, m - n, m) : -Infinity;
  const order: number[] = [];
  for (let i = 0; i < scores.length; i++) if (Number.isFinite(scores[i]) && scores[i] >= cut) order.push(i);
  order.sort((a, b) => scores[b] - scores[a] || ids[a] - ids[b]);
  return order.slice(0, n).map((i) => ({ id: ids[i], score: scores[i] }));
}
