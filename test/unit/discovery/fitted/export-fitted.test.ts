// What export-fitted writes for each kind of run, and what it refuses: an ensemble gives its
// forest member's file; LOF scores, a run still running, or a model fitted on vectors no file
// reproduces have nothing another workspace could apply.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEmbedding } from '../../../../electron/core/discovery/embeddings/embedding-run.js';
import { exportFitted } from '../../../../electron/core/discovery/fitted/export-fitted.js';
import { readFittedFile } from '../../../../electron/core/discovery/fitted/fitted-store.js';
import { embeddingIdentity } from '../../../../electron/core/discovery/fitted/embedding-identity.js';
import { rankAnomalies } from '../../../../electron/core/discovery/pipeline/rank-anomalies.js';
import { buildMap } from '../../../../electron/core/discovery/pipeline/build-map.js';
import { getRun, listRuns, startRun } from '../../../../electron/core/workspace/repositories/runs-repo.js';
import { addSyntheticEmbedding } from '../../../helpers/synthetic-embedding.js';
import { useTempDir } from '../../../helpers/temp-dir.js';
import { galaxyWorkspace } from './fitted-workspaces.js';

const tempDir = useTempDir('serendip-fitted-export-');

describe('export-fitted', () => {
  it('exports an ensemble as its isolation forest, and refuses runs with nothing to apply elsewhere', async () => {
    const dir = tempDir();
    const workspace = galaxyWorkspace(
      join(dir, 'ws'),
      Array.from({ length: 30 }, (_, g) => g),
    );
    try {
      const features = await runEmbedding(workspace, { method: 'features', workers: 0 });
      const identity = embeddingIdentity(workspace, getRun(workspace.db, features.runId)!);
      const ensemble = await rankAnomalies(workspace, { method: 'ensemble', threaded: false });
      const scores = listRuns(workspace.db, 'score');
      const iforest = scores.find((r) => r.method === 'iforest')!.id;
      const lof = scores.find((r) => r.method === 'lof')!.id;

      const fromEnsemble = await exportFitted(workspace, { run: ensemble.runId, out: join(dir, 'ensemble.fit') });
      const fromForest = await exportFitted(workspace, { run: iforest, out: join(dir, 'forest.fit') });
      expect(fromEnsemble.sha256).toBe(fromForest.sha256);
      expect(fromEnsemble.note).toMatch(`the ensemble's isolation forest (run ${iforest})`);
      const forest = readFittedFile(join(dir, 'forest.fit')).model;
      // The forest names the features run's identity: the sha256 of the file export-fitted writes for that run.
      const featuresFile = await exportFitted(workspace, { run: features.runId, out: join(dir, 'features.fit') });
      expect(forest).toMatchObject({ kind: 'forest', embedding: { kind: 'features', sha256: featuresFile.sha256 } });
      expect(identity).toMatchObject({ kind: 'features', sha256: featuresFile.sha256, dim: features.dim });

      await expect(exportFitted(workspace, { run: lof, out: join(dir, 'lof.fit') })).rejects.toThrow(
        /has no model to export: export a pca or features embedding, an iforest or ensemble score, or a map run/,
      );
      const running = startRun(workspace.db, { kind: 'embedding', method: 'pca' });
      await expect(exportFitted(workspace, { run: running, out: join(dir, 'r.fit') })).rejects.toThrow(
        `run ${running} is running; only a finished run exports`,
      );
      const synthetic = await addSyntheticEmbedding(workspace, 40, 4);
      const map = await buildMap(workspace, { embeddingRun: synthetic, neighbours: 5 });
      await expect(exportFitted(workspace, { run: map.runId, out: join(dir, 'map.fit') })).rejects.toThrow(
        `map was fitted on embedding run ${synthetic} (features), whose vectors no file reproduces elsewhere`,
      );
    } finally {
      workspace.close();
    }
  });
});
