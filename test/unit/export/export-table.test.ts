// The export's score columns: each method's score with the object's rank in that run, ranked as
// the inspector ranks it (ties share the best place, objects the run lacks have neither), from the
// runs of the object's own modality; and the labelled-only rows: objects given a label or a relevance.
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/core/workspace/workspace.js';
import { finishRun, startRun } from '../../../electron/core/workspace/repositories/runs-repo.js';
import { setLabel } from '../../../electron/core/workspace/repositories/labels-repo.js';
import { saveRunArray } from '../../../electron/core/discovery/run-arrays.js';
import { buildExportTable } from '../../../electron/core/export/export-table.js';
import { addNamedObjects } from '../../helpers/named-objects.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-export-table-');

describe('buildExportTable', () => {
  it("writes each score run's score and rank, and keeps rated objects among the labelled", async () => {
    const workspace = Workspace.open(tempDir(), { create: true });
    try {
      const ids = addNamedObjects(workspace, 5);
      // o4 is not in the run; o1 and o3 tie.
      const run = startRun(workspace.db, { kind: 'score', method: 'iforest', modality: 'image' });
      await saveRunArray(workspace.paths.scores, run, {
        data: Float32Array.from([0.25, 0.75, 0.5, 0.75]),
        rows: 4,
        columns: 1,
        ids: ids.slice(0, 4),
      });
      finishRun(workspace.db, run, 'done');
      const table = buildExportTable(workspace);
      const column = (name: string) => table.columns.find((c) => c.name === name)?.values;
      expect(column('score_iforest')).toEqual([0.25, 0.75, 0.5, 0.75, null]);
      expect(column('rank_iforest')).toEqual([4, 1, 3, 1, null]);

      setLabel(workspace.db, ids[0], { label: 'ring', relevance: null, note: null });
      setLabel(workspace.db, ids[2], { label: null, relevance: 0, note: null });
      const labelled = buildExportTable(workspace, { labelledOnly: true });
      expect(labelled.ids).toEqual([ids[0], ids[2]]);
    } finally {
      workspace.close();
    }
  });

  it("takes each object's score, rank and map position from its own modality's runs", async () => {
    const workspace = Workspace.open(tempDir(), { create: true });
    try {
      const ids = addNamedObjects(workspace, 5);
      // Images o0–o2 and "spectra" o3–o4 each have a score run and a map run; the spectra's are newer.
      const save = async (
        kind: 'score' | 'map',
        modality: 'image' | 'spectrum',
        rows: Float64Array,
        data: number[],
      ) => {
        const run = startRun(workspace.db, { kind, method: kind === 'score' ? 'iforest' : 'umap', modality });
        const folder = kind === 'score' ? workspace.paths.scores : workspace.paths.maps;
        const columns = kind === 'score' ? 1 : 2;
        await saveRunArray(folder, run, { data: Float32Array.from(data), rows: rows.length, columns, ids: rows });
        finishRun(workspace.db, run, 'done');
      };
      await save('score', 'image', ids.slice(0, 3), [0.5, 0.25, 0.75]);
      await save('map', 'image', ids.slice(0, 3), [0, 1, 2, 3, 4, 5]);
      await save('score', 'spectrum', ids.slice(3), [0.125, 0.875]);
      await save('map', 'spectrum', ids.slice(3), [10, 11, 12, 13]);
      const table = buildExportTable(workspace);
      const column = (name: string) => table.columns.find((c) => c.name === name)?.values;
      expect(column('score_iforest')).toEqual([0.5, 0.25, 0.75, 0.125, 0.875]);
      // Ranked within each modality's run.
      expect(column('rank_iforest')).toEqual([2, 3, 1, 2, 1]);
      expect(column('map_x')).toEqual([0, 2, 4, 10, 12]);
      expect(column('map_y')).toEqual([1, 3, 5, 11, 13]);
      expect(table.runs).toHaveLength(4);
    } finally {
      workspace.close();
    }
  });
});
