// Known answers for the wasm convolution gradient kernels: on small seeded random inputs,
// the gradients tf.grads computes on wasm (with our kernels) match those of the cpu
// backend (tfjs's reference loops), for strides 1 and 2, 'same', 'valid' and explicit
// padding, odd sizes, several channel counts and batch > 1; also conv1d and conv2dTranspose.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';
import {
  conv2dBackpropFilterByConv,
  conv2dBackpropFilterByConvKernel,
  conv2dBackpropInputByConvKernel,
  registerTrainingKernels,
} from '../../../../native-models/kernels/index.js';
import { gaussianValues } from '../../../helpers/random-vectors.js';
import { relativeDifference } from '../../../helpers/relative-difference.js';

const TOLERANCE = 1e-4; // relative to the largest gradient entry

type Shape = number[];
/** The gradients of Σ f(a, b) · r (r a fixed random weighting, so dy is not all ones) on `backend`. */
async function gradsOn(
  backend: 'wasm' | 'cpu',
  f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
  a: [Float32Array, Shape],
  b: [Float32Array, Shape],
  seed: number,
): Promise<{ value: Float32Array; da: Float32Array; db: Float32Array }> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const ta = tf.tensor(a[0], a[1]);
    const tb = tf.tensor(b[0], b[1]);
    const outShape = f(ta, tb).shape;
    const weights = tf.tensor(
      gaussianValues(
        outShape.reduce((p, q) => p * q, 1),
        new SeededRandom(seed),
      ),
      outShape,
    );
    const value = f(ta, tb).dataSync() as Float32Array;
    const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(f(x, y), weights)))([ta, tb]);
    return { value, da: da.dataSync() as Float32Array, db: db.dataSync() as Float32Array };
  });
}

async function expectSameGradients(
  f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
  aShape: Shape,
  bShape: Shape,
  seed: number,
): Promise<void> {
  const random = new SeededRandom(seed);
  const a: [Float32Array, Shape] = [
    gaussianValues(
      aShape.reduce((p, q) => p * q, 1),
      random,
    ),
    aShape,
  ];
  const b: [Float32Array, Shape] = [
    gaussianValues(
      bShape.reduce((p, q) => p * q, 1),
      random,
    ),
    bShape,
  ];
  const reference = await gradsOn('cpu', f, a, b, seed + 1);
  const wasm = await gradsOn('wasm', f, a, b, seed + 1);
  expect(relativeDifference(wasm.value, reference.value)).toBeLessThan(TOLERANCE);
  expect(relativeDifference(wasm.da, reference.da)).toBeLessThan(TOLERANCE);
  expect(relativeDifference(wasm.db, reference.db)).toBeLessThan(TOLERANCE);
}

beforeAll(async () => {
  registerTrainingKernels('wasm');
  await tf.setBackend('wasm');
});

describe('wasm convolution gradient kernels', () => {
  it('are the ones registered for wasm', () => {
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')?.kernelFunc).toBe(conv2dBackpropFilterByConvKernel.kernelFunc);
    expect(tf.getKernel(tf.Conv2DBackpropInput, 'wasm')?.kernelFunc).toBe(conv2dBackpropInputByConvKernel.kernelFunc);
  });

  type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];
  const cases: { name: string; x: Shape; filter: Shape; stride: number; pad: Pad }[] = [
    { name: '3×3 stride 1 same, 1→4 channels', x: [2, 7, 9, 1], filter: [3, 3, 1, 4], stride: 1, pad: 'same' },
    { name: '3×3 stride 1 valid, 3→8', x: [3, 8, 6, 3], filter: [3, 3, 3, 8], stride: 1, pad: 'valid' },
    { name: '3×3 stride 2 same, 3→5, odd size', x: [2, 9, 7, 3], filter: [3, 3, 3, 5], stride: 2, pad: 'same' },
    { name: '3×3 stride 2 same, even size', x: [2, 8, 8, 4], filter: [3, 3, 4, 6], stride: 2, pad: 'same' },
    { name: '3×3 stride 2 valid, remainder dropped', x: [2, 10, 9, 2], filter: [3, 3, 2, 3], stride: 2, pad: 'valid' },
    { name: '4×2 stride 2 same, even filter', x: [2, 9, 8, 5], filter: [4, 2, 5, 2], stride: 2, pad: 'same' },
    { name: '5×5 stride 1 same, 6→6', x: [2, 6, 6, 6], filter: [5, 5, 6, 6], stride: 1, pad: 'same' },
    {
      name: '3×3 stride 2 explicit padding',
      x: [2, 7, 8, 3],
      filter: [3, 3, 3, 4],
      stride: 2,
      pad: [
        [0, 0],
        [2, 0],
        [1, 3],
        [0, 0],
      ],
    },
  ];
  cases.forEach(({ name, x, filter, stride, pad }, index) => {
    it(`conv2d ${name}: wasm gradients match cpu`, async () => {
      await expectSameGradients(
        (a, b) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad),
        x,
        filter,
        100 + index,
      );
    });
  });

  it('conv1d (spectra) stride 1 and 2: wasm gradients match cpu', async () => {
    await expectSameGradients(
      (a, b) => tf.conv1d(a as tf.Tensor3D, b as tf.Tensor3D, 1, 'same'),
      [3, 40, 2],
      [5, 2, 4],
      7,
    );
    await expectSameGradients(
      (a, b) => tf.conv1d(a as tf.Tensor3D, b as tf.Tensor3D, 2, 'valid'),
      [2, 33, 3],
      [7, 3, 5],
      8,
    );
  });

  it('conv2dTranspose (decoder upsampling): output and gradients match cpu', async () => {
    await expectSameGradients(
      (a, b) => tf.conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, [2, 10, 10, 3], 2, 'same'),
      [2, 5, 5, 4],
      [3, 3, 3, 4],
      9,
    );
  });

  it('leaves no tensors behind', async () => {
    const x = tf.randomNormal<tf.Rank.R4>([2, 8, 8, 3]);
    const w = tf.randomNormal<tf.Rank.R4>([3, 3, 3, 4]);
    const before = tf.memory().numTensors;
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same')),
    )([x, w]);
    tf.dispose(grads);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, w]);
  });

  it('rejects NCHW and dilations with a clear error', () => {
    const x = tf.zeros<tf.Rank.R4>([1, 3, 6, 6]);
    const dy = tf.zeros<tf.Rank.R4>([1, 4, 6, 6]);
    expect(() =>
      tf
        .engine()
        .runKernel(
          tf.Conv2DBackpropFilter,
          { x, dy },
          { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 3, 4] },
        ),
    ).toThrow(/Conv2DBackpropFilter on wasm.*dataFormat 'NCHW' is not supported/);
    expect(() =>
      conv2dBackpropFilterByConv(x, dy, { strides: 1, pad: 'same', dilations: 2, filterShape: [3, 3, 6, 6] }),
    ).toThrow(/dilations \[2, 2\] are not supported/);
    tf.dispose([x, dy]);
  });
});
