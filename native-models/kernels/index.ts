// Kernels Serendip adds to tfjs backends so that conv layers train fast there: on wasm,
// convolution gradients built from the backend's fast Conv2D (XNNPACK); on webgpu, the
// filter gradient as one split-K matrix product (im2col).
export {
  TRAINING_KERNELS,
  registerTrainingKernels,
  unregisterTrainingKernels,
  type TrainingKernelBackend,
} from './register-training-kernels.js';
export { conv2dBackpropFilterByConv, conv2dBackpropFilterByConvKernel } from './conv2d-backprop-filter.js';
export {
  CHUNK_BYTES,
  conv2dBackpropFilterByIm2Col,
  conv2dBackpropFilterByIm2ColKernel,
} from './conv2d-backprop-filter-im2col.js';
export { conv2dBackpropInputByConv, conv2dBackpropInputByConvKernel } from './conv2d-backprop-input.js';
