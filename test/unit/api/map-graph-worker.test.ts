// `map` on an embedding whose kNN graph `rank` has not cached builds the graph on the scoring
// worker: the calling thread (the one that answers the window) keeps turning meanwhile, a
// cancel stops the build, and only a whole graph is ever cached.
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SerendipService } from '../../../electron/core/api/serendip-service.js';
import { buildMap } from '../../../electron/core/discovery/pipeline/build-map.js';
import { knnGraphCached } from '../../../electron/core/discovery/pipeline/current-embedding.js';
import { scoringWorkerScript } from '../../../electron/core/discovery/anomaly/scoring-runner.js';
import { getRun } from '../../../electron/core/workspace/repositories/runs-repo.js';
import { clusteredVectors } from '../../bench/clustered-data.js';
import { useTempDir } from '../../helpers/temp-dir.js';
import { addEmbeddingRun, addNamedObjects } from '../../helpers/named-objects.js';

const tempDir = useTempDir('serendip-map-graph-');
const COUNT = 1500;
const DIM = 8;

async function embeddedWorkspace(): Promise<{ service: SerendipService; run: string }> {
  const service = SerendipService.open(tempDir(), { create: true });
  const run = await addEmbeddingRun(
    service.workspace,
    addNamedObjects(service.workspace, COUNT),
    clusteredVectors(COUNT, DIM, { seed: 2 }).vectors.data,
  );
  return { service, run };
}

/** Counts turns of the event loop until stopped. */
function turnCounter(): { turns: () => number; stop: () => void } {
  let turns = 0;
  let running = true;
  const spin = (): void => {
    if (!running) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  return { turns: () => turns, stop: () => (running = false) };
}

describe.skipIf(scoringWorkerScript() === null)('map without a cached kNN graph', () => {
  it('builds the graph on the worker while this thread keeps turning, and caches it', async () => {
    const { service, run } = await embeddedWorkspace();
    try {
      expect(knnGraphCached(service.workspace, run)).toBe(false);
      const counter = turnCounter();
      const turnsAtNeighbours: number[] = [];
      const map = await buildMap(service.workspace, {
        onProgress: (_d, _t, stage) => stage === 'neighbours' && turnsAtNeighbours.push(counter.turns()),
      });
      counter.stop();
      expect(turnsAtNeighbours.length).toBeGreaterThan(0);
      // Built on this thread, every progress call would come before the loop turned once.
      expect(turnsAtNeighbours[0]).toBeGreaterThan(0);
      expect(knnGraphCached(service.workspace, run)).toBe(true);
      expect(getRun(service.workspace.db, map.runId)!.status).toBe('done');
      expect(map.count).toBe(COUNT);
    } finally {
      service.close();
    }
  });

  it('stops the build on cancel, caching nothing', async () => {
    const { service, run } = await embeddedWorkspace();
    try {
      const controller = new AbortController();
      const mapping = buildMap(service.workspace, {
        signal: controller.signal,
        onProgress: (_d, _t, stage) => stage === 'neighbours' && controller.abort(new Error('cancelled')),
      });
      await expect(mapping).rejects.toThrow(/cancelled/);
      expect(knnGraphCached(service.workspace, run)).toBe(false);
      expect(readdirSync(service.workspace.paths.embeddings).filter((f) => f.includes('.knn'))).toEqual([]);
      const runs = service.workspace.db.prepare("SELECT status FROM runs WHERE kind = 'map'").pluck().all();
      expect(runs).toEqual(['cancelled']);
      expect(existsSync(service.workspace.paths.maps)).toBe(true);
    } finally {
      service.close();
    }
  });
});
