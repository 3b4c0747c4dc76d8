// The checks that run on the device worker: simulated backend candidates give each status
// with its reason (a missing package, a software adapter that runs only when named, an opt-in
// backend checked only as named); the real wasm backend and onnxruntime's cpu provider are
// probed briefly and give figures.
import { describe, expect, it } from 'vitest';
import type { BackendCandidate } from '../../../native-models/backends/backend-interface.js';
import { wasmBackend } from '../../../native-models/backends/wasm-backend.js';
import { ONNX_PROVIDERS } from '../../../native-models/onnx/onnx-provider.js';
import {
  checkCandidate,
  createDeviceCheckService,
  probeBackend,
  type DeviceTask,
  type OnnxSetup,
  type ProviderCheck,
} from '../../../electron/core/compute/device-checks.js';

/** A candidate whose activation fails with `failures[explicit]` (null: succeeds); it records each try. */
function simulated(
  name: BackendCandidate['name'],
  failures: { auto: string | null; named: string | null },
  extra: Partial<BackendCandidate> = {},
): BackendCandidate & { tries: boolean[] } {
  const tries: boolean[] = [];
  return {
    name,
    packageName: `pkg-${name}`,
    tries,
    async activate(explicit = false) {
      tries.push(explicit);
      const failure = explicit ? failures.named : failures.auto;
      if (failure) throw new Error(failure);
    },
    async describeDevice() {
      return `${name} on a test device`;
    },
    ...extra,
  };
}

describe('checkCandidate', () => {
  it('finds a backend auto may take, and what it runs on', async () => {
    const candidate = simulated('wasm', { auto: null, named: null });
    expect(await checkCandidate(candidate)).toEqual({
      name: 'wasm',
      packageName: 'pkg-wasm',
      optIn: null,
      status: 'available',
      reason: null,
      device: 'wasm on a test device',
    });
    expect(candidate.tries).toEqual([false]);
  });

  it("reports a backend that cannot run with its own reason's first line", async () => {
    const why = 'package @tensorflow/tfjs-node is not installed (an optional dependency)';
    const candidate = simulated('tensorflow', { auto: `${why}\n    at import`, named: `${why}\n    at import` });
    expect(await checkCandidate(candidate)).toMatchObject({ status: 'unavailable', reason: why, device: null });
  });

  it('tells a software adapter, which runs only when named, from a missing GPU', async () => {
    const software = 'only a software adapter (WebGPU: google swiftshader): slower than wasm; --backend webgpu uses it';
    const candidate = simulated('webgpu', { auto: software, named: null });
    expect(await checkCandidate(candidate)).toMatchObject({
      status: 'named-only',
      reason: software,
      device: 'webgpu on a test device',
    });
    expect(candidate.tries).toEqual([false, true]);
    const none = 'no WebGPU adapter: Dawn found no GPU';
    expect(await checkCandidate(simulated('webgpu', { auto: none, named: none }))).toMatchObject({
      status: 'unavailable',
      reason: none,
    });
  });

  it('checks an opt-in backend only as the user would name it', async () => {
    const optIn = 'needs CUDA 11.2: only with --backend tensorflow-gpu';
    const present = simulated('tensorflow-gpu', { auto: 'auto must not try it', named: null }, { optIn });
    expect(await checkCandidate(present)).toMatchObject({ status: 'available', optIn, reason: null });
    expect(present.tries).toEqual([true]);
    const noDevice = 'CUDA found no usable GPU device';
    const absent = simulated('tensorflow-gpu', { auto: null, named: noDevice }, { optIn });
    expect(await checkCandidate(absent)).toMatchObject({ status: 'unavailable', optIn, reason: noDevice });
  });
});

describe('probes on the real devices every machine has', () => {
  it('times training and encoding of the probe model on wasm', async () => {
    const steps: number[] = [];
    const encoding = await probeBackend(wasmBackend, 'encoding', {
      explicit: false,
      seconds: 0.2,
      onStep: (t) => steps.push(t.steps),
    });
    expect(encoding).toMatchObject({ batch: 64, note: null });
    expect(encoding.imagesPerSecond).toBeGreaterThan(0);
    expect(encoding.steps).toBeGreaterThanOrEqual(1);
    expect(steps.slice(0, 2)).toEqual([0, 1]);
    const training = await probeBackend(wasmBackend, 'training', { explicit: false, seconds: 0.2 });
    expect(training).toMatchObject({ batch: 16, note: null });
    expect(training.imagesPerSecond).toBeGreaterThan(0);
  });

  it("exports the probe model's encoder and encodes with it on onnxruntime's cpu provider", async () => {
    const service = createDeviceCheckService();
    const events: string[] = [];
    const context = { emit: (e: { type: string }) => events.push(e.type), cancelled: false };
    const perform = (task: DeviceTask) => service.perform(task, context);
    const setup = (await perform({ type: 'onnx-setup' })) as OnnxSetup;
    expect(setup.model.length).toBeGreaterThan(1000);
    expect(setup.providers.map((p) => p.name).sort()).toEqual(ONNX_PROVIDERS.filter((p) => p !== 'auto').sort());
    // auto's providers come first, in its order, ending with the cpu provider.
    const tried = setup.providers.filter((p) => p.auto).map((p) => p.name);
    expect(setup.providers.slice(0, tried.length).every((p) => p.auto)).toBe(true);
    expect(tried.at(-1)).toBe('cpu');

    const cpu = (await perform({ type: 'provider', name: 'cpu', model: setup.model, seconds: 0.2 })) as ProviderCheck;
    expect(cpu).toMatchObject({ status: 'available', reason: null });
    expect(cpu.device).toMatch(/^onnxruntime cpu \(\d+ threads\)$/);
    expect(cpu.encoding?.imagesPerSecond).toBeGreaterThan(0);
    expect(events).toContain('opened');
    const unprobed = await perform({ type: 'provider', name: 'cpu', model: setup.model, seconds: null });
    expect(unprobed).toMatchObject({ status: 'available', encoding: null });
  });

  it.skipIf(process.platform !== 'linux')('says why a provider of another platform is unavailable', async () => {
    const service = createDeviceCheckService();
    const context = { emit: () => undefined, cancelled: false };
    const setup = (await service.perform({ type: 'onnx-setup' }, context)) as OnnxSetup;
    const coreml = await service.perform(
      { type: 'provider', name: 'coreml', model: setup.model, seconds: 0.2 },
      context,
    );
    expect(coreml).toEqual({
      status: 'unavailable',
      reason: 'not in this onnxruntime-node build',
      device: null,
      encoding: null,
    });
  });
});
