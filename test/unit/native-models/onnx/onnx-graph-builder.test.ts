// The layer translation on its own: the decoders the learned models train (dense → reshape
// → stride-2 transposed convolutions, images 3×3 and spectra 7×1) and transposed
// convolutions of odd sides and even kernels give tfjs's outputs through onnxruntime; a
// kernel read in the wrong order or a pad on the wrong side would move every value.
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildImageDecoder } from '../../../../native-models/image/image-networks.js';
import { buildSpectrumDecoder } from '../../../../native-models/spectrum/spectrum-networks.js';
import { OnnxGraphBuilder } from '../../../../native-models/onnx/onnx-graph-builder.js';
import { onnxModel } from '../../../../native-models/onnx/onnx-model-writer.js';
import { seededValues } from '../../../helpers/onnx-model-builder.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Max |tfjs − onnxruntime| of `model` on seeded inputs, and the outputs' largest |value|. */
async function difference(model: tf.LayersModel, count: number): Promise<{ diff: number; scale: number }> {
  const inputShape = model.inputs[0].shape.slice(1) as number[];
  const x = seededValues(count * inputShape.reduce((a, b) => a * b, 1), 9, 2);
  const expected = tf.tidy(() => (model.predict(tf.tensor(x, [count, ...inputShape])) as tf.Tensor).dataSync());
  const flat = inputShape.length === 1;
  const graph = new OnnxGraphBuilder('x', flat ? [1, 1, inputShape[0]] : (inputShape as [number, number, number]));
  if (flat) [graph.layout, graph.flatWidth] = ['flat', inputShape[0]];
  graph.addLayers(model);
  graph.toNhwc();
  graph.rename(graph.current, 'y');
  const bytes = onnxModel({
    nodes: graph.nodes,
    initializers: graph.initializers,
    inputs: [{ name: 'x', shape: ['N', ...inputShape] }],
    outputs: [{ name: 'y', shape: ['N', graph.height, graph.width, graph.channels] }],
  });
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
  try {
    const got = (await session.run({ x: new ort.Tensor('float32', x, [count, ...inputShape]) })).y.data as Float32Array;
    expect(got.length).toBe(expected.length);
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < got.length; i++) {
      diff = Math.max(diff, Math.abs(got[i] - expected[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    return { diff, scale };
  } finally {
    await session.release();
  }
}

describe('OnnxGraphBuilder', () => {
  it.each([
    ['image decoder', () => buildImageDecoder({ size: 16, bands: 3 }, 6, 1)],
    ['spectrum decoder', () => buildSpectrumDecoder({ length: 64, channels: 2 }, 4, 2)],
  ])('translates the %s', async (_name, build) => {
    const decoder = build();
    const { diff, scale } = await difference(decoder, 3);
    expect(scale).toBeGreaterThan(0.01);
    expect(diff).toBeLessThan(1e-5 * Math.max(1, scale));
    decoder.dispose();
  });

  it.each([
    [7, 3, 2],
    [8, 4, 2],
    [8, 7, 1],
    [5, 5, 3],
  ])("pads a 'same' transposed convolution like TensorFlow: side %i, kernel %i, stride %i", async (side, k, s) => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2dTranspose({
          inputShape: [side, side, 2],
          filters: 3,
          kernelSize: k,
          strides: s,
          padding: 'same',
          activation: 'tanh',
          kernelInitializer: tf.initializers.glorotUniform({ seed: side * k + s }),
        }),
      ],
    });
    const { diff, scale } = await difference(model, 2);
    expect(scale).toBeGreaterThan(0.1);
    expect(diff).toBeLessThan(1e-5);
    model.dispose();
  });

  it('refuses what it cannot translate, by name', () => {
    const graph = new OnnxGraphBuilder('x', [4, 4, 1]);
    const valid = tf.sequential({
      layers: [tf.layers.conv2dTranspose({ inputShape: [4, 4, 1], filters: 1, kernelSize: 3, padding: 'valid' })],
    });
    expect(() => graph.addLayers(valid)).toThrow(/layer '.+': padding 'valid' transposed does not export/);
    const reshape = tf.sequential({ layers: [tf.layers.reshape({ inputShape: [4, 4, 1], targetShape: [16] })] });
    expect(() => new OnnxGraphBuilder('x', [4, 4, 1]).addLayers(reshape)).toThrow(/reshape to \[16\] does not export/);
  });
});
