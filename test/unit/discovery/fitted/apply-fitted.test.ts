// rank --forest and map --reference: a forest or map reference exported from a sample
// workspace gives back that workspace's own scores and (near) map positions when applied there,
// and the very same scores and positions to the same objects in a workspace holding only some
// of them, whatever the page size or thread count; a file that does not fit the embedding is refused.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { runEmbedding } from '../../../../electron/core/discovery/embeddings/embedding-run.js';
import { exportFitted } from '../../../../electron/core/discovery/fitted/export-fitted.js';
import { mapWithReference, rankWithForest } from '../../../../electron/core/discovery/fitted/apply-fitted.js';
import { forestPath, rankAnomalies } from '../../../../electron/core/discovery/pipeline/rank-anomalies.js';
import { buildMap } from '../../../../electron/core/discovery/pipeline/build-map.js';
import { loadRunArray } from '../../../../electron/core/discovery/run-arrays.js';
import { getRun, listRuns } from '../../../../electron/core/workspace/repositories/runs-repo.js';
import type { Workspace } from '../../../../electron/core/workspace/workspace.js';
import { useSharedTempDir } from '../../../helpers/temp-dir.js';
import { addSyntheticEmbedding } from '../../../helpers/synthetic-embedding.js';
import { galaxyWorkspace, rowsByName } from './fitted-workspaces.js';

const sharedDir = useSharedTempDir('serendip-fitted-apply-');
const ALL = Array.from({ length: 48 }, (_, g) => g);
const HALF = ALL.filter((g) => g % 2 === 0).reverse();

let dir: string;
let full: Workspace;
let subset: Workspace;
/** The sample's PCA run and its exported file; the subset's run applying that file. */
let pcaRun: string;
let pcaFile: string;
let subsetPcaRun: string;

beforeAll(async () => {
  dir = sharedDir();
  full = galaxyWorkspace(join(dir, 'full'), ALL);
  subset = galaxyWorkspace(join(dir, 'subset'), HALF);
  pcaRun = (await runEmbedding(full, { method: 'pca', dim: 5, workers: 0 })).runId;
  pcaFile = join(dir, 'pca.fit');
  await exportFitted(full, { run: pcaRun, out: pcaFile });
  subsetPcaRun = (await runEmbedding(subset, { method: 'pca', fitted: pcaFile, workers: 0 })).runId;
});

afterAll(() => {
  full?.close();
  subset?.close();
});

function arrayByName(workspace: Workspace, folder: 'scores' | 'maps', runId: string): Map<string, Float32Array> {
  return rowsByName(workspace, loadRunArray(workspace.paths[folder], runId));
}

function maxDifference(a: Map<string, Float32Array>, b: Map<string, Float32Array>): number {
  let worst = 0;
  for (const [name, row] of a) {
    const other = b.get(name);
    if (!other) return Infinity;
    row.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - other[j]))));
  }
  return worst;
}

