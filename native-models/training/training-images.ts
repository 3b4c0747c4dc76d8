// What the image-model trainers read: a fixed set of model inputs they may visit in any
// order. The caller owns where the pixels live (a workspace's float16 row file, memory, a
// test's synthetic galaxies), so native-models never touches the workspace.
import type { ImageGeometry } from '../image/image-networks.js';

export interface TrainingImages {
  readonly count: number;
  readonly geometry: ImageGeometry;
  /** Writes the inputs of `indices` into `out`, HWC, one after another. */
  read(indices: ArrayLike<number>, out: Float32Array): void;
}

/** Training images held in one float32 array (tests, small collections). */
export function imagesInMemory(values: Float32Array, geometry: ImageGeometry): TrainingImages {
  const length = geometry.size * geometry.size * geometry.bands;
  if (values.length % length !== 0) throw new Error(`${values.length} values are not whole ${geometry.size}×${geometry.size}×${geometry.bands} images`);
  return {
    count: values.length / length,
    geometry,
    read(indices, out) {
      for (let k = 0; k < indices.length; k++) out.set(values.subarray(indices[k] * length, (indices[k] + 1) * length), k * length);
    },
  };
}
