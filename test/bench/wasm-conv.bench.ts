// Convolution training on the wasm backend with Serendip's gradient kernels
// (native-models/kernels), against tfjs's cpu backend: one training step (forward +
// backward + Adam) of the image autoencoder `embed` trains, on 64×64×3 inputs at batch 32,
// in images/s; and the two gradient kernels against the forward conv and wasm's own
// Conv2DBackpropInput. Inference and contrastive training: see model-throughput.bench.
// The cpu step takes minutes, so it runs once; SERENDIP_BENCH_CPU_STEP=0 skips it.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { pathToFileURL } from 'node:url';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import { selectBackend } from '../../native-models/backends/index.js';
import { LearnedModel } from '../../native-models/learned-model.js';
import { registerTrainingKernels, unregisterTrainingKernels } from '../../native-models/kernels/index.js';
import { printFigure, printHeading, timeIt } from './bench-util.js';

const SIZE = 64;
const BANDS = 3;
const BATCH = 32;
const WASM_STEPS = 3;

/** Seconds per training step of the autoencoder `embed` trains, on the current backend (after a warm-up step). */
async function trainingStepSeconds(steps: number): Promise<{ seconds: number; params: number }> {
  const model = new LearnedModel({
    kind: 'autoencoder',
    modality: 'image',
    geometry: { size: SIZE, bands: BANDS },
    dim: 32,
    seed: 0,
    learningRate: 1e-3,
  });
  const batch = new Float32Array(BATCH * SIZE * SIZE * BANDS).map((_, i) => Math.asinh(((i * 7919) % 1000) / 100 - 5));
  const random = new SeededRandom(1);
  await model.trainStep(batch, BATCH, random);
  const { seconds } = await timeIt(async () => {
    for (let i = 0; i < steps - 1; i++) await model.trainStep(batch, BATCH, random);
  });
  const params = model.encoder.countParams() + model.trainingHead.countParams();
  model.dispose();
  return { seconds: steps > 1 ? seconds / (steps - 1) : NaN, params };
}

async function timeKernel(fn: () => tf.Tensor, reps = 3): Promise<number> {
  // Read back outside tidy(): a dataSync() inside tidy() measured 30× slower here.
  const once = (): void => {
    const out = tf.tidy(fn);
    out.dataSync();
    out.dispose();
  };
  once();
  const { seconds } = await timeIt(() => {
    for (let i = 0; i < reps; i++) once();
  });
  return (seconds / reps) * 1000;
}

async function kernelFigures(): Promise<void> {
  const [n, hw, c] = [BATCH, 32, 32];
  const x = tf.randomNormal<tf.Rank.R4>([n, hw, hw, c]);
  const w = tf.randomNormal<tf.Rank.R4>([3, 3, c, c]);
  const dy = tf.randomNormal<tf.Rank.R4>([n, hw, hw, c]);
  const shape: [number, number, number, number] = [n, hw, hw, c];
  printFigure(
    `forward conv2d 3×3 ${hw}×${hw}×${c}→${c}, batch ${n}`,
    await timeKernel(() => tf.conv2d(x, w, 1, 'same')),
    'ms',
  );
  printFigure(
    'filter gradient (conv form)',
    await timeKernel(
      () =>
        tf
          .engine()
          .runKernel(
            tf.Conv2DBackpropFilter,
            { x, dy },
            { strides: 1, pad: 'same', filterShape: [3, 3, c, c] },
          ) as tf.Tensor,
    ),
    'ms',
  );
  printFigure('input gradient (conv form)', await timeKernel(() => tf.conv2dTranspose(dy, w, shape, 1, 'same')), 'ms');
  unregisterTrainingKernels('wasm');
  printFigure(
    "input gradient (wasm's own loop)",
    await timeKernel(() => tf.conv2dTranspose(dy, w, shape, 1, 'same')),
    'ms',
  );
  registerTrainingKernels('wasm');
  tf.dispose([x, w, dy]);
}

export async function run(): Promise<void> {
  printHeading(`wasm conv training: the image autoencoder, ${SIZE}×${SIZE}×${BANDS} → 32, batch ${BATCH}`);
  const wasm = await selectBackend('wasm');
  printFigure('device', wasm.device);
  const wasmStep = await trainingStepSeconds(WASM_STEPS + 1);
  printFigure('parameters', wasmStep.params);
  printFigure(`wasm training step (mean of ${WASM_STEPS})`, wasmStep.seconds, 's');
  printFigure('wasm training', BATCH / wasmStep.seconds, 'images/s');
  printHeading('wasm gradient kernels (ms per call)');
  await kernelFigures();
  if (process.env.SERENDIP_BENCH_CPU_STEP === '0') {
    console.log('  (cpu step skipped: SERENDIP_BENCH_CPU_STEP=0)');
    return;
  }
  printHeading('cpu backend, for reference (one timed step; minutes)');
  await selectBackend('cpu');
  const { seconds } = await trainingStepSeconds(2);
  printFigure('cpu training step (one, after a warm-up step)', seconds, 's');
  printFigure('cpu training', BATCH / seconds, 'images/s');
  printFigure('wasm speed-up over cpu', seconds / wasmStep.seconds, '×');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
