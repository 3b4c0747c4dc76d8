// `top` with known answers: the highest finite scores first, ties broken by id, NaN left out,
// and the same list whether n is small (quickselect cut) or covers everything (full sort).
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../../electron/core/workspace/workspace.js';
import { finishRun, startRun } from '../../../../electron/core/workspace/repositories/runs-repo.js';
import { saveRunArray } from '../../../../electron/core/discovery/run-arrays.js';
import { topAnomalies } from '../../../../electron/core/discovery/pipeline/top-anomalies.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-top-');

describe('topAnomalies', () => {
  it('returns the highest finite scores, ties by id, for any n', async () => {
    const workspace = Workspace.open(tempDir(), { create: true });
    const scores = Float32Array.from([0.5, NaN, 0.9, 0.7, 0.9, -1, 0.7, 0.1, Infinity, 0.7]);
    const ids = Float64Array.from([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    const runId = startRun(workspace.db, { kind: 'score', method: 'iforest', modality: 'image' });
    await saveRunArray(workspace.paths.scores, runId, { data: scores, rows: scores.length, columns: 1, ids });
    finishRun(workspace.db, runId, 'done');
    const expected = [12, 14, 13, 16, 19, 10, 17, 15];
    expect(topAnomalies(workspace, 3).map((h) => h.id)).toEqual([12, 14, 13]);
    expect(topAnomalies(workspace, 4).map((h) => h.id)).toEqual([12, 14, 13, 16]);
    expect(topAnomalies(workspace, 5).map((h) => h.id)).toEqual(expected.slice(0, 5));
    expect(topAnomalies(workspace, 100).map((h) => h.id)).toEqual(expected);
    expect(topAnomalies(workspace, 1)).toEqual([{ id: 12, score: expect.closeTo(0.9, 6) }]);
    workspace.close();
  });
});
