// Encodes every object of a learned run with its trained networks, through tfjs (the backend
// that trained) or through onnxruntime (the networks exported as one ONNX graph, with the
// autoencoder's reconstruction error inside it). The objects are cut into one shard per
// worker thread, each shard streams through the encoder in batches, and the vectors (and the
// reconstruction errors) land in one array in object order. One shard failing stops the
// others at once (their workers are terminated).
//
// Which engine (`auto`): a model trained on the CPU (wasm, cpu, tensorflow) encodes through
// onnxruntime on its best provider, since even its CPU provider is faster than tfjs there
// (3.4× wasm, measured on the image encoder) and an accelerator faster still. A model trained
// on a GPU (webgpu, tensorflow-gpu) encodes fast with tfjs already, so onnxruntime is taken
// only when its provider is an accelerator too; on its CPU provider tfjs keeps the work.
// Either engine gives the same vectors to 1e-4 (test/unit/discovery/embeddings/learned).
import { availableParallelism } from 'node:os';
import { runModelTask } from './model-task-runner.js';
import type { InputRows, TrainedNetworks } from './model-task.js';
import type { OnnxEncodeEvent, OnnxEncodeResult, OnnxEncodeTask } from './learned-onnx-encode.js';
import { providerCheckFile } from '../onnx/provider-check-file.js';
import { openWorkerPool, workerScript } from '../../../util/worker-pool.js';
import { serviceOnFirstTask } from '../../../util/worker-tasks.js';
import { CPU_BACKENDS, type BackendName } from '../../../../../native-models/backends/backend-interface.js';
import type { LearnedModelConfig } from '../../../../../native-models/model-config.js';
import type { OnnxProviderChoice } from '../../../../../native-models/onnx/onnx-provider-names.js';
import { recordCheckQuietly, type ProviderCheckStore } from '../../../../../native-models/onnx/provider-check.js';

const ENCODE_BATCH = 128;
const MIN_OBJECTS_FOR_WORKERS = 1024;

export const ENCODE_ENGINES = ['auto', 'tfjs', 'onnx'] as const;
export type EncodeEngine = (typeof ENCODE_ENGINES)[number];

/** Whether `backend` trained on the CPU: onnxruntime beats those at encoding even on its CPU provider. */
const trainedOnCpu = (backend: BackendName): boolean => (CPU_BACKENDS as readonly BackendName[]).includes(backend);

export interface EncodeRequest {
  config: LearnedModelConfig;
  networks: TrainedNetworks;
  /** The backend that trained the model (tfjs encodes on the same). */
  backend: BackendName;
  /** The model-input file and every object's row in it, in object order. */
  inputsPath: string;
  rows: Int32Array;
  /** `auto` (default): as the header says; `onnx` fails where onnxruntime cannot encode. */
  engine?: EncodeEngine;
  /** onnxruntime's provider (default auto). */
  provider?: OnnxProviderChoice;
  /** Where accelerators' first-use checks are kept; default the user-data folder's file. */
  providerChecks?: ProviderCheckStore;
  /**
   * Encoding threads; default min(2, cores) with tfjs and 1 with onnxruntime (which spreads one
   * batch over every core itself), and 1 below 1,024 objects.
   */
  workers?: number;
  inProcess?: boolean;
  signal?: AbortSignal;
  progress: (done: number, total: number, stage: string) => void;
  /** Set: also each object's mean distance to its augmented views (view-stability.ts), seeded by it. */
  stabilitySeed?: number;
}

export interface Encoding {
  vectors: Float32Array;
  /** The autoencoder's reconstruction error per object; null for other models. */
  errors: Float32Array | null;
  /** Per object, the mean distance to its augmented views; null without stabilitySeed. */
  viewDistance: Float32Array | null;
  threads: number;
  objectsPerSecond: number;
  engine: 'tfjs' | 'onnx';
  /** What encoded, in words: onnxruntime's provider (and adapter), or tfjs and its backend. */
  device: string;
  /** Why this engine (for the run's record): the rule that chose it, or why onnxruntime was declined. */
  engineReason: string;
}

