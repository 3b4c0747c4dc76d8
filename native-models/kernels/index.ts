// Kernels Serendip adds to tfjs backends: on wasm, convolution gradients built from the
// backend's fast Conv2D (XNNPACK), so conv layers train there.
export {
  WASM_TRAINING_KERNELS,
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
} from './register-wasm-training-kernels.js';
export { conv2dBackpropFilterByConv, conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
export { conv2dBackpropInputByConv, conv2dBackpropInputConfig } from './conv2d-backprop-input.js';
