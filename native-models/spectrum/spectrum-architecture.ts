// Spectra as a learned model sees them: [length, 1, channels] inputs (normalised flux and a
// good-bin mask), the 1-D networks, the spectral augmentations, and a reconstruction error
// that counts only good bins, so gaps and masked sky lines never look anomalous.
import * as tf from '@tensorflow/tfjs';
import type { ModelArchitecture } from '../model-architecture.js';
import { augmentSpectrumView } from './spectrum-augmentations.js';
import {
  buildSpectrumDecoder,
  buildSpectrumEncoder,
  checkSpectrumGeometry,
  type SpectrumGeometry,
} from './spectrum-networks.js';

/** Mean squared error of the flux over good bins, per object; input [N, L, 1, C], output [N, L, 1, 1]. */
export function maskedFluxError(input: tf.Tensor, output: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const channels = input.shape[3]!;
    const flux = tf.slice(input, [0, 0, 0, 0], [-1, -1, -1, 1]);
    const mask = channels > 1 ? tf.slice(input, [0, 0, 0, 1], [-1, -1, -1, 1]) : tf.onesLike(flux);
    const squared = tf.mul(tf.squaredDifference(output, flux), mask);
    return tf.div(tf.sum(squared, [1, 2, 3]), tf.maximum(tf.sum(mask, [1, 2, 3]), 1)) as tf.Tensor1D;
  });
}

export function spectrumArchitecture(geometry: SpectrumGeometry, width = 1): ModelArchitecture {
  checkSpectrumGeometry(geometry);
  const { length, channels } = geometry;
  return {
    inputShape: [length, 1, channels],
    buildEncoder: (dim, seed) => buildSpectrumEncoder(geometry, dim, seed, width),
    buildDecoder: (dim, seed) => buildSpectrumDecoder(geometry, dim, seed, width),
    viewMaker: () => (src, dst, random, clean) => {
      augmentSpectrumView(src, dst, length, channels, random);
      clean?.set(dst);
    },
    reconstructionError: maskedFluxError,
  };
}
