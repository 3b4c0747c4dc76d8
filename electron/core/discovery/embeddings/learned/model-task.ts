// The work of the learned models, as self-contained tasks that run on a worker
// thread (model-worker.ts) or, when the project is not built, on the calling thread:
// - `train`: activate the backend, read the training sample from the workspace's float16
//   model-input file, train (resuming from a checkpoint if given), and hand back a
//   checkpoint after each epoch and the trained networks at the end;
// - `encode`: load the trained networks and encode a range of objects in streamed batches.
// Messages carry only plain data and typed arrays, so they cross threads unchanged.
import { fromFloat16Bits } from '../../../formats/arrays/float16.js';
import { NpyRowFile, readRowRuns } from '../../../formats/arrays/npy-row-file.js';
import { SeededRandom } from '../../seeded-random.js';
import {
  checkActiveDevice,
  selectBackend,
  type BackendChoice,
  type SelectedBackend,
} from '../../../../../native-models/backends/index.js';
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
import {
  trainModel,
  type EpochRecord,
  type TrainingProgress,
} from '../../../../../native-models/training/train-model.js';
import type { TaskService } from '../../../util/worker-tasks.js';

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
  | { type: 'encoded'; vectors: Float32Array; reconstructionError: Float32Array | null };

/** The random stream of one training epoch: fixed by (seed, epoch), so a resumed run repeats it. */
export function epochRandom(seed: number, epoch: number): SeededRandom {
  return new SeededRandom((seed ^ Math.imul(epoch + 1, 0x9e3779b9)) >>> 0);
}

function openInputs(inputs: InputRows, inputLength: number): NpyRowFile {
  const file = NpyRowFile.openReadOnly(inputs.path);
  if (file.rowLength !== inputLength || file.dtype !== '<f2') {
    file.close();
    throw new Error(
      `${inputs.path} holds rows of ${file.rowLength} ${file.dtype} values; the model needs ${inputLength} float16`,
    );
  }
  return file;
}

/** The training sample, kept as float16 (half the memory) and decoded a batch at a time. */
function loadTrainingSet(inputs: InputRows, inputLength: number): TrainingSet {
  const file = openInputs(inputs, inputLength);
  let half: Uint16Array;
  try {
    half = readRowRuns(file, inputs.rows) as Uint16Array;
  } finally {
    file.close();
  }
  return {
    count: inputs.rows.length,
    inputLength,
    read(indices, out) {
      for (let k = 0; k < indices.length; k++) {
        const at = indices[k] * inputLength;
        out.set(fromFloat16Bits(half.subarray(at, at + inputLength)), k * inputLength);
      }
    },
  };
}

async function train(
  task: TrainTask,
  selected: SelectedBackend,
  emit: (event: ModelTaskEvent) => void,
  shouldStop: () => boolean,
): Promise<void> {
  const device = { name: selected.name, hardwareGpu: selected.hardwareGpu };
  const sizes = resolveTrainingSizes(task.config.kind, device, task.sizes, task.inputs.rows.length);
  emit({ type: 'training-sizes', sizes });
  // In file order, so the sample is read front to back.
  const rows = task.inputs.rows.slice(0, sizes.sample).sort();
  const model = new LearnedModel({ ...task.config, width: sizes.width });
  try {
    if (task.resumeFrom) await restoreCheckpoint(model, task.resumeFrom);
    const set = loadTrainingSet({ path: task.inputs.path, rows }, model.inputLength);
    const outcome = await trainModel(model, set, {
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

async function encode(
  task: EncodeTask,
  emit: (event: ModelTaskEvent) => void,
  shouldStop: () => boolean,
): Promise<void> {
  const [encoder, head] = await Promise.all([
    modelFromFiles(task.networks.encoder),
    modelFromFiles(task.networks.head),
  ]);
  const model = new LearnedModel(task.config, { encoder, trainingHead: head });
  const file = openInputs(task.inputs, model.inputLength);
  try {
    const { rows } = task.inputs;
    const dim = task.config.dim;
    const vectors = new Float32Array(rows.length * dim);
    const reconstructionError = task.config.kind === 'autoencoder' ? new Float32Array(rows.length) : null;
    const batch = new Float32Array(task.batchSize * model.inputLength);
    for (let start = 0; start < rows.length; start += task.batchSize) {
      if (shouldStop()) throw new Error('cancelled');
      const count = Math.min(task.batchSize, rows.length - start);
      batch.set(fromFloat16Bits(readRowRuns(file, rows.subarray(start, start + count)) as Uint16Array));
      const encoded = await model.encode(batch, count);
      vectors.set(encoded.vectors, start * dim);
      if (reconstructionError && encoded.reconstructionError)
        reconstructionError.set(encoded.reconstructionError, start);
      emit({ type: 'encoded-progress', done: start + count, total: rows.length });
    }
    emit({ type: 'encoded', vectors, reconstructionError });
  } finally {
    file.close();
    model.dispose();
  }
}

/**
 * Runs one task, reporting through `emit`; the last event is `trained` or `encoded`.
 * `shouldStop` is asked between steps (on a worker, cancelling terminates the thread instead).
 */
function transferablesOf(event: ModelTaskEvent): ArrayBuffer[] {
  switch (event.type) {
    case 'encoded':
      return [
        event.vectors.buffer as ArrayBuffer,
        ...(event.reconstructionError ? [event.reconstructionError.buffer as ArrayBuffer] : []),
      ];
    case 'checkpoint':
      return [event.checkpoint.data.buffer as ArrayBuffer];
    default:
      return [];
  }
}

/** A thread's model service: runs a task, posting every event (its large buffers moved). */
export function createModelService(): TaskService<ModelTask, null, ModelTaskEvent> {
  return {
    async perform(task, context) {
      await performModelTask(
        task,
        (event) => context.emit(event, transferablesOf(event)),
        () => context.cancelled,
      );
      return null;
    },
  };
}

export async function performModelTask(
  task: ModelTask,
  emit: (event: ModelTaskEvent) => void,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  const selected = await selectBackend(task.backend);
  emit({ type: 'backend', selected });
  if (task.type === 'train') await train(task, selected, emit, shouldStop);
  else await encode(task, emit, shouldStop);
}
