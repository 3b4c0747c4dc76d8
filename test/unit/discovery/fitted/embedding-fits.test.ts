// embed --fitted: a PCA or a feature scaling exported from a run gives back that run's vectors
// when applied, and the same vectors to the same objects in a workspace holding only some of
// them; a file of another kind or for other model inputs is refused before any work.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEmbedding } from '../../../../electron/core/discovery/embeddings/embedding-run.js';
import { exportFitted } from '../../../../electron/core/discovery/fitted/export-fitted.js';
import { readFittedFile, storedFitPath } from '../../../../electron/core/discovery/fitted/fitted-store.js';
import { loadRunArray } from '../../../../electron/core/discovery/run-arrays.js';
import { getRun } from '../../../../electron/core/workspace/repositories/runs-repo.js';
import type { Workspace } from '../../../../electron/core/workspace/workspace.js';
import { existsSync, readFileSync } from 'node:fs';
import { useTempDir } from '../../../helpers/temp-dir.js';
import { galaxyWorkspace, rowsByName } from './fitted-workspaces.js';

const tempDir = useTempDir('serendip-fitted-embed-');
const ALL = Array.from({ length: 40 }, (_, g) => g);
// Every other galaxy, in another order: the subset's object ids are not the full workspace's.
const HALF = ALL.filter((g) => g % 2 === 1).reverse();

function vectorsOf(workspace: Workspace, runId: string): Map<string, Float32Array> {
  return rowsByName(workspace, loadRunArray(workspace.paths.embeddings, runId));
}

function expectSameRows(actual: Map<string, Float32Array>, expected: Map<string, Float32Array>, tolerance: number) {
  for (const [name, row] of actual) {
    const want = expected.get(name);
    expect(want, name).toBeDefined();
    for (let j = 0; j < row.length; j++)
      expect(Math.abs(row[j] - want![j]), `${name}[${j}]`).toBeLessThanOrEqual(tolerance);
  }
}

describe.each(['pca', 'features'] as const)('embed --method %s --fitted', (method) => {
  it('gives back the exported run’s vectors, and the same vectors to the same objects elsewhere', async () => {
    const dir = tempDir();
    const full = galaxyWorkspace(join(dir, 'full'), ALL);
    const subset = galaxyWorkspace(join(dir, 'subset'), HALF);
    try {
      const fitted = await runEmbedding(full, { method, dim: 6, sample: 30, workers: 0 });
      const file = join(dir, `${method}.fit`);
      const exported = await exportFitted(full, { run: fitted.runId, out: file });
      expect(exported.kind).toBe(method);
      // Exporting twice writes the same bytes: the file's sha256 is a stable identity.
      const again = await exportFitted(full, { run: fitted.runId, out: join(dir, 'again.fit') });
      expect(again.sha256).toBe(exported.sha256);

      const applied = await runEmbedding(full, { method, fitted: file, workers: 0 });
      expect(applied.dim).toBe(fitted.dim);
      expectSameRows(vectorsOf(full, applied.runId), vectorsOf(full, fitted.runId), 1e-5);
      const params = JSON.parse(getRun(full.db, applied.runId)!.params) as Record<string, unknown>;
      expect(params.fitted).toEqual({ kind: method, sha256: exported.sha256 });
      expect(readFileSync(storedFitPath(full, exported.sha256))).toEqual(readFileSync(file));

      const shard = await runEmbedding(subset, { method, fitted: file, workers: 0 });
      expect(shard.count).toBe(HALF.length);
      const shardVectors = vectorsOf(subset, shard.runId);
      expect(shardVectors.size).toBe(HALF.length);
      expectSameRows(shardVectors, vectorsOf(full, fitted.runId), 1e-5);
      // The applied run exports the very file it applied.
      const reexported = await exportFitted(subset, { run: shard.runId, out: join(dir, 'shard.fit') });
      expect(reexported.sha256).toBe(exported.sha256);
    } finally {
      full.close();
      subset.close();
    }
  });
});

describe('a fitted embedding model refused', () => {
  it('when the file is of another kind, or for other model inputs', async () => {
    const dir = tempDir();
    const full = galaxyWorkspace(join(dir, 'full'), ALL.slice(0, 12));
    const other = galaxyWorkspace(join(dir, 'other'), [1, 2, 3], { size: 8, bands: 1 });
    try {
      const pca = await runEmbedding(full, { method: 'pca', dim: 4, workers: 0 });
      const file = join(dir, 'pca.fit');
      await exportFitted(full, { run: pca.runId, out: file });
      expect(existsSync(file)).toBe(true);
      await expect(runEmbedding(full, { method: 'features', fitted: file, workers: 0 })).rejects.toThrow(
        /pca\.fit is a fitted pca model \(for embed --method pca --fitted\), not a features model/,
      );
      await expect(runEmbedding(other, { method: 'pca', fitted: file, workers: 0 })).rejects.toThrow(
        /model of 16×16×3 model inputs \(image-16x16x3\.npy\); this workspace's are image-8x8x1\.npy: ingest 3-band/,
      );
      expect(readFittedFile(file).model.kind).toBe('pca');
    } finally {
      full.close();
      other.close();
    }
  });
});
