// A learned model exported as one ONNX graph computes what LearnedModel.encode computes on
// tfjs's cpu backend: the embedding (on the unit sphere for contrastive models) and the
// autoencoder's per-object reconstruction error, for images (every value) and spectra (the
// flux over good bins only, with and without a mask channel), to 1e-4 of each output's scale.
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';
import { LearnedModel } from '../../../../native-models/learned-model.js';
import type { LearnedModelConfig } from '../../../../native-models/model-config.js';
import {
  RECONSTRUCTION_ERROR_OUTPUT,
  RECONSTRUCTION_OUTPUT,
  learnedModelToOnnx,
} from '../../../../native-models/onnx/learned-model-to-onnx.js';
import { seededValues } from '../../../helpers/onnx-model-builder.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const COUNT = 5;

/**
 * Inputs of `config`'s shape; spectra get a mask channel of 0/1 with some bins bad. Values of
 * the size of a fresh decoder's outputs, so the error is not all input. (A mean of squares
 * barely moves when the decoder's output shifts by a bin: onnx-graph-builder.test.ts pins the
 * decoder's own outputs.)
 */
function inputsFor(config: LearnedModelConfig, length: number): Float32Array {
  const values = seededValues(COUNT * length, 17, 0.5);
  if (config.modality === 'spectrum' && config.geometry.channels > 1) {
    for (let i = 1; i < values.length; i += config.geometry.channels) values[i] = values[i] > -0.5 ? 1 : 0;
  }
  return values;
}

function largestDifference(got: ArrayLike<number>, want: ArrayLike<number>): { diff: number; scale: number } {
  expect(got.length).toBe(want.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    diff = Math.max(diff, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return { diff, scale };
}

const CASES: [string, LearnedModelConfig][] = [
  ['image autoencoder', { kind: 'autoencoder', modality: 'image', geometry: { size: 16, bands: 3 }, dim: 6, seed: 2 }],
  ['image contrastive', { kind: 'contrastive', modality: 'image', geometry: { size: 16, bands: 2 }, dim: 5, seed: 3 }],
  [
    'masked spectrum autoencoder',
    { kind: 'autoencoder', modality: 'spectrum', geometry: { length: 64, channels: 2 }, dim: 4, seed: 4 },
  ],
  [
    'flux-only spectrum autoencoder',
    { kind: 'autoencoder', modality: 'spectrum', geometry: { length: 64, channels: 1 }, dim: 4, seed: 5 },
  ],
  [
    'spectrum contrastive',
    { kind: 'contrastive', modality: 'spectrum', geometry: { length: 64, channels: 2 }, dim: 4, seed: 6 },
  ],
].map(([name, config]) => [name as string, { ...(config as object), learningRate: 1e-3 } as LearnedModelConfig]);

describe('learnedModelToOnnx', () => {
  it.each(CASES)('computes what LearnedModel.encode computes: %s', async (_name, config) => {
    const model = new LearnedModel(config);
    try {
      const inputs = inputsFor(config, model.inputLength);
      const expected = await model.encode(inputs, COUNT);
      const bytes = learnedModelToOnnx(config, model.encoder, model.trainingHead);
      const session = await ort.InferenceSession.create(bytes, { executionProviders: ['cpu'] });
      try {
        const pixels = new ort.Tensor('float32', inputs, [COUNT, ...model.architecture.inputShape]);
        const results = await session.run({ pixels });
        const embedding = largestDifference(results.embedding.data as Float32Array, expected.vectors);
        expect(results.embedding.dims).toEqual([COUNT, config.dim]);
        expect(embedding.scale).toBeGreaterThan(config.kind === 'contrastive' ? 0.3 : 1e-3);
        expect(embedding.diff).toBeLessThan(1e-4 * embedding.scale);
        if (config.kind === 'contrastive') {
          expect(session.outputNames).toEqual(['embedding']);
          const first = Array.from((results.embedding.data as Float32Array).subarray(0, config.dim));
          expect(Math.hypot(...first)).toBeCloseTo(1, 5);
        } else {
          expect(session.outputNames).toEqual(['embedding', RECONSTRUCTION_ERROR_OUTPUT]);
          const errors = results[RECONSTRUCTION_ERROR_OUTPUT];
          expect(errors.dims).toEqual([COUNT]);
          const error = largestDifference(errors.data as Float32Array, expected.reconstructionError!);
          expect(error.scale).toBeGreaterThan(1e-4);
          expect(error.diff).toBeLessThan(1e-4 * error.scale);
          if (config.modality === 'image') {
            // Asked for, the reconstruction is what the error was taken from: its mean squared difference to the input.
            const withDecoded = learnedModelToOnnx(config, model.encoder, model.trainingHead, { reconstruction: true });
            const decodedSession = await ort.InferenceSession.create(withDecoded, { executionProviders: ['cpu'] });
            try {
              expect(decodedSession.outputNames).toEqual([
                'embedding',
                RECONSTRUCTION_ERROR_OUTPUT,
                RECONSTRUCTION_OUTPUT,
              ]);
              const decoded = (await decodedSession.run({ pixels }))[RECONSTRUCTION_OUTPUT];
              expect(decoded.dims).toEqual([COUNT, ...model.architecture.inputShape]);
              const values = decoded.data as Float32Array;
              const perObject = values.length / COUNT;
              for (let i = 0; i < COUNT; i++) {
                let sum = 0;
                for (let k = i * perObject; k < (i + 1) * perObject; k++) sum += (values[k] - inputs[k]) ** 2;
                expect(sum / perObject).toBeCloseTo((errors.data as Float32Array)[i], 5);
              }
            } finally {
              await decodedSession.release();
            }
          }
        }
      } finally {
        await session.release();
      }
    } finally {
      model.dispose();
    }
  });

  it('needs the decoder of an autoencoder', () => {
    const [, config] = CASES[0];
    const model = new LearnedModel(config);
    expect(() => learnedModelToOnnx(config, model.encoder)).toThrow(/needs its decoder/);
    model.dispose();
  });
});
