// The convolutional networks of the image models, shared by the autoencoder and the
// contrastive encoder so that both embeddings come from the same kind of encoder: four
// stride-2 3×3 convolutions (size/16 on a side, then flattened) and a linear bottleneck of
// `dim`. Stride-2 convolutions rather than pooling keep the layer count (and wasm's
// per-kernel overhead) low. Every initialiser is seeded, so a run is reproducible.
import * as tf from '@tensorflow/tfjs';
import { seeded } from '../seeded-layers.js';

export interface ImageGeometry {
  size: number;
  bands: number;
}

/** Filters of the four encoder convolutions; the decoder mirrors them. */
const FILTERS = [32, 64, 64, 128] as const;
const DOWNSAMPLING = 2 ** FILTERS.length;

export function checkImageGeometry({ size, bands }: ImageGeometry): void {
  if (!Number.isInteger(size) || size < DOWNSAMPLING || size % DOWNSAMPLING !== 0) {
    throw new Error(`image models need square inputs whose side is a multiple of ${DOWNSAMPLING}; got ${size}×${size}`);
  }
  if (!Number.isInteger(bands) || bands < 1) throw new Error(`image models need at least one band; got ${bands}`);
}

/** Image [size, size, bands] → representation [dim]. */
export function buildImageEncoder(geometry: ImageGeometry, dim: number, seed: number): tf.Sequential {
  checkImageGeometry(geometry);
  const encoder = tf.sequential({ name: 'encoder' });
  FILTERS.forEach((filters, i) => {
    encoder.add(
      tf.layers.conv2d({
        ...(i === 0 ? { inputShape: [geometry.size, geometry.size, geometry.bands] } : {}),
        filters,
        kernelSize: 3,
        strides: 2,
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

/** Representation [dim] → image [size, size, bands], mirroring the encoder. */
export function buildImageDecoder(geometry: ImageGeometry, dim: number, seed: number): tf.Sequential {
  checkImageGeometry(geometry);
  const grid = geometry.size / DOWNSAMPLING;
  const top = FILTERS[FILTERS.length - 1];
  const decoder = tf.sequential({ name: 'decoder' });
  decoder.add(tf.layers.dense({ inputShape: [dim], units: grid * grid * top, activation: 'relu', ...seeded(seed, 10) }));
  decoder.add(tf.layers.reshape({ targetShape: [grid, grid, top] }));
  const upFilters = [...FILTERS.slice(0, -1)].reverse();
  upFilters.forEach((filters, i) => {
    decoder.add(tf.layers.conv2dTranspose({ filters, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', ...seeded(seed, 11 + i) }));
  });
  decoder.add(tf.layers.conv2dTranspose({ filters: geometry.bands, kernelSize: 3, strides: 2, padding: 'same', ...seeded(seed, 19) }));
  return decoder;
}

