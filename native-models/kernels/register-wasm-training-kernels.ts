// The one list of kernels Serendip adds to (or replaces in) the wasm backend so that
// convolution layers train there. conv1d goes through conv2d, and conv2dTranspose through
// Conv2DBackpropInput, so both are covered too.
import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input.js';

export const WASM_TRAINING_KERNELS: readonly tf.KernelConfig[] = [
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
];

// Kernels the backend shipped and we replaced, kept so that unregistering restores them.
const replaced = new Map<string, tf.KernelConfig>();
let registered = false;

/** Registers the list for backendName 'wasm'; idempotent. Call before or after setBackend('wasm'). */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  for (const config of WASM_TRAINING_KERNELS) {
    const existing = tf.getKernel(config.kernelName, config.backendName);
    if (existing) {
      replaced.set(config.kernelName, existing);
      tf.unregisterKernel(config.kernelName, config.backendName);
    }
    tf.registerKernel(config);
  }
  registered = true;
}

/** Undoes registerWasmTrainingKernels, restoring the backend's own kernels (for comparisons). */
export function unregisterWasmTrainingKernels(): void {
  if (!registered) return;
  for (const config of WASM_TRAINING_KERNELS) {
    tf.unregisterKernel(config.kernelName, config.backendName);
    const original = replaced.get(config.kernelName);
    if (!original) continue;
    tf.registerKernel(original);
    // A backend runs its kernels' setup when it initialises; if ours stood in at that
    // moment, the original was never set up (wasm binds its C function there).
    const backend = tf.findBackend(config.backendName);
    if (backend && original.setupFunc) original.setupFunc(backend);
  }
  replaced.clear();
  registered = false;
}
