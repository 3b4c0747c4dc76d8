// The one list, per backend, of kernels Serendip adds to (or swaps into) a tfjs backend so
// that convolution layers train there, fast: wasm ships no Conv2DBackpropFilter and a slow
// Conv2DBackpropInput; webgpu's Conv2DBackpropFilter runs one thread per filter weight.
// conv1d goes through conv2d, and conv2dTranspose through Conv2DBackpropInput (its filter
// gradient through Conv2DBackpropFilter), so both are covered too.
import * as tf from '@tensorflow/tfjs';
import type { TrainingKernel } from './conv-geometry.js';
import { conv2dBackpropFilterByConvKernel } from './conv2d-backprop-filter.js';
import { conv2dBackpropFilterByIm2ColKernel } from './conv2d-backprop-filter-im2col.js';
import { conv2dBackpropInputByConvKernel } from './conv2d-backprop-input.js';

export const TRAINING_KERNELS = {
  wasm: [conv2dBackpropFilterByConvKernel, conv2dBackpropInputByConvKernel],
  webgpu: [conv2dBackpropFilterByIm2ColKernel],
} as const satisfies Record<string, readonly TrainingKernel[]>;

export type TrainingKernelBackend = keyof typeof TRAINING_KERNELS;

// Per backend: the kernels it shipped that ours replaced, so that unregistering restores them.
const replaced = new Map<TrainingKernelBackend, tf.KernelConfig[]>();

/**
 * Registers `backendName`'s list, replacing the kernels it shipped; idempotent. Call it after
 * the backend's package is imported (the import registers the package's own kernels over any
 * before them), before or after setBackend.
 */
export function registerTrainingKernels(backendName: TrainingKernelBackend): void {
  if (replaced.has(backendName)) return;
  const originals: tf.KernelConfig[] = [];
  for (const kernel of TRAINING_KERNELS[backendName]) {
    const existing = tf.getKernel(kernel.kernelName, backendName);
    if (existing) {
      originals.push(existing);
      tf.unregisterKernel(kernel.kernelName, backendName);
    }
    tf.registerKernel({ ...kernel, backendName });
  }
  replaced.set(backendName, originals);
}

/** Undoes registerTrainingKernels, restoring the backend's own kernels (for comparisons). */
export function unregisterTrainingKernels(backendName: TrainingKernelBackend): void {
  const originals = replaced.get(backendName);
  if (!originals) return;
  for (const kernel of TRAINING_KERNELS[backendName]) tf.unregisterKernel(kernel.kernelName, backendName);
  for (const original of originals) {
    tf.registerKernel(original);
    // A backend runs its kernels' setup when it initialises; if ours stood in at that
    // moment, the original was never set up (wasm binds its C function there).
    const backend = tf.findBackend(backendName);
    if (backend && original.setupFunc) original.setupFunc(backend);
  }
  replaced.delete(backendName);
}
