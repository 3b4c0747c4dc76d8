// Chromium's SwiftShader: a real WebGPU adapter (through Vulkan) that runs on the CPU, so the
// GPU paths can be checked on machines without a GPU. Tests that need it skip, saying why,
// where it or a Vulkan loader is missing; those that run point the Vulkan loader at it.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';

export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const VULKAN_LOADERS = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1'];

/** Why the software GPU cannot be used here, or null when it can. */
export function softwareGpuUnavailable(): string | null {
  if (!existsSync(SWIFTSHADER_ICD)) return `needs ${SWIFTSHADER_ICD} (apt-get install chromium)`;
  if (!VULKAN_LOADERS.some((path) => existsSync(path))) return 'needs a Vulkan loader (apt-get install libvulkan1)';
  return null;
}

/**
 * Points the Vulkan loader at SwiftShader for the tests of this file. It reads the variable
 * when Dawn first looks for adapters, once per process.
 */
export function useSoftwareGpu(): void {
  let previous: string | undefined;
  beforeAll(() => {
    previous = process.env.VK_ICD_FILENAMES;
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.VK_ICD_FILENAMES;
    else process.env.VK_ICD_FILENAMES = previous;
  });
}
