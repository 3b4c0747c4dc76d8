// The learned image models (64×64×3) on WebGPU beside wasm, in one run: training objects/s
// (autoencoder batch 32, contrastive batch 64 with two views) and encoding images/s on one
// thread, with the ratio to wasm and the goals for a real GPU (2,000 training and 20,000
// encoding images/s, and an adapter line naming the GPU). A software adapter (SwiftShader)
// only proves the path: it is timed on a token amount of work, and only with
// SERENDIP_BENCH_SOFTWARE_GPU=1, since it is far slower than wasm. Also Serendip's filter
// gradient kernel against the backend's own, alone on the largest layer and in a training step.
import * as tf from '@tensorflow/tfjs';
import { pathToFileURL } from 'node:url';
import { selectBackend } from '../../native-models/backends/index.js';
import { probeWebGpuAdapter } from '../../native-models/backends/dawn-gpu.js';
import { adapterLine } from '../../native-models/backends/webgpu-adapter.js';
import { registerTrainingKernels, unregisterTrainingKernels } from '../../native-models/kernels/index.js';
import { printFigure, printHeading, timeIt } from './bench-util.js';
import { inferenceRate, trainingRate, type ThroughputWork } from './model-throughput.bench.js';

const GOAL_TRAINING = 2_000;
const GOAL_ENCODING = 20_000;

interface Figures {
  autoencoder: number;
  contrastive: number;
  encoding: number;
}

async function figures(backend: 'webgpu' | 'wasm', work?: ThroughputWork): Promise<Figures> {
  const { device } = await selectBackend(backend);
  printHeading(`${backend}: ${device}`);
  const result = {
    autoencoder: await trainingRate('autoencoder', work),
    contrastive: await trainingRate('contrastive', work),
    encoding: await inferenceRate('contrastive', work),
  };
  printFigure('training, autoencoder (batch 32)', result.autoencoder, 'objects/s');
  printFigure('training, contrastive (batch 64, 2 views)', result.contrastive, 'objects/s');
  printFigure('encoding, encoder (batch 128)', result.encoding, 'images/s');
  return result;
}

// The image models' largest filter gradient at training batch 32: 3×3, stride 2, 32×32×32 → 64
// (the second encoder layer, and the decoder's third), the most multiply-adds of any layer.
type Rank4 = [number, number, number, number];
const LARGEST_LAYER: { x: Rank4; dy: Rank4; filterShape: Rank4; strides: number } = {
  x: [32, 32, 32, 32],
  dy: [32, 16, 16, 64],
  filterShape: [3, 3, 32, 64],
  strides: 2,
};

/** Milliseconds per Conv2DBackpropFilter on LARGEST_LAYER with the kernel registered now (after a warm-up). */
async function filterGradientMs(reps: number): Promise<number> {
  const [x, dy] = [tf.randomNormal(LARGEST_LAYER.x), tf.randomNormal(LARGEST_LAYER.dy)];
  const attrs = {
    strides: LARGEST_LAYER.strides,
    pad: 'same',
    dataFormat: 'NHWC',
    filterShape: LARGEST_LAYER.filterShape,
  };
  const once = async (): Promise<void> => {
    const grad = tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, { ...attrs }) as tf.Tensor;
    await grad.data(); // waits for the GPU
    grad.dispose();
  };
  await once();
  const { seconds } = await timeIt(async () => {
    for (let i = 0; i < reps; i++) await once();
  });
  tf.dispose([x, dy]);
  return (seconds / reps) * 1000;
}

/** Serendip's filter gradient against the backend's own: alone, and in the autoencoder's training step. */
async function filterGradientFigures(software: boolean, work?: ThroughputWork): Promise<void> {
  printHeading("webgpu Conv2DBackpropFilter: Serendip's (im2col + matMul) beside the backend's own");
  const reps = software ? 2 : 20;
  const ours = { kernelMs: await filterGradientMs(reps), training: await trainingRate('autoencoder', work) };
  unregisterTrainingKernels('webgpu');
  let own: typeof ours;
  try {
    own = { kernelMs: await filterGradientMs(reps), training: await trainingRate('autoencoder', work) };
  } finally {
    registerTrainingKernels('webgpu');
  }
  printFigure('32×32×32→64 3×3 s2, batch 32: own', own.kernelMs, 'ms');
  printFigure("32×32×32→64 3×3 s2, batch 32: Serendip's", ours.kernelMs, 'ms');
  printFigure('  own / Serendip’s', own.kernelMs / ours.kernelMs, '×');
  printFigure('training, autoencoder (batch 32): own', own.training, 'objects/s');
  printFigure("training, autoencoder (batch 32): Serendip's", ours.training, 'objects/s');
  printFigure('  Serendip’s / own', ours.training / own.training, '×');
}

export async function run(): Promise<void> {
  printHeading('learned image models on WebGPU beside wasm, 64×64×3, one thread');
  const adapter = await probeWebGpuAdapter();
  if (!adapter) {
    console.log('  no WebGPU adapter here (on Linux Dawn needs a Vulkan driver): nothing to compare');
    return;
  }
  printFigure('adapter', adapterLine(adapter));
  if (adapter.software && process.env.SERENDIP_BENCH_SOFTWARE_GPU !== '1') {
    console.log('  a software adapter: set SERENDIP_BENCH_SOFTWARE_GPU=1 to time it anyway (it proves the path only)');
    return;
  }
  const work = adapter.software ? { steps: 1, encodeObjects: 128 } : undefined;
  const gpu = await figures('webgpu', work);
  await filterGradientFigures(adapter.software, work);
  const wasm = await figures('wasm', work);
  printHeading('webgpu / wasm');
  printFigure('training, autoencoder', gpu.autoencoder / wasm.autoencoder, '×');
  printFigure('training, contrastive', gpu.contrastive / wasm.contrastive, '×');
  printFigure('encoding', gpu.encoding / wasm.encoding, '×');
  printFigure(`goal ${GOAL_TRAINING} training objects/s (autoencoder)`, gpu.autoencoder / GOAL_TRAINING, '× of it');
  printFigure(`goal ${GOAL_ENCODING} encoding images/s`, gpu.encoding / GOAL_ENCODING, '× of it');
  if (adapter.software) console.log('  (a software adapter: these figures say nothing about a GPU)');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
