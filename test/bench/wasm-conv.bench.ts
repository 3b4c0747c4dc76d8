// Convolution training on the wasm backend with Serendip's gradient kernels
// (native-models/kernels), against tfjs's cpu backend: one training step (forward +
// backward + Adam) of a small conv autoencoder on 64×64×3 inputs at batch 32, in images/s;
// inference images/s on wasm (encoder alone and the whole autoencoder); and the two
// gradient kernels against the forward conv and wasm's own Conv2DBackpropInput.
// The cpu step takes minutes, so it runs once; SERENDIP_BENCH_CPU_STEP=0 skips it.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { pathToFileURL } from 'node:url';
import { selectBackend } from '../../native-models/backends/index.js';
import { registerWasmTrainingKernels, unregisterWasmTrainingKernels } from '../../native-models/kernels/index.js';
import { printFigure, printHeading, timeIt } from './bench-util.js';

const SIZE = 64;
const BANDS = 3;
const BATCH = 32;
const DIM = 32;
const WASM_STEPS = 3;
const INFERENCE_BATCHES = 8;

function autoencoder(): { encoder: tf.LayersModel; model: tf.LayersModel } {
  const seeded = (seed: number) => ({ kernelInitializer: tf.initializers.glorotUniform({ seed }) });
  const input = tf.input({ shape: [SIZE, SIZE, BANDS] });
  let h = tf.layers.conv2d({ filters: 32, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', ...seeded(1) }).apply(input) as tf.SymbolicTensor;
  h = tf.layers.conv2d({ filters: 64, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', ...seeded(2) }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.conv2d({ filters: 64, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', ...seeded(3) }).apply(h) as tf.SymbolicTensor;
  const code = tf.layers.dense({ units: DIM, ...seeded(4) }).apply(tf.layers.flatten().apply(h)) as tf.SymbolicTensor;
  let d = tf.layers.dense({ units: 8 * 8 * 64, activation: 'relu', ...seeded(5) }).apply(code) as tf.SymbolicTensor;
  d = tf.layers.reshape({ targetShape: [8, 8, 64] }).apply(d) as tf.SymbolicTensor;
  d = tf.layers.conv2dTranspose({ filters: 64, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', ...seeded(6) }).apply(d) as tf.SymbolicTensor;
  d = tf.layers.conv2dTranspose({ filters: 32, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', ...seeded(7) }).apply(d) as tf.SymbolicTensor;
  const out = tf.layers.conv2dTranspose({ filters: BANDS, kernelSize: 3, strides: 2, padding: 'same', ...seeded(8) }).apply(d) as tf.SymbolicTensor;
  return { encoder: tf.model({ inputs: input, outputs: code }), model: tf.model({ inputs: input, outputs: out }) };
}

async function trainingStepSeconds(steps: number): Promise<{ seconds: number; params: number }> {
  const { model } = autoencoder();
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  const x = tf.randomUniform([BATCH, SIZE, SIZE, BANDS], 0, 1, 'float32', 7);
  await model.trainOnBatch(x, x); // warm-up: kernels set up, optimiser slots created
  const { seconds } = await timeIt(async () => {
    for (let i = 0; i < steps - 1; i++) await model.trainOnBatch(x, x);
  });
  const params = model.countParams();
  model.dispose();
  x.dispose();
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
  printFigure(`forward conv2d 3×3 ${hw}×${hw}×${c}→${c}, batch ${n}`, await timeKernel(() => tf.conv2d(x, w, 1, 'same')), 'ms');
  printFigure('filter gradient (conv form)', await timeKernel(() => tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, { strides: 1, pad: 'same', filterShape: [3, 3, c, c] }) as tf.Tensor), 'ms');
  printFigure('input gradient (conv form)', await timeKernel(() => tf.conv2dTranspose(dy, w, shape, 1, 'same')), 'ms');
  unregisterWasmTrainingKernels();
  printFigure("input gradient (wasm's own loop)", await timeKernel(() => tf.conv2dTranspose(dy, w, shape, 1, 'same')), 'ms');
  registerWasmTrainingKernels();
  tf.dispose([x, w, dy]);
}

function predictOnce(net: tf.LayersModel, x: tf.Tensor): void {
  const out = net.predict(x) as tf.Tensor;
  out.dataSync();
  out.dispose();
}

async function inferenceImagesPerSecond(which: 'encoder' | 'model'): Promise<number> {
  const models = autoencoder();
  const net = models[which];
  const x = tf.randomUniform([BATCH, SIZE, SIZE, BANDS], 0, 1, 'float32', 9);
  predictOnce(net, x);
  const { seconds } = await timeIt(() => {
    for (let i = 0; i < INFERENCE_BATCHES; i++) predictOnce(net, x);
  });
  models.model.dispose();
  x.dispose();
  return (INFERENCE_BATCHES * BATCH) / seconds;
}

export async function run(): Promise<void> {
  printHeading(`wasm conv training: autoencoder ${SIZE}×${SIZE}×${BANDS} → ${DIM}, batch ${BATCH}`);
  const wasm = await selectBackend('wasm');
  printFigure('device', wasm.device);
  const wasmStep = await trainingStepSeconds(WASM_STEPS + 1);
  printFigure('parameters', wasmStep.params);
  printFigure(`wasm training step (mean of ${WASM_STEPS})`, wasmStep.seconds, 's');
  printFigure('wasm training', BATCH / wasmStep.seconds, 'images/s');
  printFigure('wasm inference, encoder', await inferenceImagesPerSecond('encoder'), 'images/s');
  printFigure('wasm inference, whole autoencoder', await inferenceImagesPerSecond('model'), 'images/s');
  printHeading('wasm gradient kernels (ms per call)');
  await kernelFigures();
  if (process.env.SERENDIP_BENCH_CPU_STEP === '0') {
    console.log('  (cpu step skipped: SERENDIP_BENCH_CPU_STEP=0)');
    return;
  }
  printHeading('cpu backend, for reference (one timed step; minutes)');
  await selectBackend('cpu');
  const { model } = autoencoder();
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' });
  const x = tf.randomUniform([BATCH, SIZE, SIZE, BANDS], 0, 1, 'float32', 7);
  const { seconds } = await timeIt(() => model.trainOnBatch(x, x));
  model.dispose();
  x.dispose();
  printFigure('cpu training step (one, no warm-up)', seconds, 's');
  printFigure('cpu training', BATCH / seconds, 'images/s');
  printFigure('wasm speed-up over cpu', seconds / wasmStep.seconds, '×');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
