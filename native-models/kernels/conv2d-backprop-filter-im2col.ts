// Conv2DBackpropFilter as one matrix product (im2col), for the webgpu backend. The backend's
// own runs one GPU thread per filter weight, each summing over every batch × output pixel:
// few threads, each doing a long serial sum (a 3×3, 3→32 layer at batch 32 is 864 threads of
// 32,768 steps), and 44–53 % of a training step on a software adapter. Written as
//   dW[(i, j, ci), co] = Σ_{(n, y, x)} P[(n, y, x), (i, j, ci)] · dy[(n, y, x), co],
//   P[(n, y, x), (i, j, ci)] = xpad[n, y·sh + i, x·sw + j, ci]   (the patch matrix of x),
// it is Pᵀ·dy: a short output with a long inner sum, which the backend's matmul tiles (and
// splits along the sum when the output is small). P holds fh·fw copies of x, so it is built a
// batch chunk at a time, at most CHUNK_BYTES, and the chunks' products are summed.
// On SwiftShader at batch 32 (best of 3, interleaved), against the backend's own and the wasm
// kernel's convolution form (conv2d-backprop-filter.ts) run on webgpu:
//   64×64×3→32 3×3 s2: 245 ms (own 455, conv form 956);  32×32×32→64: 985 (4,264, 4,719);
//   16×16×64→64: 672 (2,676, 2,426);  8×8×64→128: 275 (952, 725);
//   spectra 2048×2→16 7×1 s2: 343 (388, 200);  512×32→32: 308 (1,777, 2,012).
// The convolution form wins only on the smallest spectrum layer, so webgpu takes this one.
import * as tf from '@tensorflow/tfjs';
import type { BackpropFilterAttrs } from './conv2d-backprop-filter.js';
import { assertSupported, convGradientKernel, convInfo, type TrainingKernel } from './conv-geometry.js';
import { webgpuPatchMatrix } from './webgpu-patch-matrix.js';

const KERNEL = tf.Conv2DBackpropFilter;

/** Bytes of patch matrix built at once (float32): bounds the kernel's extra memory whatever the batch. */
export const CHUNK_BYTES = 64 * 1024 * 1024;

export function conv2dBackpropFilterByIm2Col(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  attrs: BackpropFilterAttrs,
  chunkBytes = CHUNK_BYTES,
): tf.Tensor4D {
  assertSupported(KERNEL, attrs);
  const info = convInfo(x.shape, attrs.filterShape, attrs);
  const { filterHeight, filterWidth, outHeight, outWidth, inChannels, outChannels, batchSize } = info;
  const rowsPerImage = outHeight * outWidth;
  // Columns rounded up to a multiple of 4 (zeros) let the matmul read and write vec4s.
  const taps = filterHeight * filterWidth * inChannels;
  const columns = Math.ceil(taps / 4) * 4;
  const imagesPerChunk = Math.max(1, Math.floor(chunkBytes / (rowsPerImage * columns * 4)));
  return tf.tidy(() => {
    let sum: tf.Tensor2D | null = null;
    for (let firstImage = 0; firstImage < batchSize; firstImage += imagesPerChunk) {
      const images = Math.min(imagesPerChunk, batchSize - firstImage);
      // Its own tidy, so that each chunk's patch matrix is freed before the next is built.
      const part = tf.tidy(() => {
        const patches = webgpuPatchMatrix(x, info, { firstImage, images, columns });
        const dyChunk = images === batchSize ? dy : tf.slice(dy, [firstImage, 0, 0, 0], [images, -1, -1, -1]);
        const dyRows = tf.reshape(dyChunk, [images * rowsPerImage, outChannels]);
        return tf.matMul<tf.Tensor2D>(patches, dyRows, true, false);
      });
      const total: tf.Tensor2D = sum ? tf.add<tf.Tensor2D>(sum, part) : part;
      if (sum) tf.dispose([sum, part]);
      sum = total;
    }
    const grad = columns === taps ? (sum as tf.Tensor2D) : tf.slice(sum as tf.Tensor2D, [0, 0], [taps, outChannels]);
    return tf.reshape(grad, [filterHeight, filterWidth, inChannels, outChannels]);
  });
}

export const conv2dBackpropFilterByIm2ColKernel: TrainingKernel = convGradientKernel(
  KERNEL,
  ['x', 'dy'],
  conv2dBackpropFilterByIm2Col,
);
