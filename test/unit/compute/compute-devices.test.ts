// The report from simulated devices, run in-process: each backend and provider lands with its
// status, reason and figures; a probe that never finishes is stopped at its limit and says
// so; --no-probe times nothing; and the result is the JSON the contract's schema describes.
import type { ProviderCheck, ProviderCheckStore } from '../../../native-models/onnx/provider-check.js';
import { describe, expect, it } from 'vitest';
import { DeviceReport } from '../../../electron/core/api/contract.js';
import { checkComputeDevices, type DevicePool } from '../../../electron/core/compute/compute-devices.js';
import type {
  BackendCheck,
  DeviceTask,
  DeviceTaskEvent,
  DeviceTaskResult,
} from '../../../electron/core/compute/device-checks.js';
import { openWorkerPool } from '../../../electron/core/util/worker-pool.js';
import type { TaskContext } from '../../../electron/core/util/worker-tasks.js';
import { BACKEND_NAMES } from '../../../native-models/backends/backend-interface.js';

const LIMITS = { seconds: 0.05, warmUpSeconds: 0.2 };
const SOFTWARE = 'only a software adapter (WebGPU: google swiftshader): slower than wasm; --backend webgpu uses it';
const CUDA_MISSING = 'Failed to load shared library';

const CHECKS: Record<BackendCheck['name'], Omit<BackendCheck, 'name' | 'packageName'>> = {
  webgpu: {
    optIn: null,
    status: 'named-only',
    reason: SOFTWARE,
    device: 'WebGPU: google swiftshader, a software adapter',
  },
  webgl: {
    optIn: 'WebGL runs only in the desktop app',
    status: 'unavailable',
    reason: 'WebGL runs only in the desktop app',
    device: null,
  },
  'tensorflow-gpu': { optIn: 'needs CUDA 11.2', status: 'unavailable', reason: 'not installed', device: null },
  tensorflow: { optIn: null, status: 'unavailable', reason: 'not installed', device: null },
  wasm: { optIn: null, status: 'available', reason: null, device: 'WebAssembly on a test CPU' },
  cpu: { optIn: null, status: 'available', reason: null, device: 'JavaScript on a test CPU' },
};

/** Until the run is cancelled (the probe's limit): a step that never ends. */
async function hang(context: TaskContext<DeviceTaskEvent>): Promise<never> {
  while (!context.cancelled) await new Promise((resolve) => setTimeout(resolve, 5));
  throw new Error('stopped');
}

/** A simulated machine: wasm times 40 and 160 images/s, cpu never finishes a step, onnxruntime has cuda missing. */
function simulatedMachine() {
  const tasks: DeviceTask[] = [];
  const perform = async (task: DeviceTask, context: TaskContext<DeviceTaskEvent>): Promise<DeviceTaskResult> => {
    tasks.push(task);
    switch (task.type) {
      case 'backend':
        return { name: task.name, packageName: null, ...CHECKS[task.name] };
      case 'backend-probe': {
        if (task.name === 'cpu') return hang(context);
        context.emit({ type: 'step', timing: { firstStepSeconds: 1, steps: 0, seconds: 0 } });
        const rate = task.work === 'training' ? 40 : 160;
        return { imagesPerSecond: rate, batch: 16, steps: 5, seconds: 2, note: null };
      }
      case 'onnx-setup':
        return {
          version: '1.30.0',
          model: new Uint8Array(8),
          providers: [
            { name: 'cuda', auto: true },
            { name: 'cpu', auto: true },
            { name: 'dml', auto: false },
          ],
        };
      case 'provider': {
        if (task.name === 'cuda') return { status: 'unavailable', reason: CUDA_MISSING, device: null, encoding: null };
        const device = `onnxruntime ${task.name}`;
        context.emit({ type: 'opened', device });
        if (task.seconds === null) return { status: 'available', reason: null, device, encoding: null };
        if (task.name === 'dml') {
          // Its first step finishes; the next never does.
          context.emit({ type: 'step', timing: { firstStepSeconds: 0.5, steps: 0, seconds: 0 } });
          return hang(context);
        }
        const encoding = { imagesPerSecond: 1200, batch: 64, steps: 40, seconds: 2, note: null };
        return { status: 'available', reason: null, device, encoding };
      }
    }
  };
  const openPool = (): DevicePool =>
    openWorkerPool<DeviceTask, DeviceTaskResult, DeviceTaskEvent>({
      name: 'simulated device',
      script: null,
      threads: 0,
      inProcess: () => ({ perform }),
    });
  return { tasks, openPool };
}

