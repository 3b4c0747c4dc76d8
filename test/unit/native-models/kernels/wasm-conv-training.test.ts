// Conv layers train on the wasm backend with the registered gradient kernels: a tiny
// classifier (conv2d + dense) and a tiny autoencoder (conv2d down, conv2dTranspose up)
// each lower their loss over a few seeded optimiser steps.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';
import { registerTrainingKernels } from '../../../../native-models/kernels/index.js';

const SIZE = 16;
const BATCH = 16;
const STEPS = 12;

/** Bright blobs (label 1) or faint noise (label 0): easy to learn, deterministic. */
function dataset(random: SeededRandom): { images: tf.Tensor4D; labels: tf.Tensor2D } {
  const pixels = new Float32Array(BATCH * SIZE * SIZE * 3);
  const labels = new Float32Array(BATCH);
  for (let n = 0; n < BATCH; n++) {
    labels[n] = n % 2;
    const cx = 4 + random.nextInt(8);
    const cy = 4 + random.nextInt(8);
    for (let y = 0; y < SIZE; y++)
      for (let x = 0; x < SIZE; x++)
        for (let c = 0; c < 3; c++) {
          const blob = labels[n] * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / 6);
          pixels[((n * SIZE + y) * SIZE + x) * 3 + c] = blob + 0.1 * random.nextGaussian();
        }
  }
  return { images: tf.tensor4d(pixels, [BATCH, SIZE, SIZE, 3]), labels: tf.tensor2d(labels, [BATCH, 1]) };
}

const init = (seed: number) => tf.initializers.glorotUniform({ seed });

async function lossesOver(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor, loss: string): Promise<number[]> {
  model.compile({ optimizer: tf.train.adam(0.01), loss });
  const losses: number[] = [];
  for (let step = 0; step < STEPS; step++) losses.push(Number(await model.trainOnBatch(x, y)));
  return losses;
}

beforeAll(async () => {
  registerTrainingKernels('wasm');
  await tf.setBackend('wasm');
});

describe('conv training on wasm', () => {
  it('a conv2d + dense classifier lowers its loss', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const { images, labels } = dataset(new SeededRandom(1));
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [SIZE, SIZE, 3],
          filters: 8,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          activation: 'relu',
          kernelInitializer: init(1),
        }),
        tf.layers.conv2d({
          filters: 8,
          kernelSize: 3,
          padding: 'valid',
          activation: 'relu',
          kernelInitializer: init(2),
        }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(3) }),
      ],
    });
    const losses = await lossesOver(model, images, labels, 'binaryCrossentropy');
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[losses.length - 1]).toBeLessThan(0.7 * losses[0]);
    model.dispose();
    tf.dispose([images, labels]);
  });

  it('a conv / conv2dTranspose autoencoder lowers its reconstruction loss', async () => {
    const { images, labels } = dataset(new SeededRandom(2));
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [SIZE, SIZE, 3],
          filters: 8,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          activation: 'relu',
          kernelInitializer: init(4),
        }),
        tf.layers.conv2dTranspose({
          filters: 8,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          activation: 'relu',
          kernelInitializer: init(5),
        }),
        tf.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', kernelInitializer: init(6) }),
      ],
    });
    const before = tf.memory().numTensors;
    const losses = await lossesOver(model, images, images, 'meanSquaredError');
    expect(losses[losses.length - 1]).toBeLessThan(0.7 * losses[0]);
    // Optimiser slots are created on the first step; after that, steps must not leak.
    expect(tf.memory().numTensors - before).toBeLessThan(40);
    model.dispose();
    tf.dispose([images, labels]);
  });
});
