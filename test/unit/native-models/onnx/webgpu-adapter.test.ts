// Learning onnxruntime's WebGPU adapter: a Linux machine has a Vulkan driver when the
// environment names one or a manifest (*.json) lies in a folder the loader searches; `auto`'s
// reasons for passing over WebGPU name what is missing or the software adapter found.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeWebGpu, webgpuRefusal } from '../../../../native-models/onnx/webgpu-adapter.js';
import { vulkanDriverListed } from '../../../../native-models/backends/dawn-gpu.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-vulkan-');

describe('vulkanDriverListed', () => {
  it('finds a driver named by the environment or a manifest in a folder the loader searches', () => {
    const root = tempDir();
    const [config, data, sysconf] = ['config', 'data', 'etc'].map((d) => join(root, d));
    const env = {
      HOME: root,
      XDG_CONFIG_HOME: config,
      XDG_CONFIG_DIRS: config,
      XDG_DATA_HOME: data,
      XDG_DATA_DIRS: data,
    };
    expect(vulkanDriverListed(env, sysconf)).toBe(false);
    expect(vulkanDriverListed({ ...env, VK_ICD_FILENAMES: '/x/icd.json' }, sysconf)).toBe(true);
    expect(vulkanDriverListed({ ...env, VK_DRIVER_FILES: '/x/icd.json' }, sysconf)).toBe(true);
    mkdirSync(join(sysconf, 'vulkan', 'icd.d'), { recursive: true });
    writeFileSync(join(sysconf, 'vulkan', 'icd.d', 'README'), 'not a manifest');
    expect(vulkanDriverListed(env, sysconf)).toBe(false);
    mkdirSync(join(data, 'vulkan', 'icd.d'), { recursive: true });
    writeFileSync(join(data, 'vulkan', 'icd.d', 'nvidia_icd.json'), '{}');
    expect(vulkanDriverListed(env, sysconf)).toBe(true);
  });
});

describe('webgpuRefusal', () => {
  it('says what is missing, or names the software adapter, and lets a GPU through', async () => {
    const gpu = { vendor: 'apple', architecture: 'metal-3', description: '', software: false };
    const software = { vendor: 'mesa', architecture: 'llvmpipe', description: 'llvmpipe (LLVM 15)', software: true };
    expect(webgpuRefusal(await probeWebGpu(async () => gpu))).toBeNull();
    expect(webgpuRefusal(await probeWebGpu(async () => software))).toBe(
      'only a software adapter (WebGPU: mesa llvmpipe (llvmpipe (LLVM 15)), a software adapter): ' +
        'slower than the CPU provider; --provider webgpu uses it',
    );
    expect(webgpuRefusal(await probeWebGpu(async () => null))).toMatch(/^Dawn found no WebGPU adapter/);
    const line = () => '';
    expect(webgpuRefusal({ adapter: null, line, missing: 'no Vulkan driver is installed (no ICD manifest)' })).toBe(
      'no Vulkan driver is installed (no ICD manifest)',
    );
  });
});
