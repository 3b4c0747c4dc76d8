// Where `explain` says an object is odd, on a workspace of synthetic galaxies in which one has a
// bright compact blob at a known place: the occlusion-saliency peak lies on the blob, for the
// features and the PCA embedding, and the run's embedder puts an unmasked input on the run's own
// stored vector (so the map is measured in the very space the neighbours were found in). Runs
// that cannot embed a masked input give notes instead of maps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { dispatch } from '../../electron/core/api/api-methods.js';
import type { Explanation } from '../../electron/core/api/contract-explain.js';
import { getRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import { findObjectByName } from '../../electron/core/workspace/repositories/objects-repo.js';
import { loadRunArray } from '../../electron/core/discovery/run-arrays.js';
import { runEmbedder } from '../../electron/core/discovery/explain/where/run-embedder.js';
import { objectFeatures } from '../../electron/core/discovery/explain/object-features.js';
import { whereMaps } from '../../electron/core/discovery/explain/where/where-maps.js';
import { BLOB_AT, BLOB_OBJECT, BLOB_SIZE, BLOB_STORE, writeBlobWorkspace } from '../helpers/blob-workspace.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';

const OBJECTS = 120;
/** Half a patch (8 px at 64 px) plus the blob's 2σ radius: the peak (a patch's middle) lies on the blob. */
const NEAR = 6;

describe('where explain says an image is odd', () => {
  const dir = useSharedTempDir('serendip-explain-where-');
  let service: SerendipService;

  beforeAll(() => {
    writeBlobWorkspace(join(dir(), 'ws'), OBJECTS);
    service = SerendipService.open(join(dir(), 'ws'));
  });
  afterAll(() => service?.close());

  function expectPeakOnBlob(e: Explanation): void {
    const saliency = e.maps.find((m) => m.kind === 'saliency')!;
    expect(saliency).toBeDefined();
    expect(saliency.band).toBeNull();
    expect([saliency.width, saliency.height]).toEqual([BLOB_SIZE, BLOB_SIZE]);
    expect(saliency.values).toHaveLength(BLOB_SIZE * BLOB_SIZE);
    expect(Math.abs(saliency.peak.x - BLOB_AT.x)).toBeLessThanOrEqual(NEAR);
    expect(Math.abs(saliency.peak.y - BLOB_AT.y)).toBeLessThanOrEqual(NEAR);
    expect(saliency.values[saliency.peak.y * BLOB_SIZE + saliency.peak.x]).toBe(Math.max(...saliency.values));
    expect(saliency.values[saliency.peak.y * BLOB_SIZE + saliency.peak.x]).toBeGreaterThan(0);
  }

  function expectEmbedderReproducesRun(runId: string): void {
    const run = getRun(service.workspace.db, runId)!;
    const embedder = runEmbedder(service.workspace, run);
    if ('reason' in embedder) throw new Error(embedder.reason);
    const id = findObjectByName(service.workspace.db, BLOB_OBJECT)!.id;
    const input = objectFeatures(service.workspace, BLOB_STORE, [id]).inputs.get(id)!;
    const own = embedder.embedInputs(input, 1);
    const stored = loadRunArray(service.workspace.paths.embeddings, run.id);
    const row = stored.ids.indexOf(id);
    expect(own).toHaveLength(stored.columns);
    for (let d = 0; d < stored.columns; d++) expect(own[d]).toBeCloseTo(stored.data[row * stored.columns + d], 3);
  }

  it('features embedding: the saliency peak is on the blob, measured by the run’s own embedder', async () => {
    await service.embed({ method: 'features' });
    await service.rank({ modality: 'image' });
    const e = (await dispatch(service, 'explain', [BLOB_OBJECT])) as Explanation;
    expect(e.notes).toEqual([]);
    expectPeakOnBlob(e);
    expectEmbedderReproducesRun(e.embeddingRun);
  });

  it('PCA embedding: the saliency peak is on the blob', async () => {
    await service.embed({ method: 'pca', dim: 16 });
    await service.rank({ modality: 'image' });
    const e = service.explain(BLOB_OBJECT);
    expect(getRun(service.workspace.db, e.embeddingRun)!.method).toBe('pca');
    expectPeakOnBlob(e);
    expectEmbedderReproducesRun(e.embeddingRun);
  });

  it('says why there is no map for runs that cannot embed a new input, and gives none', () => {
    const run = getRun(service.workspace.db, service.explain(BLOB_OBJECT).embeddingRun)!;
    const id = findObjectByName(service.workspace.db, BLOB_OBJECT)!.id;
    const input = objectFeatures(service.workspace, BLOB_STORE, [id]).inputs.get(id)!;
    const neighbours = { vectors: new Float32Array(16), count: 1 };
    const where = (method: string) =>
      whereMaps(service.workspace, { run: { ...run, method }, input, store: BLOB_STORE, neighbours });
    expect(where('imported')).toEqual({
      maps: [],
      notes: ['no saliency: imported embeddings cannot embed a masked input (their model is not in the workspace)'],
    });
    expect(where('autoencoder')).toEqual({
      maps: [],
      notes: [
        "no reconstruction or residual: the autoencoder's decoder is not run while explaining yet",
        'no saliency: explain does not run autoencoder encoders on masked inputs yet',
      ],
    });
    expect(where('onnx').notes).toEqual(['no saliency: explain does not run onnx encoders on masked inputs yet']);
  });
});
