// The scorers give the same answers on the worker thread as on the calling thread: the
// same scores for every method, the same saved forest and the same rank spread across seeds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../../electron/core/workspace/workspace.js';
import { listRuns } from '../../../../electron/core/workspace/repositories/runs-repo.js';
import { loadRunArray } from '../../../../electron/core/discovery/run-arrays.js';
import { forestPath, rankAnomalies } from '../../../../electron/core/discovery/pipeline/rank-anomalies.js';
import { scoringWorkerScript } from '../../../../electron/core/discovery/anomaly/scoring-runner.js';
import { loadSeedSpread } from '../../../../electron/core/discovery/anomaly/seed-rank-spread.js';
import { addSyntheticEmbedding } from '../../../helpers/synthetic-embedding.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-scoring-');

async function rankedScores(
  threaded: boolean,
): Promise<{ scores: Map<string, Float32Array>; forest: Buffer; seeds: Float32Array }> {
  const workspace = Workspace.open(join(tempDir(), 'ws'), { create: true });
  try {
    await addSyntheticEmbedding(workspace, 900, 12, 7);
    await rankAnomalies(workspace, { method: 'ensemble', seed: 3, threaded });
    const runs = listRuns(workspace.db, 'score');
    const scores = new Map(runs.map((r) => [r.method, loadRunArray(workspace.paths.scores, r.id).data]));
    const iforest = runs.find((r) => r.method === 'iforest')!.id;
    const forest = readFileSync(forestPath(workspace, iforest));
    const seeds = loadSeedSpread(workspace.paths.scores, iforest)!.data;
    return { scores, forest, seeds };
  } finally {
    workspace.close();
  }
}

describe.skipIf(scoringWorkerScript() === null)('scoring on a worker thread', () => {
  it('gives the scores and forest that the calling thread gives', async () => {
    const here = await rankedScores(false);
    const there = await rankedScores(true);
    expect([...there.scores.keys()].sort()).toEqual(['ensemble', 'iforest', 'knn', 'lof']);
    for (const [method, values] of here.scores) expect(there.scores.get(method), method).toEqual(values);
    expect(there.forest.equals(here.forest)).toBe(true);
    expect(there.seeds).toEqual(here.seeds);
    expect(there.seeds).toHaveLength(2 * 900);
  });
});
