// Serendip's Conv2DBackpropFilter for webgpu (im2col + matMul), on Chromium's SwiftShader, a
// real WebGPU adapter that runs on the CPU (skipped with a message where it or a Vulkan loader
// is missing). Activating the backend must put it in the kernel registry; it must give one
// hand-worked answer and the cpu backend's filter gradients for the layer shapes the models
// use (3×3 stride 1 and 2, 1×1, 7×1 spectra, conv1d, batches split into chunks); and whole
// LearnedModel gradients on webgpu must match cpu. Batches are tiny: SwiftShader is slow.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';
import { selectBackend } from '../../../../native-models/backends/select-backend.js';
import {
  conv2dBackpropFilterByIm2Col,
  conv2dBackpropFilterByIm2ColKernel,
} from '../../../../native-models/kernels/index.js';
import { LearnedModel } from '../../../../native-models/learned-model.js';
import type { LearnedModelConfig } from '../../../../native-models/model-config.js';
import { gaussianValues } from '../../../helpers/random-vectors.js';
import { softwareGpuUnavailable, useSoftwareGpu } from '../../../helpers/software-gpu.js';
import { relativeDifference } from '../../../helpers/relative-difference.js';

const unavailable = softwareGpuUnavailable();
if (unavailable) console.log(`webgpu filter gradient skipped: ${unavailable}`);

const TOLERANCE = 1e-4; // of the largest entry of the expected tensor

type Rank4 = [number, number, number, number];
type Pad = 'same' | 'valid';

function seeded(shape: number[], seed: number): Float32Array {
  return gaussianValues(
    shape.reduce((a, b) => a * b, 1),
    new SeededRandom(seed),
  );
}

interface Case {
  x: Rank4;
  filter: Rank4;
  strides: [number, number];
  pad: Pad;
}

/** The filter gradient on `backend`; read back outside tidy (a webgpu read there is slow). */
async function filterGradient(backend: 'webgpu' | 'cpu', c: Case, seed: number, chunkBytes?: number) {
  await tf.setBackend(backend);
  const dyShape = tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, 1, c.pad).outShape as Rank4;
  const attrs = { strides: c.strides, pad: c.pad, filterShape: c.filter, dataFormat: 'NHWC' as const };
  const grad = tf.tidy(() => {
    const x = tf.tensor4d(seeded(c.x, seed), c.x);
    const dy = tf.tensor4d(seeded(dyShape, seed + 1), dyShape);
    if (chunkBytes !== undefined) return conv2dBackpropFilterByIm2Col(x, dy, attrs, chunkBytes);
    return tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, { ...attrs }) as tf.Tensor;
  });
  const values = (await grad.data()) as Float32Array;
  grad.dispose();
  return values;
}

/** A small LearnedModel's training-loss gradients (the autoencoder's, as trainStep computes it) on `backend`. */
async function modelGradients(backend: 'webgpu' | 'cpu', config: LearnedModelConfig): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const model = new LearnedModel(config);
  const [h, w, c] = model.architecture.inputShape;
  const batch = 2;
  const input = tf.tensor4d(seeded([batch, h, w, c], 11), [batch, h, w, c]);
  const weights = [...model.encoder.trainableWeights, ...model.trainingHead.trainableWeights].map(
    (v) => v.read() as tf.Variable,
  );
  const { grads } = tf.variableGrads(() => {
    const out = model.trainingHead.apply(model.encoder.apply(input, { training: true }), { training: true });
    return tf.mean(model.architecture.reconstructionError(input, out as tf.Tensor)) as tf.Scalar;
  }, weights);
  const values = await Promise.all(weights.map((v) => grads[v.name].data() as Promise<Float32Array>));
  tf.dispose([input, grads]);
  model.dispose();
  return values;
}

