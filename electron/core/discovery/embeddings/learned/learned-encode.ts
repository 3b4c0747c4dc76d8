// Encodes every object of a learned run with its trained networks: the objects are cut into
// one shard per worker thread, each shard streams through the encoder in batches, and the
// vectors (and the autoencoder's reconstruction errors) land in one array in object order.
// One shard failing stops the others at once (their workers are terminated).
import { availableParallelism } from 'node:os';
import { runModelTask } from './model-task-runner.js';
import type { InputRows, TrainedNetworks } from './model-task.js';
import type { BackendName } from '../../../../../native-models/backends/index.js';
import type { LearnedModelConfig } from '../../../../../native-models/model-config.js';

const ENCODE_BATCH = 128;
const MIN_OBJECTS_FOR_WORKERS = 1024;

export interface EncodeRequest {
  config: LearnedModelConfig;
  networks: TrainedNetworks;
  /** The backend that trained the model (encoding uses the same). */
  backend: BackendName;
  /** The model-input file and every object's row in it, in object order. */
  inputsPath: string;
  rows: Int32Array;
  /** Encoding threads; default min(2, cores), 1 below 1,024 objects. */
  workers?: number;
  inProcess?: boolean;
  signal?: AbortSignal;
  progress: (done: number, total: number, stage: string) => void;
}

export interface Encoding {
  vectors: Float32Array;
  /** The autoencoder's reconstruction error per object; null for other models. */
  errors: Float32Array | null;
  threads: number;
  objectsPerSecond: number;
}

function shards(rows: Int32Array, parts: number): { start: number; rows: Int32Array }[] {
  const size = Math.ceil(rows.length / parts);
  const out: { start: number; rows: Int32Array }[] = [];
  for (let start = 0; start < rows.length; start += size)
    out.push({ start, rows: rows.subarray(start, start + size).slice() });
  return out;
}

export async function encodeObjects(request: EncodeRequest): Promise<Encoding> {
  const { config, rows, progress } = request;
  const count = rows.length;
  const defaultWorkers = count >= MIN_OBJECTS_FOR_WORKERS ? Math.min(2, availableParallelism()) : 1;
  const workers = request.workers ?? defaultWorkers;
  const vectors = new Float32Array(count * config.dim);
  const errors = config.kind === 'autoencoder' ? new Float32Array(count) : null;
  const parts = shards(rows, Math.max(1, workers));
  const doneByShard = new Array<number>(parts.length).fill(0);
  const started = performance.now();
  const encoding = new AbortController();
  const signal = request.signal ? AbortSignal.any([request.signal, encoding.signal]) : encoding.signal;
  await Promise.all(
    parts.map((part, s) => {
      const inputs: InputRows = { path: request.inputsPath, rows: part.rows };
      const { backend, networks } = request;
      return runModelTask(
        { type: 'encode', backend, config, networks, inputs, batchSize: ENCODE_BATCH },
        {
          signal,
          inProcess: request.inProcess,
          onEvent: (event) => {
            if (event.type === 'encoded-progress') {
              doneByShard[s] = event.done;
              progress(
                doneByShard.reduce((a, b) => a + b, 0),
                count,
                'encode',
              );
            } else if (event.type === 'encoded') {
              vectors.set(event.vectors, part.start * config.dim);
              if (errors && event.reconstructionError) errors.set(event.reconstructionError, part.start);
            }
          },
        },
      ).catch((err: unknown) => {
        encoding.abort(err);
        throw err;
      });
    }),
  );
  const objectsPerSecond = count / Math.max((performance.now() - started) / 1000, 1e-9);
  request.signal?.throwIfAborted();
  return { vectors, errors, threads: parts.length, objectsPerSecond };
}
