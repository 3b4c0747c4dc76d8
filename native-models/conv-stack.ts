// The one convolutional encoder/decoder pair every learned model uses, parameterised by its
// input shape, filters, kernel and stride: images use 3×3 kernels and 2×2 strides, spectra
// ([length, 1, channels]) 7×1 kernels and 2×1 strides. Stride-2 convolutions rather than
// pooling keep the layer count (and wasm's per-kernel overhead) low; the decoder mirrors
// the encoder with transposed convolutions. Every initialiser is seeded (seeded-layers.ts).
import * as tf from '@tensorflow/tfjs';
import { seeded } from './seeded-layers.js';

export interface ConvStackSpec {
  /** One input: [height, width, channels]. */
  inputShape: [number, number, number];
  /** Filters of each stride-2 layer, first to last. */
  filters: readonly number[];
  kernelSize: [number, number];
  strides: [number, number];
  /** Channels the decoder outputs (all of the input's, or only those worth reconstructing). */
  outputChannels: number;
}

/** The networks' width multiplier (filters per layer ×width) must be a whole number from 1 to 8. */
export function checkNetworkWidth(width: number): void {
  if (!Number.isInteger(width) || width < 1 || width > 8)
    throw new Error(`the network width must be a whole number from 1 to 8; got ${width}`);
}

/** Input → flattened last feature map → linear `dim` representation. */
export function buildConvEncoder(spec: ConvStackSpec, dim: number, seed: number): tf.Sequential {
  const encoder = tf.sequential({ name: 'encoder' });
  spec.filters.forEach((filters, i) => {
    encoder.add(
      tf.layers.conv2d({
        ...(i === 0 ? { inputShape: spec.inputShape } : {}),
        filters,
        kernelSize: spec.kernelSize,
        strides: spec.strides,
        padding: 'same',
        activation: 'relu',
        ...seeded(seed, i),
      }),
    );
  });
  encoder.add(tf.layers.flatten());
  encoder.add(tf.layers.dense({ units: dim, name: 'representation', ...seeded(seed, spec.filters.length) }));
  return encoder;
}

/** `dim` → the encoder's last feature map → transposed convolutions back to the input's size. */
export function buildConvDecoder(spec: ConvStackSpec, dim: number, seed: number): tf.Sequential {
  const layers = spec.filters.length;
  const [height, width] = spec.inputShape;
  const coarse: [number, number] = [height / spec.strides[0] ** layers, width / spec.strides[1] ** layers];
  const top = spec.filters[layers - 1];
  const decoder = tf.sequential({ name: 'decoder' });
  decoder.add(
    tf.layers.dense({ inputShape: [dim], units: coarse[0] * coarse[1] * top, activation: 'relu', ...seeded(seed, 10) }),
  );
  decoder.add(tf.layers.reshape({ targetShape: [coarse[0], coarse[1], top] }));
  [...spec.filters.slice(0, -1)].reverse().forEach((filters, i) => {
    decoder.add(
      tf.layers.conv2dTranspose({
        filters,
        kernelSize: spec.kernelSize,
        strides: spec.strides,
        padding: 'same',
        activation: 'relu',
        ...seeded(seed, 11 + i),
      }),
    );
  });
  decoder.add(
    tf.layers.conv2dTranspose({
      filters: spec.outputChannels,
      kernelSize: spec.kernelSize,
      strides: spec.strides,
      padding: 'same',
      ...seeded(seed, 19),
    }),
  );
  return decoder;
}
