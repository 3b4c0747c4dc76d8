// A tfjs encoder exported to ONNX computes what tfjs computes: the image encoder the
// learned models train (four stride-2 'same' convolutions, flatten, dense), and a stack with
// odd sides (asymmetric 'same' padding), 'valid' padding, dilation-free 1×1 strides and
// tanh/relu dense layers. Layers that have no export are refused by name.
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildImageEncoder } from '../../../../native-models/image/image-networks.js';
import { convAxis, tfjsEncoderToOnnx } from '../../../../native-models/onnx/index.js';
import { seededValues } from '../../../helpers/onnx-model-builder.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Max |tfjs − onnxruntime| over `count` seeded inputs. */
async function difference(
  model: tf.LayersModel,
  count: number,
): Promise<{ diff: number; scale: number; dims: readonly number[] }> {
  const [, h, w, c] = model.inputs[0].shape as number[];
  const x = seededValues(count * h * w * c, 11, 3);
  const expected = tf.tidy(
    () => (model.predict(tf.tensor4d(x, [count, h, w, c])) as tf.Tensor).dataSync() as Float32Array,
  );
  const session = await ort.InferenceSession.create(tfjsEncoderToOnnx(model), { executionProviders: ['cpu'] });
  try {
    const result = (await session.run({ pixels: new ort.Tensor('float32', x, [count, h, w, c]) })).embedding;
    const got = result.data as Float32Array;
    expect(got.length).toBe(expected.length);
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < got.length; i++) {
      diff = Math.max(diff, Math.abs(got[i] - expected[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    return { diff, scale, dims: result.dims };
  } finally {
    await session.release();
  }
}

describe('tfjsEncoderToOnnx', () => {
  it('pads like TensorFlow', () => {
    expect(convAxis(16, 3, 2, 1, 'same')).toEqual({ before: 0, after: 1, out: 8 });
    expect(convAxis(15, 3, 2, 1, 'same')).toEqual({ before: 1, after: 1, out: 8 });
    expect(convAxis(15, 3, 1, 1, 'same')).toEqual({ before: 1, after: 1, out: 15 });
    expect(convAxis(15, 3, 2, 1, 'valid')).toEqual({ before: 0, after: 0, out: 7 });
  });

  it('exports the image encoder the learned models train', async () => {
    const encoder = buildImageEncoder({ size: 32, bands: 3 }, 8, 5);
    const { diff, scale, dims } = await difference(encoder, 6);
    expect(dims).toEqual([6, 8]);
    expect(scale).toBeGreaterThan(0.01);
    expect(diff).toBeLessThan(1e-4 * Math.max(1, scale));
    encoder.dispose();
  });

  it('exports odd sides, valid padding and dense activations', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [15, 13, 2],
          filters: 4,
          kernelSize: 3,
          strides: 2,
          padding: 'same',
          activation: 'relu',
        }),
        tf.layers.conv2d({ filters: 5, kernelSize: [3, 2], strides: 1, padding: 'valid', activation: 'tanh' }),
        tf.layers.conv2d({ filters: 3, kernelSize: 1, padding: 'same', useBias: false }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 7, activation: 'relu' }),
        tf.layers.dropout({ rate: 0.5 }),
        tf.layers.dense({ units: 4, activation: 'sigmoid' }),
      ],
    });
    const { diff, dims } = await difference(model, 3);
    expect(dims).toEqual([3, 4]);
    expect(diff).toBeLessThan(1e-5);
    model.dispose();
  });

  it('refuses layers it cannot export, by name', () => {
    const pooled = tf.sequential({
      layers: [tf.layers.maxPooling2d({ inputShape: [8, 8, 1], poolSize: 2 }), tf.layers.flatten()],
    });
    expect(() => tfjsEncoderToOnnx(pooled)).toThrow(
      /\(MaxPooling2D\) does not export; Conv2D, Conv2DTranspose, Flatten, Reshape, Dense and Dropout do/,
    );
    const elu = tf.sequential({
      layers: [tf.layers.flatten({ inputShape: [4, 4, 1] }), tf.layers.dense({ units: 2, activation: 'elu' })],
    });
    expect(() => tfjsEncoderToOnnx(elu)).toThrow(/activation 'elu' does not export/);
  });
});
