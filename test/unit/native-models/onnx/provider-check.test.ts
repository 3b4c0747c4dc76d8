// The first-use check of an accelerator against the CPU provider, on simulated sessions whose
// outputs are known: the largest difference is recorded with its key (provider, onnxruntime,
// adapter, model shape), the second use of the same key reuses the verdict without running
// the CPU provider again, a provider that disagrees beyond 1e-4 of the output's scale is
// passed over with the reason (and stays passed over, from the record), and the doctor's
// list gives every check, newest first.
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  ONNXRUNTIME_VERSION,
  describeProvider,
  listProviderChecks,
  openSession,
  type ProviderCheck,
  type ProviderCheckStore,
} from '../../../../native-models/onnx/index.js';
import type { AdapterDescription } from '../../../../native-models/backends/webgpu-adapter.js';

const GPU: AdapterDescription = {
  vendor: 'amd',
  architecture: 'rdna-3',
  description: 'Radeon RX 7900',
  software: false,
};

function memoryStore(): ProviderCheckStore & { saves: number } {
  let checks: ProviderCheck[] = [];
  return {
    saves: 0,
    load: () => checks.map((c) => ({ ...c })),
    save(next) {
      this.saves++;
      checks = next.map((c) => ({ ...c }));
    },
  };
}

/**
 * A machine whose CPU provider computes y = 2x (embedding) and mean(x) (score) and whose
 * WebGPU provider adds `error` to every embedding value; it counts the runs of each.
 */
function machine(error: number) {
  const runs = { cpu: 0, webgpu: 0 };
  const session = (provider: 'cpu' | 'webgpu'): ort.InferenceSession =>
    ({
      inputMetadata: [{ name: 'pixels', isTensor: true, type: 'float32', shape: ['N', 3] }],
      outputMetadata: [
        { name: 'embedding', isTensor: true, type: 'float32', shape: ['N', 3] },
        { name: 'score', isTensor: true, type: 'float32', shape: ['N'] },
      ],
      outputNames: ['embedding', 'score'],
      async run(feeds: Record<string, ort.Tensor>) {
        runs[provider]++;
        const x = feeds.pixels.data as Float32Array;
        const y = x.map((v) => 2 * v + (provider === 'webgpu' ? error : 0));
        const n = feeds.pixels.dims[0];
        const score = Float32Array.from({ length: n }, (_, i) => (x[3 * i] + x[3 * i + 1] + x[3 * i + 2]) / 3);
        return {
          embedding: new ort.Tensor('float32', y, [n, 3]),
          score: new ort.Tensor('float32', score, [n]),
        };
      },
      release: async () => undefined,
    }) as unknown as ort.InferenceSession;
  return {
    runs,
    platform: 'linux' as const,
    supported: () => [
      { name: 'cpu', bundled: true },
      { name: 'webgpu', bundled: true },
    ],
    adapter: async () => GPU,
    create: async (_model: string | Uint8Array, options: ort.InferenceSession.SessionOptions) =>
      session(options.executionProviders?.[0] === 'webgpu' ? 'webgpu' : 'cpu'),
  };
}

/** Two objects whose largest |embedding| on the CPU is 2 × 2.5 = 5. */
const feeds = () => ({ pixels: new ort.Tensor('float32', Float32Array.of(1, -2.5, 0.5, 2, 0, -1), [2, 3]) });

