// Backend selection on this machine (no GPU, and tfjs-node and -node-gpu cannot install here,
// so auto lands on wasm) and on simulated machines through a substituted candidate list.
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  BackendUnavailableError,
  describeSelection,
  selectBackend,
  type BackendCandidate,
} from '../../../../native-models/backends/index.js';
import { probeWebGpuAdapter } from '../../../../native-models/backends/dawn-gpu.js';

function installed(packageName: string): boolean {
  try {
    createRequire(import.meta.url).resolve(packageName);
    return true;
  } catch {
    return false;
  }
}
const adapter = await probeWebGpuAdapter();
const noGpu = adapter === null || adapter.software;
const cpuOnlyMachine = noGpu && !installed('@tensorflow/tfjs-node') && !installed('@tensorflow/tfjs-node-gpu');

function fake(name: BackendCandidate['name'], failure: string | null): BackendCandidate {
  return {
    name,
    packageName: null,
    activate: async () => {
      if (failure) throw new Error(failure);
      await tf.setBackend('cpu');
    },
    describeDevice: async () => `fake ${name}`,
  };
}

describe('selectBackend', () => {
  it.runIf(cpuOnlyMachine)('auto picks wasm here and says why the GPU and native backends were skipped', async () => {
    const selected = await selectBackend('auto');
    expect(selected.name).toBe('wasm');
    expect(selected.tfjsName).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(selected.device).toMatch(/WebAssembly.*SIMD/);
    // No GPU here: WebGPU finds no adapter, or only a software one.
    expect(selected.skipped.map((s) => s.name)).toEqual(['webgpu', 'tensorflow']);
    expect(selected.skipped[0].reason).toMatch(/^(no WebGPU adapter|only a software adapter)/);
    expect(selected.skipped[1].reason).toMatch(/@tensorflow\/tfjs-node is not installed/);
    expect(describeSelection(selected)).toMatch(/^backend wasm: WebAssembly.*skipped webgpu: .*; tensorflow: /);
    // Selecting wasm makes it trainable: the conv filter gradient kernel is there.
    expect(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')).toBeDefined();
  });

  it.runIf(cpuOnlyMachine)("forcing 'tensorflow' fails and names the missing package", async () => {
    const attempt = selectBackend('tensorflow');
    await expect(attempt).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(attempt).rejects.toThrow(
      new RegExp(
        /backend 'tensorflow' is not available \(tensorflow: package @tensorflow\/tfjs-node is not installed.*/.source +
          /Install @tensorflow\/tfjs-node, or use --backend auto/.source,
      ),
    );
  });

  it.runIf(adapter === null)("forcing 'webgpu' with no adapter fails with the reason", async () => {
    await expect(selectBackend('webgpu')).rejects.toThrow(
      /^backend 'webgpu' is not available \(webgpu: no WebGPU adapter: (no Vulkan driver|Dawn found no GPU)/,
    );
  });

  it.runIf(cpuOnlyMachine)("forcing 'tensorflow-gpu' fails and names the missing package", async () => {
    await expect(selectBackend('tensorflow-gpu')).rejects.toThrow(/@tensorflow\/tfjs-node-gpu is not installed/);
  });

  it("forcing 'webgl' in Node fails with where WebGL runs, and no package to install", async () => {
    const attempt = selectBackend('webgl');
    await expect(attempt).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(attempt).rejects.toThrow(
      "backend 'webgl' is not available (webgl: WebGL runs only in the desktop app's GPU window, " +
        'not in the CLI or browser mode). Use --backend auto.',
    );
  });

  it("forcing 'cpu' works and tries nothing else", async () => {
    const selected = await selectBackend('cpu');
    expect(selected).toMatchObject({ name: 'cpu', tfjsName: 'cpu', skipped: [] });
    expect(selected.device).toMatch(/JavaScript/);
    expect(tf.getBackend()).toBe('cpu');
  });

  it("forcing 'wasm' works", async () => {
    const selected = await selectBackend('wasm');
    expect(selected).toMatchObject({ name: 'wasm', tfjsName: 'wasm', skipped: [] });
  });

  it('auto falls through failing candidates in order and keeps each reason', async () => {
    const selected = await selectBackend('auto', [
      fake('tensorflow-gpu', 'CUDA found no usable GPU device'),
      fake('tensorflow', 'libtensorflow.so: cannot open shared object file'),
      fake('wasm', null),
      fake('cpu', null),
    ]);
    expect(selected.name).toBe('wasm');
    expect(selected.skipped).toEqual([
      { name: 'tensorflow-gpu', reason: 'CUDA found no usable GPU device' },
      { name: 'tensorflow', reason: 'libtensorflow.so: cannot open shared object file' },
    ]);
  });

  it('auto never tries an opt-in candidate; naming it does', async () => {
    let tried = 0;
    const cuda: BackendCandidate = { ...fake('tensorflow-gpu', null), optIn: 'only when named' };
    const counting: BackendCandidate = { ...cuda, activate: async () => void tried++ };
    const selected = await selectBackend('auto', [counting, fake('wasm', null)]);
    expect(selected.name).toBe('wasm');
    expect(tried).toBe(0);
    expect((await selectBackend('tensorflow-gpu', [counting, fake('wasm', null)])).name).toBe('tensorflow-gpu');
    expect(tried).toBe(1);
  });

  it('auto fails with every reason when nothing activates', async () => {
    await expect(selectBackend('auto', [fake('wasm', 'no wasm'), fake('cpu', 'no cpu')])).rejects.toThrow(
      /backend 'auto' is not available \(wasm: no wasm; cpu: no cpu\)/,
    );
  });

  it('rejects an unknown name', async () => {
    await expect(selectBackend('metal' as never)).rejects.toThrow(
      /unknown backend 'metal': use one of auto, webgpu, webgl, tensorflow-gpu, tensorflow, wasm, cpu/,
    );
  });
});
