// `serendip embed` for images with the fast methods that need no GPU: records a run,
// computes the `features` or `pca` embedding of every object in one model-input store, and
// writes embeddings/<run>.npy (float32 N × D) and embeddings/<run>.ids.npy (int64 object ids,
// row order), then marks the run done, or cancelled or failed with the reason.
import { availableParallelism } from 'node:os';
import { finishRun, startRun } from '../../workspace/repositories/runs-repo.js';
import { saveRunArray } from '../run-arrays.js';
import type { Workspace } from '../../workspace/workspace.js';
import { featuresEmbedding } from './morphology/features-embedding.js';
import { ModelInputReader, imageInputStores } from './model-input-batches.js';
import { DEFAULT_PCA_DIM, DEFAULT_PCA_SAMPLE, pcaEmbedding } from './pca/pca-embedding.js';
import { createTaskRunner } from './task-runner.js';

export type FastEmbeddingMethod = 'features' | 'pca';

export interface EmbeddingRunOptions {
  method: FastEmbeddingMethod;
  /** PCA components (default 32); the features embedding has a fixed dimension and ignores it. */
  dim?: number;
  /** Model-input store under inputs/; default the image store with the most objects. */
  store?: string;
  /** Objects the PCA is fitted on (default 20,000). */
  sample?: number;
  /** Seed of the PCA sample and its random start (default 0). */
  seed?: number;
  /**
   * Worker threads; 0 computes on the calling thread. Default min(2, cores), or one below
   * 1,024 objects: a second thread costs more than it saves there, but the calling thread
   * (the app's server) must stay free to answer labels (test/integration/server-label-latency).
   */
  workers?: number;
  onProgress?: (done: number, total: number, stage: string) => void;
  signal?: AbortSignal;
}

export interface EmbeddingRunResult {
  runId: string;
  count: number;
  dim: number;
  /** Absolute paths of the written files. */
  path: string;
  idsPath: string;
}

const MIN_OBJECTS_FOR_WORKERS = 1024;

export async function runEmbedding(workspace: Workspace, options: EmbeddingRunOptions): Promise<EmbeddingRunResult> {
  if (options.method !== 'features' && options.method !== 'pca')
    throw new Error(`unknown fast embedding method: ${String(options.method)}`);
  const store = options.store ?? imageInputStores(workspace.db)[0]?.name;
  if (!store) throw new Error('no image model inputs to embed: ingest some images first');
  const reader = ModelInputReader.open(workspace, store);
  const common = { store, size: reader.size, bands: reader.bands, objects: reader.count, skipped: reader.skipped };
  const requested =
    options.method === 'pca'
      ? {
          ...common,
          dim: options.dim ?? DEFAULT_PCA_DIM,
          sample: options.sample ?? DEFAULT_PCA_SAMPLE,
          seed: options.seed ?? 0,
        }
      : common;
  let runId: string | null = null;
  const threads =
    options.workers ?? (reader.count >= MIN_OBJECTS_FOR_WORKERS ? Math.min(2, availableParallelism()) : 1);
  const runner = createTaskRunner(threads);
  try {
    if (reader.count === 0) throw new Error(`${store} has no readable model inputs`);
    runId = startRun(workspace.db, { kind: 'embedding', method: options.method, modality: 'image', params: requested });
    const progress = { onProgress: options.onProgress, signal: options.signal };
    let vectors: Float32Array;
    let dim: number;
    let params: Record<string, unknown>;
    if (options.method === 'pca') {
      const pca = await pcaEmbedding(reader, runner, {
        ...progress,
        dim: options.dim,
        sample: options.sample,
        seed: options.seed,
      });
      ({ vectors, dim } = pca);
      const ratios = Array.from(pca.model.explainedVarianceRatio, (r) => Number(r.toPrecision(6)));
      params = {
        ...requested,
        dim,
        sample_rows: pca.sampleRows,
        pixel_bin: pca.pixelBin,
        pixel_dim: pca.model.dim,
        explained_variance_ratio: ratios,
        explained_variance_total: Number(ratios.reduce((a, b) => a + b, 0).toPrecision(6)),
      };
    } else {
      const features = await featuresEmbedding(reader, runner, progress);
      ({ vectors, dim } = features);
      params = {
        ...requested,
        dim,
        feature_names: features.names,
        standardise: { method: 'median-iqr', centre: features.centre, scale: features.scale },
      };
    }
    options.signal?.throwIfAborted();
    options.onProgress?.(0, 1, 'write');
    const written = await saveRunArray(workspace.paths.embeddings, runId, {
      data: vectors,
      rows: reader.count,
      columns: dim,
      ids: reader.ids,
    });
    options.onProgress?.(1, 1, 'write');
    finishRun(workspace.db, runId, 'done', undefined, { ...params, threads: runner.threads });
    return { runId, count: reader.count, dim, path: written.data, idsPath: written.ids };
  } catch (err) {
    if (runId) {
      const cancelled = options.signal?.aborted ?? false;
      const message = cancelled ? 'cancelled' : err instanceof Error ? err.message : String(err);
      finishRun(workspace.db, runId, cancelled ? 'cancelled' : 'failed', message);
    }
    throw err;
  } finally {
    await runner.close();
    reader.close();
  }
}
