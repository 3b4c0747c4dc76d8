// `serendip embed` with the fast methods that need no GPU: records a run, computes the
// `features` (images) or `pca` (images, or spectra on their common grid) embedding of every
// object in one model-input store, and
// writes embeddings/<run>.npy (float32 N × D) and embeddings/<run>.ids.npy (int64 object ids,
// row order), then marks the run done, or cancelled or failed with the reason. With a fitted
// file (`--fitted`, discovery/fitted/) nothing is fitted: every object is transformed by the
// file's model, so workspaces that apply the same file get comparable vectors. A PCA fitted
// here keeps its model (models/<run>.fit), the file export-fitted writes for it.
import { availableParallelism } from 'node:os';
import { writeFileAtomicSync } from '../../util/atomic-write.js';
import { finishRun, getRun, startRun } from '../../workspace/repositories/runs-repo.js';
import { saveRunArray } from '../run-arrays.js';
import type { Workspace } from '../../workspace/workspace.js';
import { featuresEmbedding } from './morphology/features-embedding.js';
import { ModelInputReader, inputStores, noModelInputs } from './model-input-batches.js';
import { DEFAULT_PCA_DIM, DEFAULT_PCA_SAMPLE, pcaEmbedding, projectPixels } from './pca/pca-embedding.js';
import { createTaskRunner, type EmbeddingTaskRunner } from './task-runner.js';
import { checkReaderGeometry, loadEmbeddingFit, readerGeometry, type EmbeddingFit } from '../fitted/embedding-fits.js';
import { encodeFittedModel } from '../fitted/fitted-models.js';
import { fittedParams, keepFittedCopy, runModelPath, sourceOfRun, type LoadedFit } from '../fitted/fitted-store.js';

export type FastEmbeddingMethod = 'features' | 'pca';