interface Shard {
  start: number;
  rows: Int32Array;
}

function shards(rows: Int32Array, parts: number): Shard[] {
  const size = Math.ceil(rows.length / parts);
  const out: Shard[] = [];
  for (let start = 0; start < rows.length; start += size)
    out.push({ start, rows: rows.subarray(start, start + size).slice() });
  return out;
}

type Encoded = { vectors: Float32Array; reconstructionError: Float32Array | null; viewDistance?: Float32Array };

/** Runs `run` on every shard at once, gathering vectors, errors and progress; the first failure stops the rest. */
async function encodeShards<T>(
  request: EncodeRequest,
  parts: Shard[],
  run: (
    shard: Shard,
    signal: AbortSignal,
    onEncoded: (e: Encoded) => void,
    onDone: (done: number) => void,
  ) => Promise<T>,
): Promise<{
  vectors: Float32Array;
  errors: Float32Array | null;
  viewDistance: Float32Array | null;
  results: T[];
  objectsPerSecond: number;
}> {
  const { config, rows, progress } = request;
  const vectors = new Float32Array(rows.length * config.dim);
  const errors = config.kind === 'autoencoder' ? new Float32Array(rows.length) : null;
  const viewDistance = request.stabilitySeed === undefined ? null : new Float32Array(rows.length);
  const doneByShard = new Array<number>(parts.length).fill(0);
  const started = performance.now();
  const encoding = new AbortController();
  const signal = request.signal ? AbortSignal.any([request.signal, encoding.signal]) : encoding.signal;
  const results = await Promise.all(
    parts.map((part, s) =>
      run(
        part,
        signal,
        (encoded) => {
          vectors.set(encoded.vectors, part.start * config.dim);
          if (errors && encoded.reconstructionError) errors.set(encoded.reconstructionError, part.start);
          if (viewDistance && encoded.viewDistance) viewDistance.set(encoded.viewDistance, part.start);
        },
        (done) => {
          doneByShard[s] = done;
          progress(
            doneByShard.reduce((a, b) => a + b, 0),
            rows.length,
            'encode',
          );
        },
      ).catch((err: unknown) => {
        encoding.abort(err);
        throw err;
      }),
    ),
  );
  const objectsPerSecond = rows.length / Math.max((performance.now() - started) / 1000, 1e-9);
  request.signal?.throwIfAborted();
  return { vectors, errors, viewDistance, results, objectsPerSecond };
}

async function encodeWithTfjs(request: EncodeRequest, engineReason: string): Promise<Encoding> {
  const { config, backend, networks } = request;
  const count = request.rows.length;
  // One thread drives a GPU: it parallelises within each batch, and a second Dawn instance in
  // the process (or a second device in the app's GPU window) only competes for it.
  const onGpu = !trainedOnCpu(request.backend);
  const defaultWorkers = count >= MIN_OBJECTS_FOR_WORKERS && !onGpu ? Math.min(2, availableParallelism()) : 1;
  const parts = shards(request.rows, Math.max(1, request.workers ?? defaultWorkers));
  let device = `tfjs ${backend}`;
  const done = await encodeShards(request, parts, (part, signal, onEncoded, onDone) => {
    const inputs: InputRows = { path: request.inputsPath, rows: part.rows };
    return runModelTask(
      {
        type: 'encode',
        backend,
        config,
        networks,
        inputs,
        batchSize: ENCODE_BATCH,
        stabilitySeed: request.stabilitySeed,
      },
      {
        signal,
        inProcess: request.inProcess,
        onEvent: (event) => {
          if (event.type === 'backend') device = `tfjs ${backend}: ${event.selected.device}`;
          else if (event.type === 'encoded-progress') onDone(event.done);
          else if (event.type === 'encoded') onEncoded(event);
        },
      },
    );
  });
  const { vectors, errors, viewDistance, objectsPerSecond } = done;
  const threads = parts.length;
  return { vectors, errors, viewDistance, threads, objectsPerSecond, engine: 'tfjs', device, engineReason };
}

