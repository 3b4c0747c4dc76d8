// The execution provider, chosen like the tfjs backend: the platform's accelerator where
// this onnxruntime-node build lists it and its session loads, else the CPU provider with one
// thread per core, with the reasons better ones were passed over. Machines are simulated by
// replacing the provider list and the session factory; the last case runs the real runtime.
import { availableParallelism } from 'node:os';
import type { InferenceSession } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import {
  ProviderUnavailableError,
  describeProvider,
  openSession,
  providerCandidates,
} from '../../../../native-models/onnx/index.js';
import { denseEncoderModel } from '../../../helpers/onnx-model-builder.js';

const fakeSession = { release: async () => undefined } as unknown as InferenceSession;

/** A machine whose runtime lists `listed` and on which only `loads` actually open. */
function machine(listed: string[], loads: string[]) {
  const asked: InferenceSession.SessionOptions[] = [];
  return {
    asked,
    supported: () => listed,
    create: async (_model: string | Uint8Array, options: InferenceSession.SessionOptions) => {
      asked.push(options);
      const name = String(options.executionProviders?.[0]);
      if (!loads.includes(name)) throw new Error(`${name}: Failed to load shared library\nmore detail`);
      return fakeSession;
    },
  };
}

describe('openSession', () => {
  it('lists the accelerator of each platform before the CPU', () => {
    expect(providerCandidates('linux')).toEqual(['cuda', 'cpu']);
    expect(providerCandidates('darwin')).toEqual(['coreml', 'cpu']);
    expect(providerCandidates('win32')).toEqual(['dml', 'cpu']);
    expect(providerCandidates('freebsd')).toEqual(['cpu']);
  });

  it('takes CUDA on Linux where it loads', async () => {
    const m = machine(['cpu', 'cuda'], ['cuda', 'cpu']);
    const opened = await openSession('m.onnx', 'auto', { platform: 'linux', ...m });
    expect(opened).toMatchObject({ provider: 'cuda', threads: null, skipped: [] });
    expect(m.asked[0].executionProviders).toEqual(['cuda']);
  });

  it('falls back to the CPU with a thread per core, saying why', async () => {
    const m = machine(['cpu', 'cuda'], ['cpu']);
    const opened = await openSession('m.onnx', 'auto', { platform: 'linux', ...m });
    expect(opened.provider).toBe('cpu');
    expect(opened.threads).toBe(availableParallelism());
    expect(opened.skipped).toEqual([{ name: 'cuda', reason: 'cuda: Failed to load shared library' }]);
    expect(m.asked[1]).toMatchObject({ executionProviders: ['cpu'], intraOpNumThreads: availableParallelism() });
    expect(describeProvider(opened)).toMatch(
      /^onnxruntime cpu \(\d+ threads\); passed over cuda \(cuda: Failed to load shared library\)$/,
    );
  });

  it('skips a provider the build does not list without trying it', async () => {
    const m = machine(['cpu'], ['cpu', 'coreml']);
    const opened = await openSession('m.onnx', 'auto', { platform: 'darwin', ...m, threads: 3 });
    expect(opened).toMatchObject({
      provider: 'cpu',
      threads: 3,
      skipped: [{ name: 'coreml', reason: 'not in this onnxruntime-node build' }],
    });
    expect(m.asked).toHaveLength(1);
    const mac = machine(['cpu', 'coreml'], ['cpu', 'coreml']);
    expect((await openSession('m.onnx', 'auto', { platform: 'darwin', ...mac })).provider).toBe('coreml');
  });

  it('fails a named provider that is missing with its reason, and a model the CPU cannot load', async () => {
    await expect(openSession('m.onnx', 'dml', { platform: 'win32', ...machine(['cpu'], ['cpu']) })).rejects.toThrow(
      ProviderUnavailableError,
    );
    await expect(openSession('m.onnx', 'cuda', machine(['cpu', 'cuda'], ['cpu']))).rejects.toThrow(
      /provider 'cuda' is not available \(cuda: cuda: Failed to load shared library\)/,
    );
    await expect(openSession('m.onnx', 'auto', { platform: 'linux', ...machine(['cpu'], []) })).rejects.toThrow(
      /could not load the model: cpu: Failed/,
    );
  });

  it('opens a real model on this machine (the CPU provider here)', async () => {
    const opened = await openSession(denseEncoderModel({ layout: 'nchw', size: 4, bands: 3, dim: 2 }));
    try {
      expect(['cuda', 'coreml', 'dml', 'cpu']).toContain(opened.provider);
      expect(opened.session.inputNames).toEqual(['pixels']);
    } finally {
      await opened.session.release();
    }
    await expect(openSession(new Uint8Array([1, 2, 3]), 'cpu')).rejects.toThrow(/could not load the model/);
  });
});
