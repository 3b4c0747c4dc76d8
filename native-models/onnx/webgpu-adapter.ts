// Which adapter onnxruntime's WebGPU provider would run on. The provider does not say (not
// even in its verbose log), so Dawn, the same WebGPU implementation, is asked for the same
// high-performance adapter on the same Vulkan, D3D12 or Metal devices (the tfjs webgpu
// backend's probe). On Linux, a machine without any Vulkan driver manifest is answered
// without asking Dawn, which would only print the loader's warnings to stderr.
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { AdapterDescription } from '../backends/webgpu-backend.js';

export interface WebGpuProbe {
  adapter: AdapterDescription | null;
  /** How the adapter is worded (the tfjs backend's words). */
  line: (adapter: AdapterDescription) => string;
  /** Why there is none, when known. */
  missing: string | null;
}

/**
 * Whether the Vulkan loader has a driver manifest (ICD) to load on Linux: named by the
 * environment, or in one of the folders it searches (XDG config and data folders, `sysconf`).
 */
export function vulkanDriverListed(env: NodeJS.ProcessEnv = process.env, sysconf = '/etc'): boolean {
  if (env.VK_ICD_FILENAMES || env.VK_DRIVER_FILES || env.VK_ADD_DRIVER_FILES) return true;
  const home = homedir();
  const config = [env.XDG_CONFIG_HOME ?? join(home, '.config'), ...(env.XDG_CONFIG_DIRS ?? '/etc/xdg').split(':')];
  const data = [
    env.XDG_DATA_HOME ?? join(home, '.local', 'share'),
    ...(env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':'),
  ];
  const folders = [...config, sysconf, ...data].filter(Boolean).map((dir) => join(dir, 'vulkan', 'icd.d'));
  return folders.some((dir) => {
    try {
      return readdirSync(dir).some((file) => file.endsWith('.json'));
    } catch {
      return false;
    }
  });
}

/** The adapter (`probe` replaces Dawn's, for tests); loads the tfjs backend's module only when asked. */
export async function probeWebGpu(probe?: () => Promise<AdapterDescription | null>): Promise<WebGpuProbe> {
  const gpu = await import('../backends/webgpu-backend.js');
  if (!probe && process.platform === 'linux' && !vulkanDriverListed())
    return { adapter: null, line: gpu.adapterLine, missing: 'no Vulkan driver is installed (no ICD manifest)' };
  return { adapter: await (probe ?? gpu.probeWebGpuAdapter)(), line: gpu.adapterLine, missing: null };
}

/** Why `auto` passes over WebGPU before trying it, or null when it may try. */
export function webgpuRefusal({ adapter, line, missing }: WebGpuProbe): string | null {
  if (!adapter) return missing ?? 'Dawn found no WebGPU adapter to name (none, or Dawn does not load in this process)';
  if (adapter.software)
    return `only a software adapter (${line(adapter)}): slower than the CPU provider; --provider webgpu uses it`;
  return null;
}
