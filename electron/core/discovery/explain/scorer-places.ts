// Where each anomaly scorer puts one object: its score and 1-based rank in the newest score
// run of every method of its modality (iforest, LOF, kNN, ensemble, reconstruction, imported),
// by the one rank definition the inspector and export show (util/score-numbers.ts), and
// whether that run puts it in its top TOP_FRACTION. The same cut names the objects that are
// not "typical" when its neighbours are chosen.
import type { Workspace } from '../../workspace/workspace.js';
import { latestDoneRunPerMethod, type RunRow } from '../../workspace/repositories/runs-repo.js';
import { loadRunArray, type RunArray } from '../run-arrays.js';
import { scoreRank, scoreRanks } from '../../util/score-numbers.js';

/** "Top" means the highest-ranked 5% of a run's scored objects. */
export const TOP_FRACTION = 0.05;

export interface ScorerPlace {
  runId: string;
  method: string;
  score: number;
  /** 1 = the most anomalous; `of` objects have a score in the run. */
  rank: number;
  of: number;
  /** rank ≤ topCut(of): the run puts the object in its top 5%. */
  top: boolean;
}

/** The worst rank still in the top TOP_FRACTION of `of` scored objects (at least 1). */
export function topCut(of: number): number {
  return Math.max(1, Math.ceil(TOP_FRACTION * of));
}

/** The newest score run of each method covering `modality`, the most recently run first. */
export function newestScoreRuns(workspace: Workspace, modality: string): RunRow[] {
  return latestDoneRunPerMethod(workspace.db, 'score', modality).sort(
    (a, b) => b.created.localeCompare(a.created) || b.id.localeCompare(a.id),
  );
}

/** The object's place in each run that scored it (runs without it, or with a NaN for it, are left out). */
export function scorerPlaces(workspace: Workspace, runs: readonly RunRow[], id: number): ScorerPlace[] {
  const places: ScorerPlace[] = [];
  for (const run of runs) {
    const array = loadRunArray(workspace.paths.scores, run.id);
    const row = array.ids.indexOf(id);
    if (row < 0) continue;
    const score = array.data[row];
    const place = scoreRank(array.data, score);
    if (place) places.push({ runId: run.id, method: run.method, score, ...place, top: place.rank <= topCut(place.of) });
  }
  return places;
}

/**
 * The run that decides which objects are not typical, of newestScoreRuns: the ensemble, else the newest of any
 * method; null when there is none.
 */
export function typicalityRun(runs: readonly RunRow[]): RunRow | null {
  return runs.find((r) => r.method === 'ensemble') ?? runs[0] ?? null;
}

/** Ids of the objects in the run's top TOP_FRACTION. */
export function topIds(workspace: Workspace, run: RunRow): Set<number> {
  const array: RunArray = loadRunArray(workspace.paths.scores, run.id);
  const ranks = scoreRanks(array.data);
  let of = 0;
  for (const rank of ranks) if (Number.isFinite(rank)) of++;
  const cut = topCut(of);
  const top = new Set<number>();
  for (let i = 0; i < ranks.length; i++) if (ranks[i] <= cut) top.add(array.ids[i]);
  return top;
}
