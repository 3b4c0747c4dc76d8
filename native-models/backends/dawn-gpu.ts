// The GPU as Node sees it, through Dawn (the `webgpu` package, prebuilt for Linux, macOS and
// Windows on x64 and arm64): found once per process, since a second Dawn instance beside a
// live device crashes it. No tfjs here, so onnxruntime's provider choice and `serendip doctor`
// can ask which adapter the machine has without loading a tfjs backend. On Linux a machine
// with no Vulkan driver manifest is answered without asking Dawn, which would only print the
// Vulkan loader's warnings to stderr.
import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describeAdapter, type AdapterDescription, type AdapterLike } from './webgpu-adapter.js';

export interface DawnGpu {
  dawn: typeof import('webgpu');
  gpu: ReturnType<(typeof import('webgpu'))['create']>;
  adapter: AdapterLike | null;
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

export const NO_VULKAN_DRIVER = 'no WebGPU adapter: no Vulkan driver is installed (no ICD manifest)';

let dawnGpu: Promise<DawnGpu> | null = null;

/** Dawn and its high-performance adapter (null when there is none); throws when Dawn does not load. */
export function findDawnGpu(): Promise<DawnGpu> {
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

/** Why Node has no WebGPU adapter to offer before Dawn is even asked, or null. */
export function dawnUnavailable(): string | null {
  return process.platform === 'linux' && !vulkanDriverListed() ? NO_VULKAN_DRIVER : null;
}

/** The adapter Dawn offers on this machine, or null (none, no Vulkan driver, or Dawn does not load). */
export async function probeWebGpuAdapter(): Promise<AdapterDescription | null> {
  if (dawnUnavailable()) return null;
  try {
    const { adapter } = await findDawnGpu();
    return adapter ? describeAdapter(adapter) : null;
  } catch {
    return null;
  }
}
