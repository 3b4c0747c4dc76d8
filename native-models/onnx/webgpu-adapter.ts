// Which adapter onnxruntime's WebGPU provider would run on. The provider does not say (not
// even in its verbose log), so Dawn, the same WebGPU implementation, is asked for the same
// high-performance adapter on the same Vulkan, D3D12 or Metal devices (the tfjs webgpu
// backend's probe, backends/dawn-gpu.ts, which also answers a Linux machine with no Vulkan
// driver without asking Dawn).
import { dawnUnavailable, probeWebGpuAdapter } from '../backends/dawn-gpu.js';
import { adapterLine, type AdapterDescription } from '../backends/webgpu-adapter.js';

export interface WebGpuProbe {
  adapter: AdapterDescription | null;
  /** How the adapter is worded (the tfjs backend's words). */
  line: (adapter: AdapterDescription) => string;
  /** Why there is none, when known. */
  missing: string | null;
}

/** The adapter (`probe` replaces Dawn's, for tests). */
export async function probeWebGpu(probe?: () => Promise<AdapterDescription | null>): Promise<WebGpuProbe> {
  const missing = probe ? null : dawnUnavailable();
  if (missing) return { adapter: null, line: adapterLine, missing };
  return { adapter: await (probe ?? probeWebGpuAdapter)(), line: adapterLine, missing: null };
}

/** Why `auto` passes over WebGPU before trying it, or null when it may try. */
export function webgpuRefusal({ adapter, line, missing }: WebGpuProbe): string | null {
  if (!adapter) return missing ?? 'Dawn found no WebGPU adapter to name (none, or Dawn does not load in this process)';
  if (adapter.software)
    return `only a software adapter (${line(adapter)}): slower than the CPU provider; --provider webgpu uses it`;
  return null;
}
