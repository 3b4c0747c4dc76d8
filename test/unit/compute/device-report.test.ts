// The report's verdict and wording from simulated machines: which backend and provider `auto`
// takes, why the best was passed over, and the figures as the tables print them.
import { describe, expect, it } from 'vitest';
import {
  deviceOrReason,
  formatImagesPerSecond,
  onnxVerdict,
  providerDeviceOrReason,
  trainingVerdict,
  type BackendReport,
  type ProviderReport,
  type Throughput,
} from '../../../electron/core/compute/device-report.js';

const WASM_DEVICE = 'WebAssembly (XNNPACK, SIMD on, one thread) on Test CPU (8 cores)';
const NO_ADAPTER = 'no WebGPU adapter: Dawn found no GPU (on Linux it needs a Vulkan driver)';

function backend(name: BackendReport['name'], patch: Partial<BackendReport> = {}): BackendReport {
  return {
    name,
    packageName: null,
    optIn: null,
    status: 'available',
    reason: null,
    device: `${name} device`,
    training: null,
    encoding: null,
    notProbed: null,
    ...patch,
  };
}

const unavailable = (reason: string) => ({ status: 'unavailable' as const, reason, device: null });
const optIn = { optIn: 'needs CUDA 11.2: only with --backend tensorflow-gpu' };

function provider(name: string, auto: boolean, patch: Partial<ProviderReport> = {}): ProviderReport {
  const device = `onnxruntime ${name}`;
  return { name, auto, status: 'available', reason: null, device, encoding: null, notProbed: null, ...patch };
}

describe('trainingVerdict', () => {
  it('names the GPU when auto takes it', () => {
    const gpu = 'WebGPU: nvidia hopper (NVIDIA H100 80GB HBM3)';
    const machine = [backend('webgpu', { device: gpu }), backend('tensorflow-gpu', optIn), backend('wasm')];
    expect(trainingVerdict(machine)).toBe(`training will use: webgpu (${gpu})`);
  });

  it('says why the GPU was passed over and where to read more', () => {
    const machine = [
      backend('webgpu', unavailable(NO_ADAPTER)),
      backend('tensorflow-gpu', optIn),
      backend('tensorflow', unavailable('package @tensorflow/tfjs-node is not installed')),
      backend('wasm', { device: WASM_DEVICE }),
      backend('cpu'),
    ];
    expect(trainingVerdict(machine)).toBe(
      `training will use: wasm (${WASM_DEVICE}); webgpu passed over: ${NO_ADAPTER}; see README "Using your GPU"`,
    );
  });

  it('passes over a software adapter that runs only when named, and an opt-in backend that runs', () => {
    const software = 'only a software adapter (WebGPU: google swiftshader): slower than wasm; --backend webgpu uses it';
    const machine = [
      backend('webgpu', { status: 'named-only', reason: software }),
      backend('tensorflow-gpu', optIn),
      backend('wasm', { device: WASM_DEVICE }),
    ];
    expect(trainingVerdict(machine)).toBe(
      `training will use: wasm (${WASM_DEVICE}); webgpu passed over: ${software}; see README "Using your GPU"`,
    );
  });

  it('says so when nothing runs', () => {
    expect(trainingVerdict([backend('wasm', unavailable('x')), backend('cpu', unavailable('y'))])).toBe(
      'training: no tfjs backend runs here (wasm, cpu all failed)',
    );
  });
});

describe('trainingVerdict in the desktop app', () => {
  const nodeOnly = [
    backend('webgpu', unavailable('Dawn failed to load: External buffers are not allowed')),
    backend('wasm', { device: WASM_DEVICE }),
  ];

  it("names the GPU window's backend when it takes one", () => {
    const selected = {
      name: 'webgpu' as const,
      device: 'WebGPU: nvidia ada (RTX 4070), in Chromium',
      hardwareGpu: true,
    };
    expect(trainingVerdict(nodeOnly, { selected, skipped: [] })).toBe(
      "training will use: webgpu (WebGPU: nvidia ada (RTX 4070), in Chromium) in the app's GPU window",
    );
  });

  it('adds why the GPU window passed over its backends when Node trains', () => {
    const skipped = [
      { name: 'webgpu' as const, reason: 'no WebGPU adapter' },
      { name: 'webgl' as const, reason: 'only a software renderer (SwiftShader)' },
    ];
    const verdict = trainingVerdict(nodeOnly, { selected: null, skipped });
    expect(verdict).toMatch(/^training will use: wasm \(.*\); webgpu passed over: Dawn failed to load: /);
    expect(verdict).toMatch(
      /; the app's GPU window passed over webgpu: no WebGPU adapter; webgl: only a software renderer \(SwiftShader\)$/,
    );
  });
});

describe('onnxVerdict', () => {
  it('takes the first available provider auto tries, naming those it passed over', () => {
    const providers = [
      provider('cuda', true, { status: 'unavailable', reason: 'Failed to load shared library', device: null }),
      provider('cpu', true, { device: 'onnxruntime cpu (8 threads)' }),
      provider('webgpu', false),
    ];
    expect(onnxVerdict(providers)).toBe(
      'ONNX encoders will use: cpu (onnxruntime cpu (8 threads)); passed over cuda: Failed to load shared library',
    );
    expect(onnxVerdict([provider('cuda', true), provider('cpu', true)])).toBe(
      'ONNX encoders will use: cuda (onnxruntime cuda)',
    );
  });
});

describe('the wording of the tables', () => {
  const probe = (imagesPerSecond: number | null, note: string | null = null): Throughput => ({
    imagesPerSecond,
    batch: 16,
    steps: 1,
    seconds: 1,
    note,
  });

  it('prints figures to a sensible precision, with a star when a note qualifies them', () => {
    expect(formatImagesPerSecond(probe(2130.4))).toBe('2,130');
    expect(formatImagesPerSecond(probe(58.3))).toBe('58');
    expect(formatImagesPerSecond(probe(0.937))).toBe('0.94');
    expect(formatImagesPerSecond(probe(12.8, 'from the first step alone'))).toBe('13*');
    expect(formatImagesPerSecond(probe(null, 'no step finished'))).toBe('–');
    expect(formatImagesPerSecond(null)).toBe('');
  });

  it('shows the device, the reason, or that auto passes it over', () => {
    const software = 'WebGPU: google swiftshader (SwiftShader driver 5.0.0), a software adapter';
    expect(deviceOrReason({ status: 'named-only', device: software, reason: 'only a software adapter' })).toBe(
      `${software} — auto passes it over`,
    );
    expect(deviceOrReason({ status: 'unavailable', device: null, reason: NO_ADAPTER })).toBe(NO_ADAPTER);
    expect(deviceOrReason({ status: 'available', device: WASM_DEVICE, reason: null })).toBe(WASM_DEVICE);
  });

  it("adds an accelerator's first-use check against the CPU provider", () => {
    const checkedAgainstCpu = { maxDifference: 7.4e-7, checkedAt: '2026-12-07T10:02:03.000Z' };
    expect(providerDeviceOrReason(provider('webgpu', true, { checkedAgainstCpu }))).toBe(
      'onnxruntime webgpu; vs the CPU provider: max |Δ| 7.4e-7 (2026-12-07)',
    );
    expect(providerDeviceOrReason(provider('cpu', true))).toBe('onnxruntime cpu');
  });
});
