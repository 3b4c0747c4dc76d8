// The execution provider, chosen like the tfjs backend: the platform's accelerators in order
// (Linux: CUDA where installed, then WebGPU; Windows: DirectML, then WebGPU; macOS: CoreML,
// then WebGPU) where this onnxruntime-node build lists them and their session loads, else the
// CPU provider with one thread per core, with the reasons better ones were passed over. `auto`
// passes over a software WebGPU adapter; a named `webgpu` takes it. Machines are simulated
// by replacing the provider list, the session factory and the adapter probe; the last case
// runs the real runtime.
import { availableParallelism } from 'node:os';
import type { InferenceSession } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  ProviderUnavailableError,
  describeProvider,
  openSession,
  providerCandidates,
  type ListedProvider,
} from '../../../../native-models/onnx/index.js';
import type { AdapterDescription } from '../../../../native-models/backends/webgpu-adapter.js';
import { denseEncoderModel } from '../../../helpers/onnx-model-builder.js';

const fakeSession = { release: async () => undefined } as unknown as InferenceSession;

const GPU: AdapterDescription = {
  vendor: 'nvidia',
  architecture: 'hopper',
  description: 'NVIDIA H100 80GB HBM3',
  software: false,
};
const SWIFTSHADER: AdapterDescription = {
  vendor: 'google',
  architecture: 'swiftshader',
  description: 'SwiftShader driver 5.0.0',
  software: true,
};

/** What onnxruntime-node 1.30 lists on Linux x64: CUDA and TensorRT come apart from the package. */
const LINUX_BUILD: ListedProvider[] = [
  { name: 'cpu', bundled: true },
  { name: 'webgpu', bundled: true },
  { name: 'cuda', bundled: false },
  { name: 'tensorrt', bundled: false },
];

const bundled = (...names: string[]): ListedProvider[] => names.map((name) => ({ name, bundled: true }));

/** A machine whose runtime lists `listed`, on which only `loads` actually open, with `adapter` for WebGPU. */
function machine(
  listed: ListedProvider[],
  loads: string[],
  extra: { adapter?: AdapterDescription | null; installed?: string[] } = {},
) {
  const asked: InferenceSession.SessionOptions[] = [];
  return {
    asked,
    supported: () => listed,
    installed: (name: string) => (extra.installed ?? []).includes(name),
    adapter: async () => extra.adapter ?? null,
    create: async (_model: string | Uint8Array, options: InferenceSession.SessionOptions) => {
      asked.push(options);
      const name = String(options.executionProviders?.[0]);
      if (!loads.includes(name)) throw new Error(`${name}: Failed to load shared library\nmore detail`);
      return fakeSession;
    },
  };
}

const tried = (m: ReturnType<typeof machine>): string[] => m.asked.map((o) => String(o.executionProviders?.[0]));

