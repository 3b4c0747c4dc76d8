// The work of the learned models, written once for every place it runs: a Node worker thread
// (model-task.ts reads the workspace's model-input file itself) and the desktop app's GPU window
// (a page's Worker asks the main process for each batch, model-job-protocol.ts). So no `node:`
// imports here, and the model inputs come from a RowSource.
// - `train`: read the training sample a batch at a time, train (resuming from a checkpoint if
//   given), and hand back a checkpoint after each epoch and the trained networks at the end;
// - `encode`: load the trained networks and encode a range of objects in streamed batches.
// Tasks and events are plain data and typed arrays, so they cross threads and processes unchanged.
import { SeededRandom } from '../../seeded-random.js';
import { meanViewDistance } from './view-stability.js';
import type { BackendChoice, SelectedBackend } from '../../../../../native-models/backends/backend-interface.js';
import { LearnedModel } from '../../../../../native-models/learned-model.js';
import type { LearnedModelConfig } from '../../../../../native-models/model-config.js';
import {
  captureCheckpoint,
  restoreCheckpoint,
  type Checkpoint,
} from '../../../../../native-models/training/checkpoint.js';
import { modelFromFiles, modelToFiles } from '../../../../../native-models/training/model-files.js';
import type { ModelFiles } from '../../../../../native-models/training/model-file-layout.js';
import type { TrainingSet } from '../../../../../native-models/training/training-set.js';
import {
  resolveTrainingSizes,
  type RequestedSizes,
  type TrainingSizes,
} from '../../../../../native-models/training/training-sizes.js';
import { checkActiveDevice } from '../../../../../native-models/backends/backend-selection.js';
import {
  trainModel,
  type EpochRecord,
  type TrainingProgress,
} from '../../../../../native-models/training/train-model.js';

/** Rows of one model-input file (inputs/<store>.npy) to read, in this order. */
export interface InputRows {
  path: string;
  rows: Int32Array;
}

export interface TrainTask {
  type: 'train';
  backend: BackendChoice;
  config: LearnedModelConfig;
  /** Candidate rows in a seeded random order; the first `sizes.sample` are trained on. */
  inputs: InputRows;
  /** Sizes the run fixed; the rest default for the backend chosen (training-sizes.ts). */
  sizes: RequestedSizes;
  epochs: number;
  resumeFrom?: Checkpoint;
}

export interface EncodeTask {
  type: 'encode';
  backend: BackendChoice;
  config: LearnedModelConfig;
  networks: TrainedNetworks;
  inputs: InputRows;
  batchSize: number;
  /** Set: also each object's mean distance to its augmented views (view-stability.ts), views seeded by it. */
  stabilitySeed?: number;
}

export type ModelTask = TrainTask | EncodeTask;

export interface TrainedNetworks {
  encoder: ModelFiles;
  /** The autoencoder's decoder or the contrastive projection head. */
  head: ModelFiles;
}

export type ModelTaskEvent =
  | { type: 'backend'; selected: SelectedBackend }
  | { type: 'training-sizes'; sizes: TrainingSizes }
  | { type: 'progress'; progress: TrainingProgress }
  | { type: 'checkpoint'; checkpoint: Checkpoint; record: EpochRecord }
  | { type: 'trained'; networks: TrainedNetworks; log: EpochRecord[] }
  | { type: 'encoded-progress'; done: number; total: number }
  | {
      type: 'encoded';
      vectors: Float32Array;
      reconstructionError: Float32Array | null;
      /** Per object, the mean distance to its augmented views (with stabilitySeed only). */
      viewDistance?: Float32Array;
    };

/** Where a job's model inputs come from: the workspace's file (Node), or the main process (a page). */
export interface RowSource {
  /** The model inputs of these rows of `inputs.path`, decoded, one after another. */
  readRows(rows: Int32Array): Promise<Float32Array>;
}

export interface ModelJobContext {
  /** The backend, already active (the caller selected it among the candidates of where it runs). */
  selected: SelectedBackend;
  rows: RowSource;
  emit: (event: ModelTaskEvent) => void;
  /** Asked between steps (a worker or a page is terminated to cancel instead). */
  shouldStop?: () => boolean;
}

/** The random stream of one training epoch: fixed by (seed, epoch), so a resumed run repeats it. */
export function epochRandom(seed: number, epoch: number): SeededRandom {
  return new SeededRandom((seed ^ Math.imul(epoch + 1, 0x9e3779b9)) >>> 0);
}

/** `rows` read through `source`, checked to be whole inputs of the model. */
async function readInputs(
  source: RowSource,
  path: string,
  rows: Int32Array,
  inputLength: number,
): Promise<Float32Array> {
  const values = await source.readRows(rows);
  if (values.length !== rows.length * inputLength) {
    const perRow = rows.length > 0 ? values.length / rows.length : 0;
    throw new Error(`${path} holds rows of ${perRow} values; the model needs ${inputLength}`);
  }
  return values;
}

