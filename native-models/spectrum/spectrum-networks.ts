// The 1-D convolutional networks of the spectrum models. A spectrum enters as
// [length, 1, channels] (normalised flux and a good-bin mask on the common log-λ grid), so
// the convolutions are 2-D ones with 7×1 kernels and 2×1 strides: the same kernels (and wasm
// gradient kernels) as the image models. Five stride-2 layers take 2,048 bins to 64, about
// 3,000 km/s a bin, coarse enough to be cheap and fine enough to keep line shapes.
import * as tf from '@tensorflow/tfjs';
import { seeded } from '../seeded-layers.js';

export interface SpectrumGeometry {
  /** Bins on the common grid. */
  length: number;
  /** Channels per bin: 0 = normalised flux, 1 = good-bin mask. */
  channels: number;
}

const FILTERS = [16, 32, 32, 64, 64] as const;
const DOWNSAMPLING = 2 ** FILTERS.length;
const KERNEL: [number, number] = [7, 1];
const STRIDE: [number, number] = [2, 1];

export function checkSpectrumGeometry({ length, channels }: SpectrumGeometry): void {
  if (!Number.isInteger(length) || length < DOWNSAMPLING || length % DOWNSAMPLING !== 0) {
    throw new Error(`spectrum models need a grid length that is a multiple of ${DOWNSAMPLING}; got ${length}`);
  }
  if (!Number.isInteger(channels) || channels < 1) throw new Error(`spectrum models need at least one channel; got ${channels}`);
}

/** Spectrum [length, 1, channels] → representation [dim]. */
export function buildSpectrumEncoder(geometry: SpectrumGeometry, dim: number, seed: number): tf.Sequential {
  checkSpectrumGeometry(geometry);
  const encoder = tf.sequential({ name: 'encoder' });
  FILTERS.forEach((filters, i) => {
    encoder.add(
      tf.layers.conv2d({
        ...(i === 0 ? { inputShape: [geometry.length, 1, geometry.channels] } : {}),
        filters,
        kernelSize: KERNEL,
        strides: STRIDE,
        padding: 'same',
        activation: 'relu',
        ...seeded(seed, i),
      }),
    );
  });
  encoder.add(tf.layers.flatten());
  encoder.add(tf.layers.dense({ units: dim, name: 'representation', ...seeded(seed, FILTERS.length) }));
  return encoder;
}

/** Representation [dim] → flux [length, 1, 1]: the mask is an input, never a thing to reconstruct. */
export function buildSpectrumDecoder(geometry: SpectrumGeometry, dim: number, seed: number): tf.Sequential {
  checkSpectrumGeometry(geometry);
  const coarse = geometry.length / DOWNSAMPLING;
  const top = FILTERS[FILTERS.length - 1];
  const decoder = tf.sequential({ name: 'decoder' });
  decoder.add(tf.layers.dense({ inputShape: [dim], units: coarse * top, activation: 'relu', ...seeded(seed, 10) }));
  decoder.add(tf.layers.reshape({ targetShape: [coarse, 1, top] }));
  [...FILTERS.slice(0, -1)].reverse().forEach((filters, i) => {
    decoder.add(tf.layers.conv2dTranspose({ filters, kernelSize: KERNEL, strides: STRIDE, padding: 'same', activation: 'relu', ...seeded(seed, 11 + i) }));
  });
  decoder.add(tf.layers.conv2dTranspose({ filters: 1, kernelSize: KERNEL, strides: STRIDE, padding: 'same', ...seeded(seed, 19) }));
  return decoder;
}