describe('checkComputeDevices', () => {
  it('reports every backend and provider, stopping the probes that outlast their limits', async () => {
    const machine = simulatedMachine();
    const stages: string[] = [];
    const recorded = (onnxruntime: string, maxAbsDifference: number, checkedAt: string) =>
      ({ provider: 'dml', onnxruntime, maxAbsDifference, checkedAt }) as ProviderCheck;
    const providerChecks: ProviderCheckStore = {
      // Another onnxruntime's check, and an older one, do not count.
      load: () => [
        recorded('1.29.0', 9e-3, '2026-12-06T00:00:00Z'),
        recorded('1.30.0', 1e-6, '2026-12-06T10:00:00Z'),
        recorded('1.30.0', 2e-7, '2026-12-07T10:00:00Z'),
      ],
      save: () => undefined,
    };
    const report = await checkComputeDevices({
      limits: LIMITS,
      openPool: machine.openPool,
      providerChecks,
      onProgress: (p) => stages.push(p.stage),
    });
    expect(DeviceReport.parse(report)).toEqual(report);
    expect(report.backends.map((b) => b.name)).toEqual([...BACKEND_NAMES]);
    const byName = Object.fromEntries(report.backends.map((b) => [b.name, b]));
    expect(byName.webgpu).toMatchObject({ status: 'named-only', reason: SOFTWARE, notProbed: 'auto passes it over' });
    expect(byName['tensorflow-gpu']).toMatchObject({ optIn: 'needs CUDA 11.2', notProbed: 'unavailable' });
    expect(byName.wasm.training?.imagesPerSecond).toBe(40);
    expect(byName.wasm.encoding?.imagesPerSecond).toBe(160);
    expect(byName.cpu.encoding).toEqual({
      imagesPerSecond: null,
      batch: 64,
      steps: 0,
      seconds: 0,
      note: 'no step of 64 images finished within 0.2 s',
    });
    // Encoding never finished a step, so training was not tried.
    expect(byName.cpu.training?.note).toBe(
      'not timed: encoding was already too slow, and training costs more an image',
    );
    const cpuProbes = machine.tasks.filter((t) => t.type === 'backend-probe' && t.name === 'cpu');
    expect(cpuProbes.map((t) => t.type === 'backend-probe' && t.work)).toEqual(['encoding']);
    expect(machine.tasks.some((t) => t.type === 'backend-probe' && t.name === 'webgpu')).toBe(false);

    expect(report.providers.map((p) => [p.name, p.status, p.checkedAgainstCpu])).toEqual([
      ['cuda', 'unavailable', null],
      ['cpu', 'available', null],
      ['dml', 'available', { maxDifference: 2e-7, checkedAt: '2026-12-07T10:00:00Z' }],
    ]);
    expect(report.providers[1].encoding?.imagesPerSecond).toBe(1200);
    // Stopped after its first step of 64 images in 0.5 s: that step is the figure.
    expect(report.providers[2]).toMatchObject({ device: 'onnxruntime dml', auto: false });
    expect(report.providers[2].encoding?.imagesPerSecond).toBe(128);
    expect(report.providers[2].encoding?.note).toMatch(/^from the first step alone/);

    expect(report.training).toBe('wasm');
    expect(report.onnx).toBe('cpu');
    const passedOver = `webgpu passed over: ${SOFTWARE}; see README "Using your GPU"`;
    expect(report.verdict).toEqual({
      training: `training will use: wasm (WebAssembly on a test CPU); ${passedOver}`,
      onnx: `ONNX encoders will use: cpu (onnxruntime cpu); passed over cuda: ${CUDA_MISSING}`,
    });
    expect(report.probe).toEqual({
      model: '64×64×3 image autoencoder',
      batches: { training: 16, encoding: 64 },
      ...LIMITS,
    });
    expect(stages).toContain('check devices: wasm training');
    expect(stages).toContain('check devices: onnxruntime dml');
  });

  it('times nothing with probe: false', async () => {
    const machine = simulatedMachine();
    const report = await checkComputeDevices({ probe: false, limits: LIMITS, openPool: machine.openPool });
    expect(machine.tasks.some((t) => t.type === 'backend-probe')).toBe(false);
    expect(
      machine.tasks.filter((t) => t.type === 'provider').every((t) => t.type === 'provider' && t.seconds === null),
    ).toBe(true);
    expect(report.probe).toBeNull();
    // Outside the desktop app there is no GPU window to ask.
    expect(report.gpuWindow).toBeNull();
    const wasm = report.backends.find((b) => b.name === 'wasm')!;
    expect(wasm).toMatchObject({ status: 'available', training: null, encoding: null, notProbed: 'probes skipped' });
    expect(report.providers.find((p) => p.name === 'cpu')).toMatchObject({
      encoding: null,
      notProbed: 'probes skipped',
    });
    expect(DeviceReport.parse(report)).toEqual(report);
  });

  it("asks the desktop app's GPU window, and a window that cannot answer says why", async () => {
    const selected = { name: 'webgl' as const, device: 'WebGL 2: ANGLE (AMD …), in Chromium', hardwareGpu: true };
    const inApp = await checkComputeDevices({
      probe: false,
      limits: LIMITS,
      openPool: simulatedMachine().openPool,
      probeGpuWindow: async () => ({ selected, skipped: [{ name: 'webgpu', reason: 'no WebGPU adapter' }] }),
    });
    expect(DeviceReport.parse(inApp)).toEqual(inApp);
    expect(inApp.verdict.training).toBe(`training will use: webgl (${selected.device}) in the app's GPU window`);
    const broken = await checkComputeDevices({
      probe: false,
      limits: LIMITS,
      openPool: simulatedMachine().openPool,
      probeGpuWindow: () => Promise.reject(new Error('the GPU window crashed')),
    });
    expect(broken.gpuWindow).toEqual({
      selected: null,
      skipped: [{ name: 'webgpu', reason: 'the GPU window crashed' }],
    });
    expect(broken.verdict.training).toMatch(/the app's GPU window passed over webgpu: the GPU window crashed$/);
  });

  it('stops when cancelled', async () => {
    const machine = simulatedMachine();
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the user'));
    await expect(checkComputeDevices({ signal: controller.signal, openPool: machine.openPool })).rejects.toThrow(
      'cancelled by the user',
    );
    expect(machine.tasks).toEqual([]);
  });
});