describe.skipIf(unavailable !== null)("webgpu's Conv2DBackpropFilter (im2col + matMul) on a software adapter", () => {
  useSoftwareGpu();
  beforeAll(async () => {
    await selectBackend('webgpu');
  });

  it('replaces the backend’s own once webgpu is activated', () => {
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'webgpu')?.kernelFunc).toBe(
      conv2dBackpropFilterByIm2ColKernel.kernelFunc,
    );
  });

  it('puts one input pixel times one output-gradient pixel on the filter tap joining them', async () => {
    // 'same', 3×3, stride 2 on 7×7: one row and column of padding before. Output pixel
    // (1, 2) reads input rows 1..3 and columns 3..5, so input (3, 4) is tap (2, 1).
    await tf.setBackend('webgpu');
    const x = tf.buffer<tf.Rank.R4>([1, 7, 7, 2]);
    x.set(2, 0, 3, 4, 1);
    const dy = tf.buffer<tf.Rank.R4>([1, 4, 4, 3]);
    dy.set(5, 0, 1, 2, 2);
    const grad = tf.tidy(() =>
      conv2dBackpropFilterByIm2Col(x.toTensor(), dy.toTensor(), { strides: 2, pad: 'same', filterShape: [3, 3, 2, 3] }),
    );
    const values = await grad.array();
    grad.dispose();
    const nonZero = values.flatMap((r, i) =>
      r.flatMap((col, j) => col.flatMap((ci, c) => ci.flatMap((v, o) => (v === 0 ? [] : [[i, j, c, o, v]])))),
    );
    expect(nonZero).toEqual([[2, 1, 1, 2, 10]]);
  });

  const cases: (Case & { name: string })[] = [
    {
      name: '3×3 stride 2 same (image layers), 3→8',
      x: [2, 16, 16, 3],
      filter: [3, 3, 3, 8],
      strides: [2, 2],
      pad: 'same',
    },
    { name: '3×3 stride 2 same, odd size, 5→6', x: [2, 9, 7, 5], filter: [3, 3, 5, 6], strides: [2, 2], pad: 'same' },
    { name: '3×3 stride 1 same, 4→4', x: [3, 8, 6, 4], filter: [3, 3, 4, 4], strides: [1, 1], pad: 'same' },
    { name: '3×3 stride 1 valid, 3→5', x: [2, 8, 9, 3], filter: [3, 3, 3, 5], strides: [1, 1], pad: 'valid' },
    { name: '1×1 stride 1, 6→4', x: [2, 5, 5, 6], filter: [1, 1, 6, 4], strides: [1, 1], pad: 'same' },
    { name: '1×1 stride 2, 4→3', x: [2, 6, 5, 4], filter: [1, 1, 4, 3], strides: [2, 2], pad: 'same' },
    {
      name: '7×1 stride 2×1 same (spectrum layers), 2→4',
      x: [2, 64, 1, 2],
      filter: [7, 1, 2, 4],
      strides: [2, 1],
      pad: 'same',
    },
  ];
  cases.forEach((c, index) => {
    it(`matches the cpu backend: ${c.name}`, async () => {
      const expected = await filterGradient('cpu', c, 100 + 2 * index);
      const actual = await filterGradient('webgpu', c, 100 + 2 * index);
      expect(relativeDifference(actual, expected)).toBeLessThan(TOLERANCE);
    });
  });

  it('matches the cpu backend when the batch is split into chunks (7 images, 3 a chunk)', async () => {
    const c: Case = { x: [7, 10, 10, 3], filter: [3, 3, 3, 5], strides: [2, 2], pad: 'same' };
    const bytesPerImage = 5 * 5 * 28 * 4; // 5×5 output pixels, 27 taps rounded up to 28 columns
    const expected = await filterGradient('cpu', c, 7);
    const chunked = await filterGradient('webgpu', c, 7, 3 * bytesPerImage);
    expect(relativeDifference(chunked, expected)).toBeLessThan(TOLERANCE);
    // The comparison can fail: the gradient with its two filter axes swapped is far off.
    const [fh, fw, ci, co] = c.filter;
    const swapped = new Float32Array(chunked.length);
    for (let i = 0; i < fh; i++)
      for (let j = 0; j < fw; j++)
        for (let k = 0; k < ci * co; k++) swapped[(j * fh + i) * ci * co + k] = chunked[(i * fw + j) * ci * co + k];
    expect(relativeDifference(swapped, expected)).toBeGreaterThan(0.1);
  });

  it('leaves no tensors behind, chunked or not', async () => {
    await tf.setBackend('webgpu');
    const x = tf.randomNormal<tf.Rank.R4>([5, 8, 8, 3]);
    const dy = tf.randomNormal<tf.Rank.R4>([5, 4, 4, 4]);
    const before = tf.memory().numTensors;
    for (const chunkBytes of [undefined, 4 * 4 * 28 * 4]) {
      const grad = conv2dBackpropFilterByIm2Col(
        x,
        dy,
        { strides: 2, pad: 'same', filterShape: [3, 3, 3, 4] },
        chunkBytes,
      );
      expect(grad.shape).toEqual([3, 3, 3, 4]);
      grad.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, dy]);
  });

  it('gives the cpu gradients through conv1d', async () => {
    const gradients = async (backend: 'webgpu' | 'cpu'): Promise<Float32Array> => {
      await tf.setBackend(backend);
      const filter = tf.tidy(() => {
        const x = tf.tensor3d(seeded([2, 33, 3], 21), [2, 33, 3]);
        const weights = tf.tensor3d(seeded([2, 17, 4], 22), [2, 17, 4]);
        const f = tf.tensor3d(seeded([5, 3, 4], 23), [5, 3, 4]);
        return tf.grad((w: tf.Tensor) => tf.sum(tf.mul(tf.conv1d(x, w as tf.Tensor3D, 2, 'same'), weights)))(f);
      });
      const values = (await filter.data()) as Float32Array;
      filter.dispose();
      return values;
    };
    expect(relativeDifference(await gradients('webgpu'), await gradients('cpu'))).toBeLessThan(TOLERANCE);
  });

  const models: LearnedModelConfig[] = [
    { kind: 'autoencoder', modality: 'image', geometry: { size: 16, bands: 3 }, dim: 8, seed: 3, learningRate: 1e-3 },
    {
      kind: 'autoencoder',
      modality: 'spectrum',
      geometry: { length: 64, channels: 2 },
      dim: 8,
      seed: 4,
      learningRate: 1e-3,
    },
  ];
  models.forEach((config) => {
    it(`gives the cpu backend's whole-model gradients: ${config.modality} autoencoder`, async () => {
      const gpu = await modelGradients('webgpu', config);
      const cpu = await modelGradients('cpu', config);
      expect(gpu).toHaveLength(cpu.length);
      gpu.forEach((g, i) => expect(relativeDifference(g, cpu[i])).toBeLessThan(TOLERANCE));
    });
  });
});
