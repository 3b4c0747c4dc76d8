// The WebAssembly backend (XNNPACK), shipped with Serendip. It lacks convolution gradient
// kernels, so activating it also registers Serendip's (native-models/kernels) to make
// conv layers trainable.
import * as tf from '@tensorflow/tfjs';
import type { BackendCandidate } from './backend-interface.js';
import { cpuModel } from './cpu-model.js';
import { registerTrainingKernels } from '../kernels/index.js';

export const wasmBackend: BackendCandidate = {
  name: 'wasm',
  packageName: '@tensorflow/tfjs-backend-wasm',
  async activate() {
    try {
      await import('@tensorflow/tfjs-backend-wasm');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`package @tensorflow/tfjs-backend-wasm failed to load: ${reason}`, { cause: error });
    }
    registerTrainingKernels('wasm');
    if (!(await tf.setBackend('wasm')))
      throw new Error('the wasm backend failed to initialise (its .wasm binary did not load)');
  },
  async describeDevice() {
    const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
    const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    return (
      `WebAssembly (XNNPACK, SIMD ${simd ? 'on' : 'off'}, ` +
      `${threads ? 'multi-threaded' : 'one thread'}) on ${cpuModel()}`
    );
  },
};
