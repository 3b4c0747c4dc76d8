// What a learned model needs to know about its modality, so that one model class, one
// training loop and one checkpoint format serve images and spectra alike: the input's shape,
// the networks, how to draw a contrastive view, and how to score a reconstruction.
import type * as tf from '@tensorflow/tfjs';
import type { RandomSource } from './image/astro-augmentations.js';

export const LEARNED_MODEL_KINDS = ['autoencoder', 'contrastive'] as const;
export type LearnedModelKind = (typeof LEARNED_MODEL_KINDS)[number];

export interface ModelArchitecture {
  /** One input, as tfjs sees it: [height, width, channels] (spectra: [length, 1, channels]). */
  readonly inputShape: [number, number, number];
  buildEncoder(dim: number, seed: number): tf.Sequential;
  buildDecoder(dim: number, seed: number): tf.Sequential;
  /**
   * A view maker with its own scratch memory: writes one random view of `src` into `dst`,
   * and, when given `clean`, the same view without the photometric changes (for a
   * denoising autoencoder; a modality without that distinction writes `dst` again).
   */
  viewMaker(): (src: Float32Array, dst: Float32Array, random: RandomSource, clean?: Float32Array) => void;
  /** Per-object reconstruction error [N] of inputs [N, ...inputShape] by outputs of the decoder. */
  reconstructionError(input: tf.Tensor, output: tf.Tensor): tf.Tensor1D;
}
