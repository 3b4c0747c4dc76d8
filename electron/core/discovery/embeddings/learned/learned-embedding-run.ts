// `serendip embed --method autoencoder|contrastive [--modality spectrum]`: trains an image
// (or spectrum) model on a seeded sample of one model-input store, on a worker thread,
// checkpointing every epoch into models/<run>/, then encodes every object on one worker per
// core into embeddings/<run>.npy (+ .ids.npy). The autoencoder's reconstruction errors become
// a score run of their own (method `reconstruction`, child of the embedding run). Each object's
// stability under the training augmentations (view-stability.ts) is saved beside the embedding
// as `<run>.stability.npy`. The backend
// and device that did the work are stored in the run's params and reported as they are chosen.
// A killed or cancelled run keeps its checkpoint and resumes with `resume: <run id>`.
import { join } from 'node:path';
import { finishRun, getRun, reopenRun, startRun } from '../../../workspace/repositories/runs-repo.js';
import { inTransaction } from '../../../workspace/database.js';
import { SeededRandom } from '../../seeded-random.js';
import type { Workspace } from '../../../workspace/workspace.js';
import { encodeObjects, type Encoding } from './learned-encode.js';
import { train, type Training } from './learned-training.js';
import { learnedConfigOf } from './learned-run.js';
import type { LearnedEmbeddingOptions, LearnedRun, OpenedRun, Progress, StoredParams } from './learned-run.js';
import { saveRunArray } from '../../run-arrays.js';
import { STABILITY_VIEWS, typicalNeighbourDistance, viewStability } from './view-stability.js';
import { stabilityName } from './stability-file.js';
import { ModelFolder } from './model-folder.js';
import { ModelInputReader, inputStores, noModelInputs } from '../model-input-batches.js';
import type { BackendChoice, SelectedBackend } from '../../../../../native-models/backends/index.js';
import type { LearnedModelKind } from '../../../../../native-models/model-architecture.js';

export type { LearnedEmbeddingOptions } from './learned-run.js';

export interface LearnedEmbeddingResult {
  runId: string;
  count: number;
  dim: number;
  backend: SelectedBackend;
  /** The autoencoder's reconstruction-error score run. */
  reconstructionRun: string | null;
  trainImagesPerSecond: number;
  encodeImagesPerSecond: number;
  /** What encoded, in words: onnxruntime's provider, or tfjs and its backend. */
  encodedWith: string;
}

export const DEFAULT_LEARNED_DIM = 32;
export const DEFAULT_EPOCHS: Record<LearnedModelKind, number> = { autoencoder: 15, contrastive: 12 };
const LEARNING_RATE = 1e-3;

function freshParams(reader: ModelInputReader, options: LearnedEmbeddingOptions): StoredParams {
  return {
    modality: options.modality ?? 'image',
    store: reader.store,
    size: reader.size,
    bands: reader.bands,
    objects: reader.count,
    dim: options.dim ?? DEFAULT_LEARNED_DIM,
    sample: options.sample === undefined ? null : Math.min(reader.count, options.sample),
    epochs: options.epochs ?? DEFAULT_EPOCHS[options.method],
    batch_size: options.batchSize ?? null,
    width: options.width ?? null,
    seed: options.seed ?? 0,
    learning_rate: LEARNING_RATE,
    backend_requested: options.backend ?? 'auto',
  };
}

/** The run to resume: an unfinished embedding run of the same method, with its stored parameters. */
function resumable(workspace: Workspace, runId: string, method: LearnedModelKind): StoredParams {
  const run = getRun(workspace.db, runId);
  if (!run || run.kind !== 'embedding') throw new Error(`no embedding run ${runId} to resume`);
  if (run.method !== method) throw new Error(`run ${runId} is a ${run.method} run, not ${method}`);
  if (run.status === 'done') throw new Error(`run ${runId} has already finished`);
  const params = JSON.parse(run.params) as StoredParams;
  // Runs from before the width was recorded trained the narrow networks their checkpoints hold.
  params.width ??= params.batch_size === null ? null : 1;
  return params;
}

