// Encodes a learned run's objects through onnxruntime instead of tfjs, on a worker thread
// (learned-onnx-worker.ts) or, in tests, on the calling thread. The trained networks become
// one ONNX graph with the embedding and, for an autoencoder, the reconstruction error
// (native-models/onnx/learned-model-to-onnx.ts), opened on the best execution provider (an
// accelerator checked against the CPU provider on first use), and the float16 model inputs
// stream through it in batches. `acceleratorOnly`: the model trained on a GPU, where tfjs
// encodes fast too, so the CPU provider is declined and the caller keeps tfjs.
// onnxruntime's run blocks the thread it is called on for the whole batch: on a worker, the
// app's main thread stays free.
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';
import { fromFloat16Bits } from '../../../formats/arrays/float16.js';
import type { TaskService } from '../../../util/worker-tasks.js';
import type { InputRows, TrainedNetworks } from './model-task.js';
import { eventTransferables } from './model-job-protocol.js';
import { meanViewDistance } from './view-stability.js';
import { openFloat16Rows, type Float16Rows } from './model-input-rows.js';
import { selectBackend } from '../../../../../native-models/backends/index.js';
import { architectureFor, type LearnedModelConfig } from '../../../../../native-models/model-config.js';
import { modelFromFiles } from '../../../../../native-models/training/model-files.js';
import {
  RECONSTRUCTION_ERROR_OUTPUT,
  learnedModelToOnnx,
} from '../../../../../native-models/onnx/learned-model-to-onnx.js';
import { EXPORT_INPUT, EXPORT_OUTPUT } from '../../../../../native-models/onnx/tfjs-to-onnx.js';
import {
  describeProvider,
  openSession,
  type OnnxProviderChoice,
  type OnnxProviderName,
  type OpenedSession,
} from '../../../../../native-models/onnx/onnx-provider.js';
import type { ProviderCheck, ProviderCheckStore } from '../../../../../native-models/onnx/provider-check.js';

/** Objects in the batch an accelerator is first checked on (kept tiny: a software GPU is slow). */
const CHECK_OBJECTS = 4;

export interface OnnxEncodeTask {
  config: LearnedModelConfig;
  networks: TrainedNetworks;
  inputs: InputRows;
  batchSize: number;
  provider: OnnxProviderChoice;
  /** Decline the CPU provider (the caller then encodes with tfjs). */
  acceleratorOnly: boolean;
  /** CPU provider intra-op threads; default one per core. */
  threads?: number;
  /** The first-use checks recorded on this machine so far; new ones come back as events. */
  checks: ProviderCheck[];
  /** Set: also each object's mean distance to its augmented views (view-stability.ts), views seeded by it. */
  stabilitySeed?: number;
}

export type OnnxEncodeEvent =
  | { type: 'provider'; provider: OnnxProviderName; description: string }
  | { type: 'provider-check'; check: ProviderCheck }
  | { type: 'encoded-progress'; done: number; total: number }
  | { type: 'encoded'; vectors: Float32Array; reconstructionError: Float32Array | null; viewDistance?: Float32Array };

/** Null when encoded, else why onnxruntime was declined. */
export interface OnnxEncodeResult {
  declined: string | null;
}

/** The learned model as ONNX bytes; tfjs reads the weights (wasm: it starts fast on every machine). */
async function exportModel(config: LearnedModelConfig, networks: TrainedNetworks): Promise<Uint8Array> {
  await selectBackend('wasm');
  const encoder = await modelFromFiles(networks.encoder);
  const head = config.kind === 'autoencoder' ? await modelFromFiles(networks.head) : undefined;
  try {
    return learnedModelToOnnx(config, encoder, head);
  } finally {
    encoder.dispose();
    head?.dispose();
  }
}

/** The model-input file, checked to hold whole inputs of the model. */
function openInputs(inputs: InputRows, inputLength: number): Float16Rows {
  const file = openFloat16Rows(inputs.path);
  if (file.rowLength !== inputLength) {
    file.close();
    throw new Error(`${inputs.path} holds rows of ${file.rowLength} values; the model needs ${inputLength}`);
  }
  return file;
}