describe('rank --forest', () => {
  let forestFile: string;
  let original: Map<string, Float32Array>;

  beforeAll(async () => {
    const ranked = await rankAnomalies(full, { method: 'iforest', embeddingRun: pcaRun, seed: 4, threaded: false });
    original = arrayByName(full, 'scores', ranked.runId);
    forestFile = join(dir, 'forest.fit');
    const exported = await exportFitted(full, { run: ranked.runId, out: forestFile });
    expect(exported.kind).toBe('forest');
  });

  it('gives back the exported run’s scores, whatever the pages and threads', async () => {
    const here = await rankWithForest(full, { forestFile, embeddingRun: pcaRun, threads: 0 });
    expect(here.count).toBe(ALL.length);
    expect(maxDifference(arrayByName(full, 'scores', here.runId), original)).toBeLessThanOrEqual(1e-6);
    const paged = await rankWithForest(full, { forestFile, embeddingRun: pcaRun, threads: 2, pageRows: 7 });
    expect(maxDifference(arrayByName(full, 'scores', paged.runId), original)).toBeLessThanOrEqual(1e-6);
    const run = getRun(full.db, here.runId)!;
    expect([run.kind, run.method, run.parent_run, run.status]).toEqual(['score', 'iforest', pcaRun, 'done']);
    expect(JSON.parse(run.params)).toMatchObject({
      embeddingRun: pcaRun,
      fitted: { kind: 'forest', sha256: here.sha256 },
    });
    // The forest lies beside the run, for the discover queue, as rank's own does.
    expect(readFileSync(forestPath(full, here.runId)).length).toBeGreaterThan(0);
  });

  it('scores the same objects alike in a workspace holding half of them', async () => {
    const shard = await rankWithForest(subset, { forestFile, threads: 0 });
    expect(shard.embeddingRun).toBe(subsetPcaRun);
    const scores = arrayByName(subset, 'scores', shard.runId);
    expect(scores.size).toBe(HALF.length);
    expect(maxDifference(scores, original)).toBeLessThanOrEqual(1e-6);
  });

  it('stops when cancelled, leaving a cancelled run and none of its files', async () => {
    const controller = new AbortController();
    const onProgress = (done: number): void => {
      if (done >= 10) controller.abort(new Error('cancelled by the user'));
    };
    const cancelled = rankWithForest(full, {
      forestFile,
      embeddingRun: pcaRun,
      threads: 0,
      pageRows: 5,
      signal: controller.signal,
      onProgress,
    });
    await expect(cancelled).rejects.toThrow('cancelled by the user');
    const run = listRuns(full.db, 'score').at(-1)!;
    expect([run.status, run.message]).toEqual(['cancelled', 'cancelled']);
    expect(readdirSync(full.paths.scores).filter((f) => f.includes(run.id) || f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses an embedding other than the one the forest was fitted on, and a file of another kind', async () => {
    const features = (await runEmbedding(full, { method: 'features', workers: 0 })).runId;
    await expect(rankWithForest(full, { forestFile, embeddingRun: features })).rejects.toThrow(
      /forest\.fit's forest applies to 5-d pca vectors of [0-9a-f]{12}; embedding run \S+ holds \d+-d features vectors/,
    );
    const synthetic = await addSyntheticEmbedding(full, 30, 5);
    await expect(rankWithForest(full, { forestFile, embeddingRun: synthetic })).rejects.toThrow(
      /was not made by a fixed model: make one with embed --method pca --fitted/,
    );
    await expect(rankWithForest(full, { forestFile: pcaFile, embeddingRun: pcaRun })).rejects.toThrow(
      'pca.fit is a fitted pca model (for embed --method pca --fitted), not a forest model for rank --forest',
    );
    const damaged = join(dir, 'damaged.fit');
    writeFileSync(damaged, readFileSync(forestFile).subarray(0, 200));
    await expect(rankWithForest(full, { forestFile: damaged, embeddingRun: pcaRun })).rejects.toThrow(
      /damaged\.fit is not a Serendip fitted model \(.*truncated\)/,
    );
  });
});

describe('map --reference', () => {
  let referenceFile: string;
  let layout: Map<string, Float32Array>;
  let placed: Map<string, Float32Array>;

  beforeAll(async () => {
    const map = await buildMap(full, { embeddingRun: pcaRun, neighbours: 8, seed: 2 });
    layout = arrayByName(full, 'maps', map.runId);
    referenceFile = join(dir, 'reference.fit');
    const exported = await exportFitted(full, { run: map.runId, out: referenceFile });
    expect(exported.kind).toBe('reference');
    const here = await mapWithReference(full, { referenceFile, embeddingRun: pcaRun, threads: 0 });
    placed = arrayByName(full, 'maps', here.runId);
  });

  it('places the reference objects near their own map positions', () => {
    // How many other objects' map positions lie nearer to where an object was placed than its own: about half of
    // them for a placement that ignored the map, none for one that found each object's own position.
    const nearer = [...placed].map(([name, xy]) => {
      const distance = (p: Float32Array): number => Math.hypot(p[0] - xy[0], p[1] - xy[1]);
      const own = distance(layout.get(name)!);
      return [...layout].filter(([other, p]) => other !== name && distance(p) < own).length;
    });
    nearer.sort((a, b) => a - b);
    expect(nearer[Math.floor(nearer.length / 2)]).toBeLessThanOrEqual(3);
    expect(nearer[Math.floor(nearer.length * 0.9)]).toBeLessThanOrEqual(10);
  });

  it('places each object alike whatever else is placed with it, page by page or on threads', async () => {
    const shard = await mapWithReference(subset, { referenceFile, threads: 0 });
    const positions = arrayByName(subset, 'maps', shard.runId);
    expect(positions.size).toBe(HALF.length);
    expect(maxDifference(positions, placed)).toBeLessThanOrEqual(1e-5);
    const paged = await mapWithReference(subset, { referenceFile, threads: 2, pageRows: 5 });
    expect(maxDifference(arrayByName(subset, 'maps', paged.runId), placed)).toBeLessThanOrEqual(1e-5);
    const run = getRun(subset.db, shard.runId)!;
    expect([run.kind, run.method, run.parent_run]).toEqual(['map', 'umap', subsetPcaRun]);
    expect(JSON.parse(run.params)).toMatchObject({ fitted: { kind: 'reference', sha256: shard.sha256 } });
  });
});
