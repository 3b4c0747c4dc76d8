// The WebGPU backend in Node: tfjs-backend-webgpu over Dawn (the `webgpu` package, prebuilt
// for Linux, macOS and Windows on x64 and arm64). It reaches NVIDIA and AMD through Vulkan,
// Apple through Metal and any Windows GPU through D3D12, with no CUDA to install.
//
// `auto` never takes a software adapter (SwiftShader, llvmpipe, a "CPU" adapter): on the
// CPU it is far slower than wasm. Only `--backend webgpu` uses one, which is how the tests
// check the path on machines without a GPU.
//
// Activating it also swaps in Serendip's faster filter gradient (tfjs-webgpu.ts).
import type { BackendCandidate } from './backend-interface.js';
import { dawnUnavailable, findDawnGpu } from './dawn-gpu.js';
import { activateTfjsWebGpu, type ActiveWebGpu } from './tfjs-webgpu.js';
import { adapterLine } from './webgpu-adapter.js';

let active: ActiveWebGpu | null = null;

export const webgpuBackend: BackendCandidate = {
  name: 'webgpu',
  packageName: '@tensorflow/tfjs-backend-webgpu',
  async activate(explicit = false) {
    const unavailable = dawnUnavailable();
    if (unavailable) throw new Error(unavailable);
    const { dawn, gpu, adapter } = await findDawnGpu();
    if (adapter) {
      // tfjs-backend-webgpu looks for the GPU where a browser has it.
      Object.assign(globalThis, dawn.globals);
      const navigator = ((globalThis as { navigator?: object }).navigator ??= {});
      Object.defineProperty(navigator, 'gpu', { value: gpu, configurable: true });
    }
    const missing = 'no WebGPU adapter: Dawn found no GPU (on Linux it needs a Vulkan driver)';
    active = await activateTfjsWebGpu(adapter, explicit, missing);
  },
  checkDevice: () => active?.watch.throwIfFailed(),
  isHardwareGpu: () => active !== null && !active.adapter.software,
  async describeDevice() {
    return active ? adapterLine(active.adapter) : 'WebGPU';
  },
};
