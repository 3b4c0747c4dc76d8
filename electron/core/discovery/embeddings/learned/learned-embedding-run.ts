// `serendip embed --method autoencoder|contrastive [--modality spectrum]`: trains an image
// (or spectrum) model on a seeded sample of one model-input store, on a worker thread,
// checkpointing every epoch into models/<run>/, then encodes every object on one worker per
// core into embeddings/<run>.npy (+ .ids.npy). The autoencoder's reconstruction errors become
// a score run of their own (method `reconstruction`, child of the embedding run). The backend
// and device that did the work are stored in the run's params and reported as they are chosen.
// A killed or cancelled run keeps its checkpoint and resumes with `resume: <run id>`.
import { join } from 'node:path';
import { finishRun, getRun, reopenRun, startRun, updateRunParams } from '../../../workspace/repositories/runs-repo.js';
import { inTransaction } from '../../../workspace/database.js';
import { SeededRandom } from '../../seeded-random.js';
import type { Workspace } from '../../../workspace/workspace.js';
import { runModelTask } from './model-task-runner.js';
import type { ModelTaskEvent, TrainedNetworks } from './model-task.js';
import { encodeObjects, type EncodeEngine, type Encoding } from './learned-encode.js';
import { saveRunArray } from '../../run-arrays.js';
import { ModelFolder } from './model-folder.js';
import { ModelInputReader, inputStores } from '../model-input-batches.js';
import type { BackendChoice, BackendName, SelectedBackend } from '../../../../../native-models/backends/index.js';
import { deviceFailureKind } from '../../../../../native-models/backends/device-failures.js';
import type { LearnedModelKind } from '../../../../../native-models/model-architecture.js';
import type { LearnedModelConfig } from '../../../../../native-models/model-config.js';
import type { EpochRecord } from '../../../../../native-models/training/train-model.js';

export interface LearnedEmbeddingOptions {
  method: LearnedModelKind;
  /** Which objects: images (default) or spectra. */
  modality?: 'image' | 'spectrum';
  dim?: number;
  /** Objects trained on (a seeded sample); default all, up to the backend's default (training-sizes.ts). */
  sample?: number;
  epochs?: number;
  /** Default by backend: larger on a GPU (training-sizes.ts). */
  batchSize?: number;
  /** Filters per convolution ×width; default by backend (wider on a GPU). */
  width?: number;
  seed?: number;
  backend?: BackendChoice;
  store?: string;
  /** Continue this unfinished run from its last checkpoint (its own parameters are kept). */
  resume?: string;
  /** Encoding threads; default min(2, cores), 1 below 1,024 objects. */
  encodeWorkers?: number;
  /** Who encodes once trained (default auto: onnxruntime where it is faster, see learned-encode.ts). */
  encodeEngine?: EncodeEngine;
  /** Run on the calling thread (tests of the TypeScript sources). */
  inProcess?: boolean;
  /** `detail` changes every step (epoch, loss, images/s); `stage` only between phases. */
  onProgress?: (done: number, total: number, stage: string, detail?: string) => void;
  /** The backend chosen, as soon as it is known (for the user). */
  onBackend?: (selected: SelectedBackend) => void;
  signal?: AbortSignal;
}

export interface LearnedEmbeddingResult {
  runId: string;
  count: number;
  dim: number;
  backend: SelectedBackend;
  /** The autoencoder's reconstruction-error score run. */
  reconstructionRun: string | null;
  trainImagesPerSecond: number;
  encodeImagesPerSecond: number;
}

export const DEFAULT_LEARNED_DIM = 32;
export const DEFAULT_EPOCHS: Record<LearnedModelKind, number> = { autoencoder: 15, contrastive: 12 };
const LEARNING_RATE = 1e-3;

