// The libtensorflow backends from @tensorflow/tfjs-node (CPU) and @tensorflow/tfjs-node-gpu
// (CUDA). Both register as tfjs backend 'tensorflow'; they are optional dependencies that
// cannot install on every machine, so they are loaded with import() and may be absent.
import * as tf from '@tensorflow/tfjs';
import type { BackendCandidate } from './backend-interface.js';
import { cpuModel } from './cpu-model.js';
import { describeLoadFailure, importOptional } from './load-failure.js';

const TFJS_NAME = 'tensorflow';

// Duck-typed view of tfjs-node's NodeJSKernelBackend: these fields are not in tfjs's types.
interface NodeKernelBackend {
  isGPUPackage?: boolean;
  isUsingGpuDevice?: boolean;
}

function nativeBackend(): NodeKernelBackend {
  return tf.findBackend(TFJS_NAME) as unknown as NodeKernelBackend;
}

async function activateNative(packageName: string): Promise<void> {
  try {
    await importOptional(packageName);
  } catch (error) {
    throw new Error(describeLoadFailure(packageName, error), { cause: error });
  }
  if (!tf.findBackend(TFJS_NAME))
    throw new Error(`package ${packageName} loaded but registered no '${TFJS_NAME}' backend`);
  if (!(await tf.setBackend(TFJS_NAME)))
    throw new Error(`backend '${TFJS_NAME}' from ${packageName} failed to initialise`);
}

export const tensorflowGpuBackend: BackendCandidate = {
  name: 'tensorflow-gpu',
  packageName: '@tensorflow/tfjs-node-gpu',
  // Frozen since 2024: it needs CUDA 11.2 and cuDNN 8.1 and ships kernels only up to sm_75, so
  // on Ada and Hopper cards it compiles for tens of minutes or fails. WebGPU reaches them.
  optIn: 'needs CUDA 11.2 and cuDNN 8.1 (kernels up to sm_75): only with --backend tensorflow-gpu',
  async activate() {
    await activateNative('@tensorflow/tfjs-node-gpu');
    // The GPU build runs on the CPU, silently, when CUDA finds no device.
    if (nativeBackend().isUsingGpuDevice === false)
      throw new Error('@tensorflow/tfjs-node-gpu loaded but CUDA found no usable GPU device');
  },
  isHardwareGpu: () => true,
  async describeDevice() {
    return `libtensorflow with CUDA on an NVIDIA GPU; host ${cpuModel()}`;
  },
};

export const tensorflowBackend: BackendCandidate = {
  name: 'tensorflow',
  packageName: '@tensorflow/tfjs-node',
  async activate() {
    // tfjs-node-gpu, when it loaded, already provides the same backend (on the CPU here).
    if (tf.findBackend(TFJS_NAME) && nativeBackend().isGPUPackage) {
      if (!(await tf.setBackend(TFJS_NAME))) throw new Error(`backend '${TFJS_NAME}' failed to initialise`);
      return;
    }
    await activateNative('@tensorflow/tfjs-node');
  },
  async describeDevice() {
    const via = nativeBackend().isGPUPackage ? ' (from @tensorflow/tfjs-node-gpu, no GPU in use)' : '';
    return `libtensorflow on the CPU${via}: ${cpuModel()}`;
  },
};
