// The WebGPU backend in Node: tfjs-backend-webgpu over Dawn (the `webgpu` package, prebuilt
// for Linux, macOS and Windows on x64 and arm64). It reaches NVIDIA and AMD through Vulkan,
// Apple through Metal and any Windows GPU through D3D12, with no CUDA to install.
//
// `auto` never takes a software adapter (SwiftShader, llvmpipe, a "CPU" adapter): on the
// CPU it is far slower than wasm. Only `--backend webgpu` uses one, which is how the tests
// check the path on machines without a GPU.
//
// Activating it also swaps in Serendip's faster filter gradient (native-models/kernels).
import * as tf from '@tensorflow/tfjs';
import type { BackendCandidate } from './backend-interface.js';
import { registerTrainingKernels } from '../kernels/index.js';

/** What the adapter says of itself; the fields Dawn fills in vary by driver. */
export interface AdapterDescription {
  vendor: string;
  architecture: string;
  description: string;
  /** True for an adapter that runs on the CPU. */
  software: boolean;
}

interface AdapterLike {
  readonly info?: { vendor?: string; architecture?: string; description?: string; device?: string };
  readonly isFallbackAdapter?: boolean;
}

const SOFTWARE_ADAPTERS = /swiftshader|llvmpipe|lavapipe|softpipe|warp|microsoft basic render|\bcpu\b/i;

export function describeAdapter(adapter: AdapterLike): AdapterDescription {
  const info = adapter.info ?? {};
  const vendor = info.vendor || 'unknown vendor';
  const architecture = info.architecture || info.device || 'unknown architecture';
  const description = info.description || '';
  const software =
    adapter.isFallbackAdapter === true || SOFTWARE_ADAPTERS.test(`${vendor} ${architecture} ${description}`);
  return { vendor, architecture, description, software };
}

/** "WebGPU: nvidia ada (NVIDIA GeForce RTX 4070), Dawn": the adapter line runs and progress show. */
export function adapterLine(adapter: AdapterDescription): string {
  const detail = adapter.description ? ` (${adapter.description})` : '';
  return `WebGPU: ${adapter.vendor} ${adapter.architecture}${detail}${adapter.software ? ', a software adapter' : ''}`;
}

let chosen: AdapterDescription | null = null;

interface DawnGpu {
  dawn: typeof import('webgpu');
  gpu: ReturnType<(typeof import('webgpu'))['create']>;
  adapter: AdapterLike | null;
}

let dawnGpu: Promise<DawnGpu> | null = null;

/** Dawn and its adapter, found once per process: a second Dawn instance beside a live device crashes it. */
function findGpu(): Promise<DawnGpu> {
  dawnGpu ??= (async () => {
    let dawn: typeof import('webgpu');
    try {
      dawn = await import('webgpu');
    } catch (error) {
      throw new Error(`Dawn (the webgpu package) failed to load: ${(error as Error).message}`, { cause: error });
    }
    const gpu = dawn.create([]);
    const adapter = (await gpu.requestAdapter({ powerPreference: 'high-performance' })) as AdapterLike | null;
    return { dawn, gpu, adapter };
  })();
  return dawnGpu;
}

/** The adapter Dawn offers on this machine, or null (none, or Dawn does not load). */
export async function probeWebGpuAdapter(): Promise<AdapterDescription | null> {
  try {
    const { adapter } = await findGpu();
    return adapter ? describeAdapter(adapter) : null;
  } catch {
    return null;
  }
}

/**
 * Finds the GPU through Dawn and hands it to tfjs as `navigator.gpu`. Throws with the reason
 * when there is none, or when only a software adapter exists and it was not asked for.
 */
async function provideAdapter(explicit: boolean): Promise<AdapterDescription> {
  const { dawn, gpu, adapter } = await findGpu();
  if (!adapter) {
    throw new Error('no WebGPU adapter: Dawn found no GPU (on Linux it needs a Vulkan driver)');
  }
  const described = describeAdapter(adapter);
  if (described.software && !explicit) {
    throw new Error(`only a software adapter (${adapterLine(described)}): slower than wasm; --backend webgpu uses it`);
  }
  // tfjs-backend-webgpu looks for the GPU where a browser has it.
  Object.assign(globalThis, dawn.globals);
  const navigator = ((globalThis as { navigator?: object }).navigator ??= {});
  Object.defineProperty(navigator, 'gpu', { value: gpu, configurable: true });
  return described;
}

export const webgpuBackend: BackendCandidate = {
  name: 'webgpu',
  packageName: '@tensorflow/tfjs-backend-webgpu',
  async activate(explicit = false) {
    chosen = await provideAdapter(explicit);
    try {
      await import('@tensorflow/tfjs-backend-webgpu');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`package @tensorflow/tfjs-backend-webgpu failed to load: ${reason}`, { cause: error });
    }
    // After the import, which registers the package's own kernels over any registered before.
    registerTrainingKernels('webgpu');
    if (!(await tf.setBackend('webgpu'))) throw new Error('the webgpu backend failed to initialise on its adapter');
  },
  async describeDevice() {
    return chosen ? adapterLine(chosen) : 'WebGPU';
  },
};
