// The 1-D convolutional networks of the spectrum models. A spectrum enters as
// [length, 1, channels] (normalised flux and a good-bin mask on the common log-λ grid), so
// the convolutions are 2-D ones with 7×1 kernels and 2×1 strides (conv-stack.ts): the same
// kernels (and wasm gradient kernels) as the image models. Five stride-2 layers take 2,048
// bins to 64, about 4,700 km/s a bin: cheap, and after 5 layers of 7 taps each output still
// sees every line's shape. The decoder reconstructs the flux only; the mask is an input.
import type * as tf from '@tensorflow/tfjs';
import { buildConvDecoder, buildConvEncoder, checkNetworkWidth, type ConvStackSpec } from '../conv-stack.js';

export interface SpectrumGeometry {
  /** Bins on the common grid. */
  length: number;
  /** Channels per bin: 0 = normalised flux, 1 = good-bin mask. */
  channels: number;
}

const FILTERS = [16, 32, 32, 64, 64] as const;
const DOWNSAMPLING = 2 ** FILTERS.length;

export function checkSpectrumGeometry({ length, channels }: SpectrumGeometry): void {
  if (!Number.isInteger(length) || length < DOWNSAMPLING || length % DOWNSAMPLING !== 0) {
    throw new Error(`spectrum models need a grid length that is a multiple of ${DOWNSAMPLING}; got ${length}`);
  }
  if (!Number.isInteger(channels) || channels < 1)
    throw new Error(`spectrum models need at least one channel; got ${channels}`);
}

function spec(geometry: SpectrumGeometry, width: number): ConvStackSpec {
  checkNetworkWidth(width);
  checkSpectrumGeometry(geometry);
  return {
    inputShape: [geometry.length, 1, geometry.channels],
    filters: FILTERS.map((filters) => filters * width),
    kernelSize: [7, 1],
    strides: [2, 1],
    outputChannels: 1,
  };
}

/** Spectrum [length, 1, channels] → representation [dim]. */
export function buildSpectrumEncoder(geometry: SpectrumGeometry, dim: number, seed: number, width = 1): tf.Sequential {
  return buildConvEncoder(spec(geometry, width), dim, seed);
}

/** Representation [dim] → flux [length, 1, 1]. */
export function buildSpectrumDecoder(geometry: SpectrumGeometry, dim: number, seed: number, width = 1): tf.Sequential {
  return buildConvDecoder(spec(geometry, width), dim, seed);
}