function runOnnxTask(
  task: OnnxEncodeTask,
  options: { signal: AbortSignal; inProcess?: boolean; onEvent: (event: OnnxEncodeEvent) => void },
): Promise<OnnxEncodeResult> {
  const pool = openWorkerPool<OnnxEncodeTask, OnnxEncodeResult, OnnxEncodeEvent>({
    name: 'onnx-encode',
    script: options.inProcess ? null : workerScript(import.meta.url, 'learned-onnx-worker'),
    threads: 1,
    inProcess: () =>
      serviceOnFirstTask(async () => (await import('./learned-onnx-encode.js')).createOnnxEncodeService()),
  });
  return pool.run(task, { onEvent: options.onEvent, signal: options.signal }).finally(() => pool.close());
}

/** The encoding through onnxruntime, or why it was declined (a GPU-trained model, and only the CPU provider here). */
async function encodeWithOnnx(
  request: EncodeRequest,
  acceleratorOnly: boolean,
): Promise<Encoding | { declined: string }> {
  const parts = shards(request.rows, Math.max(1, request.workers ?? 1));
  const checks = request.providerChecks ?? providerCheckFile();
  const threads = Math.max(1, Math.floor(availableParallelism() / parts.length));
  let device = 'onnxruntime';
  const done = await encodeShards(request, parts, (part, signal, onEncoded, onDone) => {
    const inputs: InputRows = { path: request.inputsPath, rows: part.rows };
    const { config, networks } = request;
    const task: OnnxEncodeTask = {
      config,
      networks,
      inputs,
      batchSize: ENCODE_BATCH,
      provider: request.provider ?? 'auto',
      acceleratorOnly,
      threads,
      checks: checks.load(),
      stabilitySeed: request.stabilitySeed,
    };
    return runOnnxTask(task, {
      signal,
      inProcess: request.inProcess,
      onEvent: (event) => {
        if (event.type === 'provider') device = event.description;
        else if (event.type === 'provider-check') recordCheckQuietly(checks, event.check);
        else if (event.type === 'encoded-progress') onDone(event.done);
        else onEncoded(event);
      },
    });
  });
  const declined = done.results.find((r) => r.declined !== null)?.declined;
  if (declined) return { declined };
  const { vectors, errors, viewDistance, objectsPerSecond } = done;
  const onnx = { engine: 'onnx' as const, device, engineReason: '' };
  return { vectors, errors, viewDistance, threads: parts.length, objectsPerSecond, ...onnx };
}

export async function encodeObjects(request: EncodeRequest): Promise<Encoding> {
  const engine = request.engine ?? 'auto';
  if (engine === 'tfjs') return encodeWithTfjs(request, 'asked for tfjs');
  const onCpu = trainedOnCpu(request.backend);
  // Named, onnxruntime takes whatever provider it gets; in auto, a GPU-trained model's only.
  const acceleratorOnly = engine === 'auto' && !onCpu;
  const why =
    engine === 'onnx'
      ? 'asked for onnxruntime'
      : onCpu
        ? `trained on ${request.backend}, a CPU backend: onnxruntime encodes faster`
        : `trained on ${request.backend}, a GPU: onnxruntime on an accelerator`;
  let onnx: Encoding | { declined: string };
  try {
    onnx = await encodeWithOnnx(request, acceleratorOnly);
  } catch (err) {
    // Cancelled, or onnxruntime was asked for by name: the failure is the caller's to see.
    if (engine === 'onnx' || request.signal?.aborted) throw err;
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return encodeWithTfjs(request, `onnxruntime failed (${reason}); tfjs on ${request.backend} instead`);
  }
  if ('declined' in onnx) {
    return encodeWithTfjs(
      request,
      `trained on ${request.backend}, a GPU, and onnxruntime has no accelerator here ` +
        `(${onnx.declined}): tfjs is faster`,
    );
  }
  return { ...onnx, engineReason: why };
}