/** The training sample, read a batch at a time: position i of the set is sample row i. */
function sampleSet(source: RowSource, path: string, rows: Int32Array, inputLength: number): TrainingSet {
  return {
    count: rows.length,
    inputLength,
    async read(indices, out) {
      const batchRows = Int32Array.from({ length: indices.length }, (_, k) => rows[indices[k]]);
      out.set(await readInputs(source, path, batchRows, inputLength));
    },
  };
}

async function train(task: TrainTask, context: ModelJobContext): Promise<void> {
  const { emit, shouldStop } = context;
  const device = { name: context.selected.name, hardwareGpu: context.selected.hardwareGpu };
  const sizes = resolveTrainingSizes(task.config.kind, device, task.sizes, task.inputs.rows.length);
  emit({ type: 'training-sizes', sizes });
  // In file order, so an epoch's reads land near one another.
  const rows = task.inputs.rows.slice(0, sizes.sample).sort();
  const model = new LearnedModel({ ...task.config, width: sizes.width });
  try {
    if (task.resumeFrom) await restoreCheckpoint(model, task.resumeFrom);
    const outcome = await trainModel(model, sampleSet(context.rows, task.inputs.path, rows, model.inputLength), {
      epochs: task.epochs,
      batchSize: sizes.batchSize,
      seed: task.config.seed,
      startEpoch: task.resumeFrom?.epoch ?? 0,
      randomFor: epochRandom,
      onProgress: (progress) => {
        checkActiveDevice();
        emit({ type: 'progress', progress });
      },
      onEpochEnd: async (record) => {
        const checkpoint = await captureCheckpoint(model, record.epoch);
        // Never a checkpoint read back from a failed device: the resume would start from garbage.
        checkActiveDevice();
        emit({ type: 'checkpoint', checkpoint, record });
      },
      shouldStop,
    });
    if (outcome.stopped) throw new Error('cancelled');
    const networks = { encoder: await modelToFiles(model.encoder), head: await modelToFiles(model.trainingHead) };
    emit({ type: 'trained', networks, log: outcome.log });
  } catch (error) {
    // A failed device makes its steps yield garbage (a NaN loss): report the failure, not its symptom.
    checkActiveDevice();
    throw error;
  } finally {
    model.dispose();
  }
}

async function encode(task: EncodeTask, context: ModelJobContext): Promise<void> {
  const { emit, shouldStop } = context;
  const [encoder, head] = await Promise.all([
    modelFromFiles(task.networks.encoder),
    modelFromFiles(task.networks.head),
  ]);
  const model = new LearnedModel(task.config, { encoder, trainingHead: head });
  try {
    const { rows, path } = task.inputs;
    const dim = task.config.dim;
    const vectors = new Float32Array(rows.length * dim);
    const reconstructionError = task.config.kind === 'autoencoder' ? new Float32Array(rows.length) : null;
    const { stabilitySeed } = task;
    const viewDistance = stabilitySeed === undefined ? undefined : new Float32Array(rows.length);
    const makeView = model.architecture.viewMaker();
    for (let start = 0; start < rows.length; start += task.batchSize) {
      if (shouldStop?.()) throw new Error('cancelled');
      const count = Math.min(task.batchSize, rows.length - start);
      const batchRows = rows.subarray(start, start + count);
      const batch = await readInputs(context.rows, path, batchRows, model.inputLength);
      const encoded = await model.encode(batch, count);
      vectors.set(encoded.vectors, start * dim);
      if (reconstructionError && encoded.reconstructionError)
        reconstructionError.set(encoded.reconstructionError, start);
      if (viewDistance && stabilitySeed !== undefined) {
        const encode = async (views: Float32Array, n: number) => (await model.encode(views, n)).vectors;
        const options = { count, dim, inputLength: model.inputLength, rows: batchRows, seed: stabilitySeed };
        viewDistance.set(await meanViewDistance(batch, encoded.vectors, { ...options, makeView, encode }), start);
      }
      emit({ type: 'encoded-progress', done: start + count, total: rows.length });
    }
    emit({ type: 'encoded', vectors, reconstructionError, viewDistance });
  } finally {
    model.dispose();
  }
}

/** Runs one task on the selected backend, reporting through `emit`: `backend` first, `trained` or `encoded` last. */
export async function runModelJob(task: ModelTask, context: ModelJobContext): Promise<void> {
  context.emit({ type: 'backend', selected: context.selected });
  if (task.type === 'train') await train(task, context);
  else await encode(task, context);
}
