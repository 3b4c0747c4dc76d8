// Throughput of the learned image models (native-models) on 64×64×3 inputs, on every tfjs
// backend present here (tensorflow-gpu and tensorflow where they install; wasm always):
// training objects/s of the autoencoder (batch 32) and of the contrastive encoder (batch
// 64, two augmented views each, augmentation included), and inference images/s on one
// thread: the encoder alone (the embedding) and the autoencoder's reconstruction pass.
// Encoding uses one worker per core in `embed`, so its rate there is about cores × these.
// The cpu backend is left out: one training step takes minutes (see wasm-conv bench); the
// webgpu backend has its own bench beside wasm (gpu.bench.ts), which reuses these figures.
import * as tf from '@tensorflow/tfjs';
import { pathToFileURL } from 'node:url';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import { BACKEND_CANDIDATES, selectBackend } from '../../native-models/backends/index.js';
import { LearnedModel } from '../../native-models/learned-model.js';
import type { LearnedModelKind } from '../../native-models/model-architecture.js';
import { printFigure, printHeading, timeIt } from './bench-util.js';

const SIZE = 64;
const BANDS = 3;
const LENGTH = SIZE * SIZE * BANDS;
const STEPS = Number(process.env.SERENDIP_BENCH_TRAIN_STEPS ?? 4);
const ENCODE_OBJECTS = 1024;
const ENCODE_BATCH = 128;
const BATCH: Record<LearnedModelKind, number> = { autoencoder: 32, contrastive: 64 };

function model(kind: LearnedModelKind): LearnedModel {
  return new LearnedModel({
    kind,
    modality: 'image',
    geometry: { size: SIZE, bands: BANDS },
    dim: 32,
    seed: 0,
    learningRate: 1e-3,
  });
}

/** Asinh-stretched noise with a faint source: the value range of real model inputs. */
function inputs(count: number): Float32Array {
  const random = new SeededRandom(4);
  const out = new Float32Array(count * LENGTH);
  for (let i = 0; i < out.length; i++) out[i] = Math.asinh(random.nextGaussian() + (i % 97 === 0 ? 20 : 0));
  return out;
}

/** How much work each figure times: less on a software GPU, which only proves the path. */
export interface ThroughputWork {
  steps: number;
  encodeObjects: number;
}

const FULL_WORK: ThroughputWork = { steps: STEPS, encodeObjects: ENCODE_OBJECTS };

export async function trainingRate(kind: LearnedModelKind, work = FULL_WORK): Promise<number> {
  const net = model(kind);
  const batch = inputs(BATCH[kind]);
  const random = new SeededRandom(1);
  await net.trainStep(batch, BATCH[kind], random); // kernels set up, optimiser slots made
  const { seconds } = await timeIt(async () => {
    for (let s = 0; s < work.steps; s++) await net.trainStep(batch, BATCH[kind], random);
  });
  net.dispose();
  return (work.steps * BATCH[kind]) / seconds;
}

export async function inferenceRate(kind: LearnedModelKind, work = FULL_WORK): Promise<number> {
  const net = model(kind);
  const data = inputs(ENCODE_BATCH);
  await net.encode(data, ENCODE_BATCH);
  const { seconds } = await timeIt(async () => {
    for (let done = 0; done < work.encodeObjects; done += ENCODE_BATCH) await net.encode(data, ENCODE_BATCH);
  });
  net.dispose();
  return Math.max(work.encodeObjects, ENCODE_BATCH) / seconds;
}

export async function run(): Promise<void> {
  for (const candidate of BACKEND_CANDIDATES.filter((c) => c.name !== 'cpu' && c.name !== 'webgpu')) {
    let device: string;
    try {
      device = (await selectBackend(candidate.name)).device;
    } catch (err) {
      printHeading(`${candidate.name}: not available here`);
      console.log(`  ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    printHeading(`learned image models on ${candidate.name}, 64×64×3, one thread`);
    printFigure('device', device);
    printFigure('training, autoencoder (batch 32)', await trainingRate('autoencoder'), 'objects/s');
    printFigure('training, contrastive (batch 64, 2 views)', await trainingRate('contrastive'), 'objects/s');
    printFigure('inference, encoder (embedding)', await inferenceRate('contrastive'), 'images/s');
    printFigure('inference, autoencoder with reconstruction error', await inferenceRate('autoencoder'), 'images/s');
    printFigure('tensors left', tf.memory().numTensors);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