interface StoredParams {
  modality: 'image' | 'spectrum';
  store: string;
  size: number;
  bands: number;
  objects: number;
  dim: number;
  /** Objects trained on, batch and width: null until the backend is known and sets the default. */
  sample: number | null;
  epochs: number;
  batch_size: number | null;
  width: number | null;
  /** The batch before out-of-memory halved it (once), if it did. */
  batch_halved_from?: number;
  seed: number;
  learning_rate: number;
  backend_requested: BackendChoice;
}

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
  if (!store) {
    const what = modality === 'image' ? 'images' : 'spectra';
    throw new Error(`no ${modality} model inputs to embed: ingest some ${what} first`);
  }
  const reader = ModelInputReader.open(workspace, store, { spectra: modality === 'spectrum' });
  const progress = options.onProgress ?? (() => undefined);
  let runId: string | null = null;
  try {
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

type Progress = NonNullable<LearnedEmbeddingOptions['onProgress']>;

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

/** A run just opened (started or reopened): what is known before any model work. */
interface OpenedRun {
  workspace: Workspace;
  options: LearnedEmbeddingOptions;
  progress: Progress;
  id: string;
  modality: 'image' | 'spectrum';
  store: string;
  reader: ModelInputReader;
  /** Shared by every phase: training records its sample size here. */
  params: StoredParams;
  /** True when continuing an unfinished run (its checkpoint, if any, is where training starts). */
  resumed: boolean;
}

/** What every phase of one run works with. */
interface LearnedRun extends OpenedRun {
  folder: ModelFolder;
  config: LearnedModelConfig;
  backend: BackendChoice;
  inputsPath: string;
  /** The objects training may draw on, in a seeded order. */
  candidateRows: Int32Array;
}

/** The run's model folder, model configuration and training candidates. */
function prepareRun(run: OpenedRun): LearnedRun {
  const { workspace, options, modality, reader, params } = run;
  const folder = new ModelFolder(workspace, run.id);
  const common = {
    kind: options.method,
    dim: params.dim,
    seed: params.seed,
    learningRate: params.learning_rate,
    ...(params.width === null ? {} : { width: params.width }),
  };
  const config: LearnedModelConfig =
    modality === 'spectrum'
      ? { ...common, modality, geometry: { length: params.size, channels: params.bands } }
      : { ...common, modality, geometry: { size: params.size, bands: params.bands } };
  const backend: BackendChoice = options.backend ?? params.backend_requested;
  const inputsPath = join(workspace.paths.inputs, run.store);
  // A seeded order of every object: the trainer takes a prefix, as large as its backend allows.
  const random = new SeededRandom(params.seed);
  const candidates = random.sampleWithoutReplacement(reader.count, params.sample ?? reader.count);
  const candidateRows = Int32Array.from(candidates, (p) => reader.rows[p]);
  return { ...run, folder, config, backend, inputsPath, candidateRows };
}

interface Training {
  networks: TrainedNetworks;
  backend: SelectedBackend;
  /** Every epoch trained, those of earlier attempts included. */
  log: LoggedEpoch[];
  /** Measured while training; 0 when this attempt trained no step. */
  objectsPerSecond: number;
}

/** An epoch of the training log, with the backend that trained it (a run may resume on another). */
type LoggedEpoch = EpochRecord & { backend?: BackendName };

/**
 * Trains the model, checkpointing every epoch. A GPU out of memory halves the batch once and
 * trains on from the last checkpoint; any other failure ends the run with its reason and how
 * to resume it (a lost device included: the checkpoint is where the resume starts).
 */
async function train(run: LearnedRun): Promise<Training> {
  const { params } = run;
  try {
    return await trainAttempt(run, run.resumed);
  } catch (error) {
    const batch = params.batch_size;
    const halve =
      deviceFailureKind(error) === 'out-of-memory' &&
      params.batch_halved_from === undefined &&
      batch !== null &&
      batch > 2 &&
      !run.options.signal?.aborted;
    if (!halve) throw explainFailure(run, error);
    params.batch_halved_from = batch;
    params.batch_size = Math.floor(batch / 2);
    updateRunParams(run.workspace.db, run.id, params);
    run.progress(0, 1, `note: out of GPU memory at batch ${batch}; training on at batch ${params.batch_size}`);
    try {
      return await trainAttempt(run, true);
    } catch (again) {
      throw explainFailure(run, again);
    }
  }
}

/** A device failure, said with what to do next: the run keeps its checkpoint. */
function explainFailure(run: LearnedRun, error: unknown): unknown {
  const kind = deviceFailureKind(error);
  if (kind === null || run.options.signal?.aborted) return error;
  const message = error instanceof Error ? error.message : String(error);
  const epoch = run.folder.loadCheckpoint()?.epoch ?? 0;
  const from = epoch > 0 ? `from epoch ${epoch}'s checkpoint` : 'from the start';
  const advice =
    kind === 'out-of-memory'
      ? `resume with --resume ${run.id} --batch-size ${Math.max(2, Math.floor((run.params.batch_size ?? 4) / 2))}`
      : `resume with --resume ${run.id}`;
  return new Error(`${message}; ${advice} (it continues ${from})`, { cause: error });
}

/**
 * One attempt at training: from the run's checkpoint when `fromCheckpoint`, on the backend the
 * run asks for; saves the trained networks and the finished training log.
 */
async function trainAttempt(run: LearnedRun, fromCheckpoint: boolean): Promise<Training> {
  const { workspace, options, progress, folder, config, params } = run;
  let selected: SelectedBackend | null = null;
  let networks: TrainedNetworks | null = null;
  let log: LoggedEpoch[] = [];
  let trainRate = 0;
  const checkpoint = fromCheckpoint ? folder.loadCheckpoint() : null;
  const onTrainEvent = (event: ModelTaskEvent): void => {
    if (event.type === 'backend') {
      selected = event.selected;
      options.onBackend?.(event.selected);
    } else if (event.type === 'training-sizes') {
      // Recorded before the first step, so a resume on another backend keeps them.
      params.sample = event.sizes.sample;
      params.batch_size = event.sizes.batchSize;
      params.width = event.sizes.width;
      config.width = event.sizes.width;
      updateRunParams(workspace.db, run.id, params);
    } else if (event.type === 'progress') {
      const p = event.progress;
      trainRate = p.objectsPerSecond;
      const rate = Math.round(p.objectsPerSecond).toLocaleString('en-US');
      const detail = `epoch ${p.epoch}/${p.epochs}, loss ${p.loss.toPrecision(4)}, ${rate} images/s`;
      progress((p.epoch - 1) * p.stepsPerEpoch + p.step, p.epochs * p.stepsPerEpoch, 'train', detail);
    } else if (event.type === 'checkpoint') {
      // The epoch's log line before its checkpoint: killed in between, a resume starts from the
      // previous checkpoint and drops the line (see below), so the log never misses an epoch.
      log.push({ ...event.record, backend: (selected as SelectedBackend | null)?.name });
      folder.saveTrainingLog({ config, params, backend: selected, epochs: log, finished: false });
      folder.saveCheckpoint(event.checkpoint);
    } else if (event.type === 'trained') {
      networks = event.networks;
    }
  };
  if (checkpoint) log = folder.loadEpochLog().filter((record) => record.epoch <= checkpoint.epoch);
  const sizes = { sample: params.sample, batchSize: params.batch_size, width: params.width };
  await runModelTask(
    {
      type: 'train',
      backend: run.backend,
      config,
      inputs: { path: run.inputsPath, rows: run.candidateRows },
      sizes,
      epochs: params.epochs,
      resumeFrom: checkpoint ?? undefined,
    },
    { onEvent: onTrainEvent, signal: options.signal, inProcess: options.inProcess },
  );
  if (!networks || !selected) throw new Error('training ended without a model');
  const trained: TrainedNetworks = networks;
  const backendUsed: SelectedBackend = selected;
  folder.saveNetworks(trained);
  const resumedFromEpoch = checkpoint?.epoch ?? null;
  folder.saveTrainingLog({ config, params, backend: backendUsed, epochs: log, resumedFromEpoch, finished: true });
  return { networks: trained, backend: backendUsed, log, objectsPerSecond: trainRate };
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
  };
}
