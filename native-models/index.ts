// native-models: tfjs models and what they run on. backends/ picks the tfjs backend;
// kernels/ adds the kernels a backend lacks for training (conv gradients on wasm).
export * from './backends/index.js';
export { registerWasmTrainingKernels, unregisterWasmTrainingKernels } from './kernels/index.js';
