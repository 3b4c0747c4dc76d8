// The image models' networks: four stride-2 3×3 convolutions (size/16 on a side, then
// flattened) to a linear bottleneck of `dim`, and the mirror-image decoder (conv-stack.ts).
import type * as tf from '@tensorflow/tfjs';
import { buildConvDecoder, buildConvEncoder, checkNetworkWidth, type ConvStackSpec } from '../conv-stack.js';

export interface ImageGeometry {
  size: number;
  bands: number;
}

const FILTERS = [32, 64, 64, 128] as const;
const DOWNSAMPLING = 2 ** FILTERS.length;

export function checkImageGeometry({ size, bands }: ImageGeometry): void {
  if (!Number.isInteger(size) || size < DOWNSAMPLING || size % DOWNSAMPLING !== 0) {
    const side = `${size}×${size}`;
    throw new Error(`image models need square inputs whose side is a multiple of ${DOWNSAMPLING}; got ${side}`);
  }
  if (!Number.isInteger(bands) || bands < 1) throw new Error(`image models need at least one band; got ${bands}`);
}

function spec(geometry: ImageGeometry, width: number): ConvStackSpec {
  checkNetworkWidth(width);
  checkImageGeometry(geometry);
  return {
    inputShape: [geometry.size, geometry.size, geometry.bands],
    filters: FILTERS.map((filters) => filters * width),
    kernelSize: [3, 3],
    strides: [2, 2],
    outputChannels: geometry.bands,
  };
}

/** Image [size, size, bands] → representation [dim]. */
export function buildImageEncoder(geometry: ImageGeometry, dim: number, seed: number, width = 1): tf.Sequential {
  return buildConvEncoder(spec(geometry, width), dim, seed);
}

/** Representation [dim] → image [size, size, bands]. */
export function buildImageDecoder(geometry: ImageGeometry, dim: number, seed: number, width = 1): tf.Sequential {
  return buildConvDecoder(spec(geometry, width), dim, seed);
}