describe('openSession', () => {
  it("lists each platform's accelerators, then WebGPU, before the CPU", () => {
    expect(providerCandidates('linux')).toEqual(['cuda', 'webgpu', 'cpu']);
    expect(providerCandidates('win32')).toEqual(['dml', 'webgpu', 'cpu']);
    expect(providerCandidates('darwin')).toEqual(['coreml', 'webgpu', 'cpu']);
    expect(providerCandidates('freebsd')).toEqual(['cpu']);
  });

  it('takes CUDA on Linux where the user installed it', async () => {
    const m = machine(LINUX_BUILD, ['cuda', 'webgpu', 'cpu'], { installed: ['cuda'], adapter: GPU });
    const opened = await openSession('m.onnx', 'auto', { platform: 'linux', ...m });
    expect(opened).toMatchObject({ provider: 'cuda', threads: null, adapter: null, skipped: [] });
    expect(tried(m)).toEqual(['cuda']);
  });

  it('passes over a CUDA provider not installed without trying it, and takes a hardware WebGPU adapter', async () => {
    const m = machine(LINUX_BUILD, ['cuda', 'webgpu', 'cpu'], { adapter: GPU });
    const opened = await openSession('m.onnx', 'auto', { platform: 'linux', ...m });
    expect(opened.provider).toBe('webgpu');
    expect(opened.adapter).toBe('WebGPU: nvidia hopper (NVIDIA H100 80GB HBM3)');
    const reason = 'not installed (ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node adds it)';
    expect(opened.skipped).toEqual([{ name: 'cuda', reason }]);
    expect(tried(m)).toEqual(['webgpu']);
    expect(describeProvider(opened)).toMatch(
      /^onnxruntime webgpu on WebGPU: nvidia hopper \(NVIDIA H100 80GB HBM3\); passed over cuda \(not installed/,
    );
  });

  it('passes over a software WebGPU adapter in auto, saying why, and takes it when named', async () => {
    const m = machine(LINUX_BUILD, ['webgpu', 'cpu'], { adapter: SWIFTSHADER });
    const opened = await openSession('m.onnx', 'auto', { platform: 'linux', ...m, threads: 2 });
    expect(opened.provider).toBe('cpu');
    expect(opened.skipped[1]).toEqual({
      name: 'webgpu',
      reason:
        'only a software adapter (WebGPU: google swiftshader (SwiftShader driver 5.0.0), a software adapter): ' +
        'slower than the CPU provider; --provider webgpu uses it',
    });
    expect(tried(m)).toEqual(['cpu']);
    const named = await openSession('m.onnx', 'webgpu', { platform: 'linux', ...m });
    expect(named).toMatchObject({
      provider: 'webgpu',
      adapter: expect.stringMatching(/swiftshader.*software adapter$/),
    });
  });

  it('passes over WebGPU where Dawn finds no adapter to name', async () => {
    const m = machine(LINUX_BUILD, ['webgpu', 'cpu'], { adapter: null });
    const opened = await openSession('m.onnx', 'auto', { platform: 'linux', ...m });
    expect(opened.provider).toBe('cpu');
    expect(opened.skipped[1]).toEqual({
      name: 'webgpu',
      reason: expect.stringMatching(/^Dawn found no WebGPU adapter/),
    });
  });

  it('tries DirectML then WebGPU on Windows, and CoreML then WebGPU on macOS', async () => {
    const windows = machine(bundled('cpu', 'dml', 'webgpu'), ['webgpu', 'cpu'], { adapter: GPU });
    const onWindows = await openSession('m.onnx', 'auto', { platform: 'win32', ...windows });
    expect(onWindows.provider).toBe('webgpu');
    expect(onWindows.skipped).toEqual([{ name: 'dml', reason: 'dml: Failed to load shared library' }]);
    expect(tried(windows)).toEqual(['dml', 'webgpu']);
    const mac = machine(bundled('cpu', 'coreml', 'webgpu'), ['coreml', 'webgpu', 'cpu'], { adapter: GPU });
    expect((await openSession('m.onnx', 'auto', { platform: 'darwin', ...mac })).provider).toBe('coreml');
    const oldMac = machine(bundled('cpu', 'coreml'), ['cpu'], { adapter: GPU });
    const opened = await openSession('m.onnx', 'auto', { platform: 'darwin', ...oldMac, threads: 3 });
    expect(opened).toMatchObject({ provider: 'cpu', threads: 3 });
    expect(opened.skipped.map((s) => s.name)).toEqual(['coreml', 'webgpu']);
    expect(opened.skipped[1].reason).toBe('not in this onnxruntime-node build');
  });

  it('falls back to the CPU with a thread per core, saying why', async () => {
    const m = machine(LINUX_BUILD, ['cpu'], { installed: ['cuda'], adapter: GPU });
    const opened = await openSession('m.onnx', 'auto', { platform: 'linux', ...m });
    expect(opened.provider).toBe('cpu');
    expect(opened.threads).toBe(availableParallelism());
    expect(opened.skipped).toEqual([
      { name: 'cuda', reason: 'cuda: Failed to load shared library' },
      { name: 'webgpu', reason: 'webgpu: Failed to load shared library' },
    ]);
    expect(m.asked[2]).toMatchObject({ executionProviders: ['cpu'], intraOpNumThreads: availableParallelism() });
    expect(describeProvider(opened)).toMatch(
      /^onnxruntime cpu \(\d+ threads\); passed over cuda \(cuda: Failed to load shared library\), webgpu \(/,
    );
  });

  it("keeps onnxruntime's reason without the source location of its check", async () => {
    const m = machine(LINUX_BUILD, ['cpu']);
    const failing = async (_model: string | Uint8Array, options: InferenceSession.SessionOptions) => {
      if (options.executionProviders?.[0] === 'webgpu')
        throw new Error(
          '/onnxruntime_src/onnxruntime/core/providers/webgpu/webgpu_context.cc:136 lambda() status == Success ' +
            'was false. Failed to get a WebGPU adapter: No supported adapters',
        );
      return fakeSession;
    };
    await expect(openSession('m.onnx', 'webgpu', { ...m, create: failing })).rejects.toThrow(
      "onnxruntime provider 'webgpu' is not available (webgpu: Failed to get a WebGPU adapter: No supported adapters)",
    );
  });

  it('fails a named provider that is missing with its reason, and a model the CPU cannot load', async () => {
    await expect(
      openSession('m.onnx', 'dml', { platform: 'win32', ...machine(bundled('cpu'), ['cpu']) }),
    ).rejects.toThrow(ProviderUnavailableError);
    const cuda = machine(LINUX_BUILD, ['cpu'], { installed: ['cuda'] });
    await expect(openSession('m.onnx', 'cuda', cuda)).rejects.toThrow(
      /provider 'cuda' is not available \(cuda: cuda: Failed to load shared library\)/,
    );
    await expect(openSession('m.onnx', 'auto', { platform: 'linux', ...machine(LINUX_BUILD, []) })).rejects.toThrow(
      /could not load the model: cpu: Failed/,
    );
  });

  it('opens a real model on this machine', async () => {
    const opened = await openSession(denseEncoderModel({ layout: 'nchw', size: 4, bands: 3, dim: 2 }));
    try {
      expect(['cuda', 'webgpu', 'coreml', 'dml', 'cpu']).toContain(opened.provider);
      expect(opened.session.inputNames).toEqual(['pixels']);
    } finally {
      await opened.session.release();
    }
    await expect(openSession(new Uint8Array([1, 2, 3]), 'cpu')).rejects.toThrow(/could not load the model/);
  });
});
