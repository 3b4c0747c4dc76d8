// Where `explain` says an object is odd, on a workspace of synthetic galaxies in which one has a
// bright compact blob at a known place: the occlusion-saliency peak lies on the blob, for the
// features and the PCA embedding, and the run's embedder puts an unmasked input on the run's own
// stored vector (so the map is measured in the very space the neighbours were found in). Runs
// that cannot embed a masked input give notes instead of maps. A tiny autoencoder's run gives,
// per band, the input, its reconstruction and a residual equal to |input − reconstruction| as
// the run's ONNX graph computes it in a session of the test's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { dispatch } from '../../electron/core/api/api-methods.js';
import type { Explanation } from '../../electron/core/api/contract-explain.js';
import * as ort from 'onnxruntime-node';
import { getRun, runParams, type RunRow } from '../../electron/core/workspace/repositories/runs-repo.js';
import { fromFloat16Bits } from '../../electron/core/formats/arrays/float16.js';
import { runLearnedEmbedding } from '../../electron/core/discovery/embeddings/learned/learned-embedding-run.js';
import { ModelFolder } from '../../electron/core/discovery/embeddings/learned/model-folder.js';
import { learnedConfigOf, type StoredParams } from '../../electron/core/discovery/embeddings/learned/learned-run.js';
import { selectBackend } from '../../native-models/backends/index.js';
import { modelFromFiles } from '../../native-models/training/model-files.js';
import { RECONSTRUCTION_OUTPUT, learnedModelToOnnx } from '../../native-models/onnx/learned-model-to-onnx.js';
import { EXPORT_INPUT } from '../../native-models/onnx/tfjs-to-onnx.js';
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

  /** Both maps over all bands, the patch rarity and the saliency, peak on the blob. */
  function expectPeakOnBlob(e: Explanation): void {
    for (const kind of ['rarity', 'saliency'] as const) {
      const map = e.maps.find((m) => m.kind === kind)!;
      expect(map, kind).toBeDefined();
      expect(map.band).toBeNull();
      expect([map.width, map.height]).toEqual([BLOB_SIZE, BLOB_SIZE]);
      expect(map.values).toHaveLength(BLOB_SIZE * BLOB_SIZE);
      expect(Math.abs(map.peak.x - BLOB_AT.x), kind).toBeLessThanOrEqual(NEAR);
      expect(Math.abs(map.peak.y - BLOB_AT.y), kind).toBeLessThanOrEqual(NEAR);
      expect(map.values[map.peak.y * BLOB_SIZE + map.peak.x]).toBe(Math.max(...map.values));
      expect(map.values[map.peak.y * BLOB_SIZE + map.peak.x]).toBeGreaterThan(0);
    }
  }

  async function expectEmbedderReproducesRun(runId: string): Promise<void> {
    const run = getRun(service.workspace.db, runId)!;
    const embedder = runEmbedder(service.workspace, run);
    if ('reason' in embedder) throw new Error(embedder.reason);
    const id = findObjectByName(service.workspace.db, BLOB_OBJECT)!.id;
    const input = objectFeatures(service.workspace, BLOB_STORE, [id]).inputs.get(id)!;
    const own = await embedder.embedInputs(input, 1);
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
    await expectEmbedderReproducesRun(e.embeddingRun);
  });

  it('PCA embedding: the saliency peak is on the blob', async () => {
    await service.embed({ method: 'pca', dim: 16 });
    await service.rank({ modality: 'image' });
    const e = await service.explain(BLOB_OBJECT);
    expect(getRun(service.workspace.db, e.embeddingRun)!.method).toBe('pca');
    expectPeakOnBlob(e);
    await expectEmbedderReproducesRun(e.embeddingRun);
  });

  it('says why there is no saliency for runs that cannot embed a new input, and gives the rarity alone', async () => {
    const run = getRun(service.workspace.db, (await service.explain(BLOB_OBJECT)).embeddingRun)!;
    const id = findObjectByName(service.workspace.db, BLOB_OBJECT)!.id;
    const input = objectFeatures(service.workspace, BLOB_STORE, [id]).inputs.get(id)!;
    const neighbours = { vectors: new Float32Array(16), count: 1 };
    const bands = input.length / (BLOB_SIZE * BLOB_SIZE);
    const where = (method: string) =>
      whereMaps(service.workspace, {
        run: { ...run, method },
        input,
        store: BLOB_STORE,
        size: BLOB_SIZE,
        bands,
        neighbours,
        neighbourInputs: [input],
      });
    const imported = await where('imported');
    expect(imported.notes).toEqual([
      'no saliency: imported embeddings cannot embed a masked input (their model is not in the workspace)',
    ]);
    // Compared with itself, every patch has its exact like.
    expect(imported.maps.map((m) => [m.kind, Math.max(...m.values)])).toEqual([['rarity', 0]]);
    expect((await where('onnx')).notes).toEqual([
      'no saliency: explain does not run onnx encoders on masked inputs yet',
    ]);
  });

  it('autoencoder: per band the input, its reconstruction and their difference, and saliency', async () => {
    const trained = await runLearnedEmbedding(service.workspace, {
      method: 'autoencoder',
      dim: 4,
      epochs: 1,
      sample: 32,
      batchSize: 8,
      seed: 3,
      backend: 'wasm',
      inProcess: true,
    });
    await service.rank({ modality: 'image' });
    const e = await service.explain(BLOB_OBJECT);
    expect(e.embeddingRun).toBe(trained.runId);
    expect(e.notes).toEqual([]);
    await expectEmbedderReproducesRun(e.embeddingRun);

    const run = getRun(service.workspace.db, e.embeddingRun)!;
    const id = findObjectByName(service.workspace.db, BLOB_OBJECT)!.id;
    const input = objectFeatures(service.workspace, BLOB_STORE, [id]).inputs.get(id)!;
    const bands = input.length / (BLOB_SIZE * BLOB_SIZE);
    const pixels = fromFloat16Bits(input);
    const reconstruction = await reconstructedByOwnSession(run, pixels, bands);
    expect(e.maps.map((m) => `${m.kind} ${m.band}`)).toEqual([
      'rarity null',
      'saliency null',
      ...Array.from({ length: bands }, (_, b) => [`input ${b}`, `reconstruction ${b}`, `residual ${b}`]).flat(),
    ]);
    for (const map of e.maps) expect([map.width, map.height]).toEqual([BLOB_SIZE, BLOB_SIZE]);
    for (let b = 0; b < bands; b++) {
      const [own, decoded, residual] = ['input', 'reconstruction', 'residual'].map(
        (kind) => e.maps.find((m) => m.kind === kind && m.band === String(b))!.values,
      );
      for (let i = 0; i < BLOB_SIZE * BLOB_SIZE; i++) {
        const at = i * bands + b;
        expect(own[i]).toBe(pixels[at]);
        expect(decoded[i]).toBeCloseTo(reconstruction[at], 5);
        expect(residual[i]).toBeCloseTo(Math.abs(pixels[at] - reconstruction[at]), 5);
      }
    }
  }, 120_000);

  /** The run's graph exported and run here, independently of explain's session. */
  async function reconstructedByOwnSession(run: RunRow, pixels: Float32Array, bands: number): Promise<Float32Array> {
    const networks = new ModelFolder(service.workspace, run.id).loadNetworks();
    const config = learnedConfigOf('autoencoder', runParams(run) as unknown as StoredParams);
    await selectBackend('wasm');
    const [encoder, head] = [await modelFromFiles(networks.encoder), await modelFromFiles(networks.head)];
    const bytes = learnedModelToOnnx(config, encoder, head, { reconstruction: true });
    encoder.dispose();
    head.dispose();
    const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
    try {
      const results = await session.run({
        [EXPORT_INPUT]: new ort.Tensor('float32', pixels, [1, BLOB_SIZE, BLOB_SIZE, bands]),
      });
      return Float32Array.from(results[RECONSTRUCTION_OUTPUT].data as Float32Array);
    } finally {
      await session.release();
    }
  }
});
