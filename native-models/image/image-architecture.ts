// Images as a learned model sees them: [size, size, bands] inputs, the conv networks of
// image-networks.ts, the astronomy augmentations, and the mean squared error per object.
import * as tf from '@tensorflow/tfjs';
import type { ModelArchitecture } from '../model-architecture.js';
import { AugmentationScratch, augmentView } from './astro-augmentations.js';
import { buildImageDecoder, buildImageEncoder, checkImageGeometry, type ImageGeometry } from './image-networks.js';

export function imageArchitecture(geometry: ImageGeometry, width = 1): ModelArchitecture {
  checkImageGeometry(geometry);
  const { size, bands } = geometry;
  return {
    inputShape: [size, size, bands],
    buildEncoder: (dim, seed) => buildImageEncoder(geometry, dim, seed, width),
    buildDecoder: (dim, seed) => buildImageDecoder(geometry, dim, seed, width),
    viewMaker() {
      const scratch = new AugmentationScratch(size, bands);
      return (src, dst, random, clean) => augmentView(src, dst, scratch, random, undefined, clean);
    },
    reconstructionError: (input, output) => tf.mean(tf.squaredDifference(output, input), [1, 2, 3]) as tf.Tensor1D,
  };
}