export async function runLearnedEmbedding(
  workspace: Workspace,
  options: LearnedEmbeddingOptions,
): Promise<LearnedEmbeddingResult> {
  const resumed = options.resume ? resumable(workspace, options.resume, options.method) : null;
  const modality = resumed?.modality ?? options.modality ?? 'image';
  const store = resumed?.store ?? options.store ?? inputStores(workspace.db, modality)[0]?.name;
  if (!store) throw new Error(noModelInputs(modality));
  const reader = ModelInputReader.open(workspace, store, { spectra: modality === 'spectrum' });
  const progress = options.onProgress ?? (() => undefined);
  let runId: string | null = null;
  try {
    // A merged workspace's inputs span several shards' files: refused before any run is recorded.
    void reader.rows;
    const params = runParams(reader, store, resumed, options, progress);
    runId = openRun(workspace, options, modality, params);
    const opened = { workspace, options, progress, modality, store, reader, params };
    const run = prepareRun({ ...opened, id: runId, resumed: resumed !== null });
    const training = await train(run);
    const encoding = await encodeObjects({
      config: run.config,
      networks: training.networks,
      backend: training.backend.name,
      inputsPath: run.inputsPath,
      rows: reader.rows,
      workers: options.encodeWorkers,
      engine: options.encodeEngine,
      inProcess: options.inProcess,
      signal: options.signal,
      progress,
      stabilitySeed: options.stability === false ? undefined : run.params.seed,
    });
    return await saveAndFinish(run, training, encoding);
  } catch (err) {
    if (runId) {
      const cancelled = options.signal?.aborted ?? false;
      const message = cancelled
        ? `cancelled; resume with --resume ${runId}`
        : err instanceof Error
          ? err.message
          : String(err);
      finishRun(workspace.db, runId, cancelled ? 'cancelled' : 'failed', message);
    }
    throw err;
  } finally {
    reader.close();
  }
}

/** The stored parameters of the run: the resumed run's own, or fresh ones from the options. */
function runParams(
  reader: ModelInputReader,
  store: string,
  resumed: StoredParams | null,
  options: LearnedEmbeddingOptions,
  progress: Progress,
): StoredParams {
  if (reader.count < 2) {
    throw new Error(`${store} has ${reader.count} readable model inputs; training needs at least 2`);
  }
  const params = resumed ?? freshParams(reader, options);
  // A resumed run keeps its sizes, except the batch: it does not shape the weights, and a
  // smaller one is how a run that ran out of GPU memory carries on.
  if (resumed && options.batchSize !== undefined) params.batch_size = options.batchSize;
  if (resumed && resumed.objects !== reader.count) {
    progress(0, 1, `note: the store now holds ${reader.count} objects (the run began with ${resumed.objects})`);
  }
  return params;
}

/** Reopens the run being resumed, or starts a new one; its id. */
function openRun(
  workspace: Workspace,
  options: LearnedEmbeddingOptions,
  modality: 'image' | 'spectrum',
  params: StoredParams,
): string {
  if (options.resume) reopenRun(workspace.db, options.resume);
  return options.resume ?? startRun(workspace.db, { kind: 'embedding', method: options.method, modality, params });
}

/** The run's model folder, model configuration and training candidates. */
function prepareRun(run: OpenedRun): LearnedRun {
  const { workspace, options, modality, reader, params } = run;
  const folder = new ModelFolder(workspace, run.id);
  const config = learnedConfigOf(options.method, { ...params, modality });
  const backend: BackendChoice = options.backend ?? params.backend_requested;
  const inputsPath = join(workspace.paths.inputs, run.store);
  // A seeded order of every object: the trainer takes a prefix, as large as its backend allows.
  const random = new SeededRandom(params.seed);
  const candidates = random.sampleWithoutReplacement(reader.count, params.sample ?? reader.count);
  const candidateRows = Int32Array.from(candidates, (p) => reader.rows[p]);
  return { ...run, folder, config, backend, inputsPath, candidateRows };
}