export interface EmbeddingRunOptions {
  method: FastEmbeddingMethod;
  /** Which objects (default image); spectra have `pca` only, fitted here (no fitted file). */
  modality?: 'image' | 'spectrum';
  /** PCA components (default 32); the features embedding has a fixed dimension and ignores it. */
  dim?: number;
  /** Model-input store under inputs/; default the fitted file's, else the image store with the most objects. */
  store?: string;
  /** A fitted file (export-fitted of a run of the same method) applied instead of fitting anything. */
  fitted?: string;
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

type Progress = Pick<EmbeddingRunOptions, 'onProgress' | 'signal'>;

interface Computed {
  vectors: Float32Array;
  dim: number;
  params: Record<string, unknown>;
  /** Files kept beside the run before it is marked done. */
  keep?: (runId: string) => void;
}

export async function runEmbedding(workspace: Workspace, options: EmbeddingRunOptions): Promise<EmbeddingRunResult> {
  if (options.method !== 'features' && options.method !== 'pca')
    throw new Error(`unknown fast embedding method: ${String(options.method)}`);
  const modality = options.modality ?? 'image';
  if (modality === 'spectrum' && (options.method !== 'pca' || options.fitted !== undefined))
    throw new Error('spectra embed with a pca fitted here: use --method pca without --fitted');
  const fit = options.fitted === undefined ? null : loadEmbeddingFit(workspace, options.method, options.fitted);
  const store = options.store ?? fit?.model.input.store ?? inputStores(workspace.db, modality)[0]?.name;
  if (!store) throw new Error(noModelInputs(modality));
  const reader = ModelInputReader.open(workspace, store, { spectra: modality === 'spectrum' });
  const geometry = readerGeometry(workspace, reader);
  const common = {
    store,
    size: reader.size,
    bands: reader.bands,
    crop: geometry.crop,
    objects: reader.count,
    skipped: reader.skipped,
  };
  const requested = fit
    ? { ...common, fitted: fittedParams(fit), fitted_from: fit.model.source.run }
    : options.method === 'pca'
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
    if (fit) checkReaderGeometry(fit, reader);
    if (reader.count === 0) throw new Error(`${store} has no readable model inputs`);
    runId = startRun(workspace.db, { kind: 'embedding', method: options.method, modality, params: requested });
    const progress = { onProgress: options.onProgress, signal: options.signal };
    const computed = fit
      ? await applyFit(workspace, reader, runner, fit, progress)
      : options.method === 'pca'
        ? await fitPca(workspace, reader, runner, runId, options)
        : await fitFeatures(reader, runner, progress);
    const { vectors, dim } = computed;
    options.signal?.throwIfAborted();
    options.onProgress?.(0, 1, 'write');
    const written = await saveRunArray(workspace.paths.embeddings, runId, {
      data: vectors,
      rows: reader.count,
      columns: dim,
      ids: reader.ids,
    });
    computed.keep?.(runId);
    options.onProgress?.(1, 1, 'write');
    finishRun(workspace.db, runId, 'done', undefined, { ...requested, ...computed.params, threads: runner.threads });
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

/** A PCA fitted on a sample of this workspace's objects; its model is kept as the run's fitted file. */
async function fitPca(
  workspace: Workspace,
  reader: ModelInputReader,
  runner: EmbeddingTaskRunner,
  runId: string,
  options: EmbeddingRunOptions,
): Promise<Computed> {
  const pca = await pcaEmbedding(reader, runner, {
    onProgress: options.onProgress,
    signal: options.signal,
    dim: options.dim,
    sample: options.sample,
    seed: options.seed,
    spectrum: options.modality === 'spectrum',
  });
  const ratios = Array.from(pca.model.explainedVarianceRatio, (r) => Number(r.toPrecision(6)));
  const model = encodeFittedModel({
    kind: 'pca',
    source: sourceOfRun(getRun(workspace.db, runId)!),
    input: readerGeometry(workspace, reader),
    bin: pca.pixelBin,
    pixelDim: pca.model.dim,
    components: pca.model.components,
    mean: pca.model.mean,
    componentsT: pca.model.componentsT,
    explainedVarianceRatio: ratios,
  });
  return {
    vectors: pca.vectors,
    dim: pca.dim,
    params: {
      dim: pca.dim,
      sample_rows: pca.sampleRows,
      pixel_bin: pca.pixelBin,
      pixel_dim: pca.model.dim,
      explained_variance_ratio: ratios,
      explained_variance_total: Number(ratios.reduce((a, b) => a + b, 0).toPrecision(6)),
    },
    // A fitted file describes image inputs; a spectrum PCA keeps none (export-fitted has nothing to write).
    keep: options.modality === 'spectrum' ? undefined : (id) => writeFileAtomicSync(runModelPath(workspace, id), model),
  };
}

async function fitFeatures(
  reader: ModelInputReader,
  runner: EmbeddingTaskRunner,
  progress: Progress,
): Promise<Computed> {
  const features = await featuresEmbedding(reader, runner, progress);
  return {
    vectors: features.vectors,
    dim: features.dim,
    params: {
      dim: features.dim,
      feature_names: features.names,
      standardise: { method: 'median-iqr', centre: features.centre, scale: features.scale },
    },
  };
}

/** Every object transformed by a fitted file's model; the file is kept in the workspace with the run. */
async function applyFit(
  workspace: Workspace,
  reader: ModelInputReader,
  runner: EmbeddingTaskRunner,
  fit: LoadedFit<EmbeddingFit>,
  progress: Progress,
): Promise<Computed> {
  const keep = (): void => keepFittedCopy(workspace, fit);
  const model = fit.model;
  if (model.kind === 'pca') {
    const projection = {
      dim: model.pixelDim,
      components: model.components,
      mean: model.mean,
      componentsT: model.componentsT,
    };
    const vectors = await projectPixels(reader, runner, projection, model.bin, progress);
    const params = { dim: model.components, pixel_bin: model.bin, pixel_dim: model.pixelDim };
    return { vectors, dim: model.components, params, keep };
  }
  const scaling = { centre: model.centre, scale: model.scale, clip: model.clip };
  const features = await featuresEmbedding(reader, runner, { ...progress, scaling });
  return {
    vectors: features.vectors,
    dim: features.dim,
    params: { dim: features.dim, feature_names: features.names },
    keep,
  };
}
