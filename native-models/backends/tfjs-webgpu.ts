// Turning a WebGPU adapter into tfjs's current backend, the same wherever the adapter comes
// from (Dawn in Node, the browser's navigator.gpu in the app's GPU window): the software check
// (`auto` never takes SwiftShader or llvmpipe: slower than wasm), the package, Serendip's
// faster filter gradient, and a watch on the device for losses and out-of-memory errors.
import * as tf from '@tensorflow/tfjs';
import { registerTrainingKernels } from '../kernels/index.js';
import { GpuDeviceWatch, type WatchableDevice } from './gpu-device-watch.js';
import { adapterLine, describeAdapter, type AdapterDescription, type AdapterLike } from './webgpu-adapter.js';

export interface ActiveWebGpu {
  adapter: AdapterDescription;
  watch: GpuDeviceWatch;
}

/**
 * Activates tfjs-backend-webgpu on `adapter` (which navigator.gpu must offer). Throws with the
 * reason `missing` when there is none, or when it is a software one that was not asked for.
 */
export async function activateTfjsWebGpu(
  adapter: AdapterLike | null,
  explicit: boolean,
  missing: string,
): Promise<ActiveWebGpu> {
  if (!adapter) throw new Error(missing);
  const described = describeAdapter(adapter);
  if (described.software && !explicit) {
    throw new Error(`only a software adapter (${adapterLine(described)}): slower than wasm; --backend webgpu uses it`);
  }
  try {
    await import('@tensorflow/tfjs-backend-webgpu');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`package @tensorflow/tfjs-backend-webgpu failed to load: ${reason}`, { cause: error });
  }
  // After the import, which registers the package's own kernels over any registered before.
  registerTrainingKernels('webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new Error('the webgpu backend failed to initialise on its adapter');
  const device = (tf.backend() as unknown as { device: WatchableDevice }).device;
  return { adapter: described, watch: new GpuDeviceWatch(device) };
}
