// How big a training run is when the user does not say: the sample of objects, the batch
// and the networks' width. A GPU is idle on the CPU's sizes (a batch of 32 through a narrow
// network keeps it waiting on dispatch), so on one the defaults grow; on the CPU they stay
// where a default run finishes in minutes. Whatever is chosen is recorded with the run, and
// a resumed run keeps its recorded sizes whatever backend it resumes on (its checkpoint
// holds weights of that width).
import { CPU_BACKENDS, type BackendName } from '../backends/backend-interface.js';
import type { LearnedModelKind } from '../model-architecture.js';

export interface TrainingSizes {
  /** Objects trained on (a prefix of the run's seeded order). */
  sample: number;
  batchSize: number;
  /** Filters per convolution ×width. */
  width: number;
}

/** What the user or the stored run fixed; null leaves it to the backend's default. */
export interface RequestedSizes {
  sample: number | null;
  batchSize: number | null;
  width: number | null;
}

/**
 * Objects trained on by default, per backend: as many as make the default run finish in
 * minutes there (wasm trains about 50 objects/s on one core; native TensorFlow several
 * times that; a GPU far more). `--sample` overrides it.
 */
export const DEFAULT_TRAINING_SAMPLE: Record<BackendName, number> = {
  webgpu: 200_000,
  // A render pass per op and no compute shaders: several times slower than WebGPU on one card.
  webgl: 50_000,
  'tensorflow-gpu': 200_000,
  tensorflow: 20_000,
  wasm: 2_500,
  cpu: 200,
};

const CPU_BATCH: Record<LearnedModelKind, number> = { autoencoder: 32, contrastive: 64 };
/** Large enough to keep a GPU busy, small enough for 8 GB with the wider networks (contrastive holds two views). */
const GPU_BATCH: Record<LearnedModelKind, number> = { autoencoder: 256, contrastive: 256 };
const GPU_WIDTH = 2;

export interface TrainingDevice {
  name: BackendName;
  /** False for a software adapter: it gets the CPU's sizes. */
  hardwareGpu: boolean;
}

export function defaultTrainingSizes(kind: LearnedModelKind, device: TrainingDevice): TrainingSizes {
  if (device.hardwareGpu)
    return { sample: DEFAULT_TRAINING_SAMPLE[device.name], batchSize: GPU_BATCH[kind], width: GPU_WIDTH };
  // A GPU backend on a software adapter or renderer (named explicitly) is slower than wasm: wasm's sample.
  const onCpu = (CPU_BACKENDS as readonly BackendName[]).includes(device.name);
  const sample = onCpu ? DEFAULT_TRAINING_SAMPLE[device.name] : DEFAULT_TRAINING_SAMPLE.wasm;
  return { sample, batchSize: CPU_BATCH[kind], width: 1 };
}

/** The sizes a run trains with: each requested one, else the device's default; the sample at most `available`. */
export function resolveTrainingSizes(
  kind: LearnedModelKind,
  device: TrainingDevice,
  requested: RequestedSizes,
  available: number,
): TrainingSizes {
  const defaults = defaultTrainingSizes(kind, device);
  return {
    sample: Math.min(available, requested.sample ?? defaults.sample),
    batchSize: requested.batchSize ?? defaults.batchSize,
    width: requested.width ?? defaults.width,
  };
}