/** Saves each object's view distance over the typical neighbour distance; that distance, or null without views. */
async function saveStability(run: LearnedRun, encoding: Encoding): Promise<number | null> {
  const { workspace, reader, params, id } = run;
  if (!encoding.viewDistance) return null;
  const typical = typicalNeighbourDistance(encoding.vectors, reader.count, params.dim, params.seed);
  const stability = { data: viewStability(encoding.viewDistance, typical), rows: reader.count, columns: 1 };
  await saveRunArray(workspace.paths.embeddings, stabilityName(id), { ...stability, ids: reader.ids });
  return Number(typical.toPrecision(6));
}

/**
 * Saves the vectors (and the autoencoder's reconstruction-error score run), marks the run
 * done, and only then drops the checkpoint.
 */
async function saveAndFinish(run: LearnedRun, training: Training, encoding: Encoding): Promise<LearnedEmbeddingResult> {
  const { workspace, reader, params, id: runId } = run;
  const { log, backend: backendUsed } = training;
  const { vectors, errors } = encoding;
  const embedding = { data: vectors, rows: reader.count, columns: params.dim, ids: reader.ids };
  await saveRunArray(workspace.paths.embeddings, runId, embedding);
  const typicalNeighbour = await saveStability(run, encoding);
  let reconstructionRun: string | null = null;
  if (errors) {
    reconstructionRun = startRun(workspace.db, {
      kind: 'score',
      method: 'reconstruction',
      modality: run.modality,
      parentRun: runId,
      params: { embeddingRun: runId },
    });
    const scores = { data: errors, rows: reader.count, columns: 1, ids: reader.ids };
    await saveRunArray(workspace.paths.scores, reconstructionRun, scores);
  }
  const lastLoss = log.at(-1)?.meanLoss ?? null;
  // Resumed after its last epoch, a run trains no further and measures no rate: the epochs' log has it.
  let trainRate = training.objectsPerSecond;
  const loggedSeconds = log.reduce((sum, record) => sum + record.seconds, 0);
  if (trainRate === 0 && loggedSeconds > 0) {
    trainRate = ((params.sample ?? run.candidateRows.length) * log.length) / loggedSeconds;
  }
  const encodeRate = encoding.objectsPerSecond;
  const scoreRun = reconstructionRun;
  // Both at once: a kill in between must not leave a done score run of an unfinished embedding.
  inTransaction(workspace.db, () => {
    if (scoreRun) finishRun(workspace.db, scoreRun, 'done');
    finishRun(workspace.db, runId, 'done', undefined, {
      ...params,
      backend: backendUsed.name,
      device: backendUsed.device,
      final_loss: lastLoss,
      train_images_per_second: Number(trainRate.toPrecision(4)),
      encode_images_per_second: Number(encodeRate.toPrecision(4)),
      encode_threads: encoding.threads,
      encode_engine: encoding.engine,
      encode_device: encoding.device,
      ...(encoding.engineReason ? { encode_engine_reason: encoding.engineReason } : {}),
      model_folder: `models/${runId}`,
      ...(typicalNeighbour === null
        ? {}
        : { stability_views: STABILITY_VIEWS, stability_neighbour_distance: typicalNeighbour }),
    });
  });
  // Only now: until the run is done, a kill anywhere after training resumes from the last
  // epoch's checkpoint (the train task restores it and trains no further) instead of from scratch.
  run.folder.dropCheckpoint();
  return {
    runId,
    count: reader.count,
    dim: params.dim,
    backend: backendUsed,
    reconstructionRun,
    trainImagesPerSecond: trainRate,
    encodeImagesPerSecond: encodeRate,
    encodedWith: encoding.device,
  };
}