/** The recorded checks, as a store whose new verdicts go back to the caller as events. */
function checkStore(recorded: ProviderCheck[], emit: (event: OnnxEncodeEvent) => void): ProviderCheckStore {
  let checks = recorded;
  return {
    load: () => checks,
    save(next) {
      const known = new Set(checks.map((c) => JSON.stringify(c)));
      for (const check of next) if (!known.has(JSON.stringify(check))) emit({ type: 'provider-check', check });
      checks = next;
    },
  };
}

export async function encodeWithOnnx(
  task: OnnxEncodeTask,
  emit: (event: OnnxEncodeEvent) => void,
  shouldStop: () => boolean = () => false,
): Promise<OnnxEncodeResult> {
  const shape = architectureFor(task.config).inputShape;
  const inputLength = shape[0] * shape[1] * shape[2];
  const { rows } = task.inputs;
  const file = openInputs(task.inputs, inputLength);
  let opened: OpenedSession | null = null;
  try {
    const read = (start: number, count: number): ort.Tensor =>
      new ort.Tensor('float32', fromFloat16Bits(file.readHalves(rows.subarray(start, start + count))), [
        count,
        ...shape,
      ]);
    const model = await exportModel(task.config, task.networks);
    opened = await openSession(model, task.provider, {
      threads: task.threads ?? availableParallelism(),
      check: {
        store: checkStore(task.checks, emit),
        feeds: () => ({ [EXPORT_INPUT]: read(0, Math.min(CHECK_OBJECTS, rows.length)) }),
      },
    });
    const description = describeProvider(opened);
    if (task.acceleratorOnly && opened.provider === 'cpu') return { declined: description };
    emit({ type: 'provider', provider: opened.provider, description });
    const dim = task.config.dim;
    const vectors = new Float32Array(rows.length * dim);
    const reconstructionError = task.config.kind === 'autoencoder' ? new Float32Array(rows.length) : null;
    const { stabilitySeed } = task;
    const viewDistance = stabilitySeed === undefined ? undefined : new Float32Array(rows.length);
    const session = opened.session;
    const makeView = architectureFor(task.config).viewMaker();
    // The views' vectors only: onnxruntime's outputs are copied out before their tensors go.
    const encode = async (views: Float32Array, n: number): Promise<Float32Array> => {
      const input = new ort.Tensor('float32', views, [n, ...shape]);
      const results = await session.run({ [EXPORT_INPUT]: input });
      const out = Float32Array.from(results[EXPORT_OUTPUT].data as Float32Array);
      for (const tensor of [input, ...Object.values(results)]) tensor.dispose();
      return out;
    };
    for (let start = 0; start < rows.length; start += task.batchSize) {
      if (shouldStop()) throw new Error('cancelled');
      const count = Math.min(task.batchSize, rows.length - start);
      const pixels = read(start, count);
      const results = await session.run({ [EXPORT_INPUT]: pixels });
      const encoded = results[EXPORT_OUTPUT].data as Float32Array;
      vectors.set(encoded, start * dim);
      reconstructionError?.set(results[RECONSTRUCTION_ERROR_OUTPUT].data as Float32Array, start);
      if (viewDistance && stabilitySeed !== undefined) {
        const options = { count, dim, inputLength, rows: rows.subarray(start, start + count), seed: stabilitySeed };
        const batch = pixels.data as Float32Array;
        viewDistance.set(await meanViewDistance(batch, encoded, { ...options, makeView, encode }), start);
      }
      for (const tensor of [pixels, ...Object.values(results)]) tensor.dispose();
      emit({ type: 'encoded-progress', done: start + count, total: rows.length });
    }
    emit({ type: 'encoded', vectors, reconstructionError, viewDistance });
    return { declined: null };
  } finally {
    file.close();
    await opened?.session.release();
  }
}

/** A thread's ONNX encoding service: runs a task, posting every event (the vectors moved, not copied). */
export function createOnnxEncodeService(): TaskService<OnnxEncodeTask, OnnxEncodeResult, OnnxEncodeEvent> {
  return {
    perform: (task, context) =>
      encodeWithOnnx(
        task,
        // The same buffers as a tfjs encoding's: its `encoded` event has the same shape.
        (event) => context.emit(event, event.type === 'encoded' ? eventTransferables(event) : []),
        () => context.cancelled,
      ),
  };
}