describe('the first-use check', () => {
  it('records the largest difference on first use and reuses the verdict on the second', async () => {
    const store = memoryStore();
    const m = machine(2 ** -16);
    const first = await openSession('m.onnx', 'auto', { ...m, check: { store, feeds } });
    expect(first.provider).toBe('webgpu');
    expect(m.runs).toEqual({ cpu: 1, webgpu: 1 });
    const recorded = first.check!;
    expect(recorded).toMatchObject({
      provider: 'webgpu',
      onnxruntime: ONNXRUNTIME_VERSION,
      adapter: 'WebGPU: amd rdna-3 (Radeon RX 7900)',
      model: 'pixels [N,3] → embedding [N,3], score [N]',
      objects: 2,
      agrees: true,
      tolerance: 1e-4,
    });
    // 2^-16 is exact beside values up to 5 in float32.
    expect(recorded.maxAbsDifference).toBe(2 ** -16);
    expect(recorded.relativeDifference).toBe(2 ** -16 / 5);
    expect(recorded.outputs).toEqual([
      { name: 'embedding', maxAbsDifference: 2 ** -16, scale: 5 },
      { name: 'score', maxAbsDifference: 0, scale: expect.closeTo(1 / 3, 6) },
    ]);
    expect(store.load()).toEqual([recorded]);
    expect(describeProvider(first)).toBe(
      'onnxruntime webgpu on WebGPU: amd rdna-3 (Radeon RX 7900), agrees with the CPU provider (max |Δ| 1.5e-5); ' +
        'passed over cuda (not in this onnxruntime-node build)',
    );

    const second = await openSession('m.onnx', 'auto', { ...m, check: { store, feeds } });
    expect(second.provider).toBe('webgpu');
    expect(second.check).toEqual(recorded);
    expect(m.runs).toEqual({ cpu: 1, webgpu: 1 });
    expect(store.saves).toBe(1);
  });

  it('passes over a provider that disagrees, with the reason, and remembers it', async () => {
    const store = memoryStore();
    const m = machine(2 ** -10);
    const opened = await openSession('m.onnx', 'auto', { ...m, check: { store, feeds } });
    expect(opened.provider).toBe('cpu');
    expect(opened.check).toBeNull();
    const [check] = store.load();
    expect(opened.skipped[1]).toEqual({
      name: 'webgpu',
      reason:
        `its outputs disagree with the CPU provider's (checked ${check.checkedAt.slice(0, 10)}: ` +
        "max |Δ| 9.8e-4 on 'embedding' of scale 5.0, more than 0.0001 of it)",
    });
    expect(check).toMatchObject({ provider: 'webgpu', agrees: false });
    expect(check.relativeDifference).toBe(2 ** -10 / 5);

    const again = await openSession('m.onnx', 'auto', { ...m, check: { store, feeds } });
    expect(again.provider).toBe('cpu');
    expect(again.skipped[1].reason).toBe(opened.skipped[1].reason);
    // Compared once: the second session on each provider ran nothing.
    expect(m.runs).toEqual({ cpu: 1, webgpu: 1 });
    await expect(openSession('m.onnx', 'webgpu', { ...m, check: { store, feeds } })).rejects.toThrow(
      /provider 'webgpu' is not available \(webgpu: its outputs disagree/,
    );
  });

  it('checks again for another model shape, adapter or onnxruntime, and lists every check newest first', async () => {
    const store = memoryStore();
    const m = machine(0);
    await openSession('m.onnx', 'auto', { ...m, check: { store, feeds } });
    const other = { ...m, adapter: async () => ({ ...GPU, description: 'Radeon RX 7600' }) };
    await openSession('m.onnx', 'auto', { ...other, check: { store, feeds } });
    expect(m.runs.cpu).toBe(2);
    expect(new Set(store.load().map((c) => c.adapter))).toEqual(
      new Set(['WebGPU: amd rdna-3 (Radeon RX 7900)', 'WebGPU: amd rdna-3 (Radeon RX 7600)']),
    );
    const [a, b] = store.load();
    const older = { ...a, onnxruntime: '1.29.0', checkedAt: '2020-01-01T00:00:00.000Z' };
    const newer = { ...b, checkedAt: '2030-01-01T00:00:00.000Z' };
    store.save([older, a, newer]);
    expect(listProviderChecks(store)).toEqual([newer, a, older]);
    await openSession('m.onnx', 'auto', { ...m, check: { store, feeds } });
    expect(m.runs.cpu).toBe(2);
  });

  it('passes over an accelerator whose first run fails, with the reason, recording nothing', async () => {
    const store = memoryStore();
    const m = machine(0);
    const failing = {
      ...m,
      create: async (model: string | Uint8Array, options: ort.InferenceSession.SessionOptions) => {
        const session = await m.create(model, options);
        if (options.executionProviders?.[0] !== 'webgpu') return session;
        return { ...session, run: async () => Promise.reject(new Error('Conv: no kernel for this shape\ndetail')) };
      },
    } as typeof m;
    const opened = await openSession('m.onnx', 'auto', { ...failing, check: { store, feeds } });
    expect(opened.provider).toBe('cpu');
    expect(opened.skipped[1]).toEqual({
      name: 'webgpu',
      reason: 'its first run failed: Conv: no kernel for this shape',
    });
    expect(store.saves).toBe(0);
  });

  it('does not check the CPU provider, nor without a store', async () => {
    const store = memoryStore();
    const m = machine(1);
    expect((await openSession('m.onnx', 'cpu', { ...m, check: { store, feeds } })).check).toBeNull();
    expect((await openSession('m.onnx', 'webgpu', m)).check).toBeNull();
    expect(m.runs).toEqual({ cpu: 0, webgpu: 0 });
    expect(store.saves).toBe(0);
  });
});
