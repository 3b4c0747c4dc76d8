// `serendip doctor` through the built CLI, as a user runs it: --json --no-probe gives the
// documented shape (the contract's schema parses it) with every tfjs backend and onnxruntime
// provider, the bundled wasm and cpu backends and the cpu provider available everywhere, and
// tensorflow-gpu reported opt-in and never chosen; the tables print one row per device and
// the verdict; and one run with the probes, which are bounded, times wasm.
import { describe, expect, it } from 'vitest';
import { DeviceReport } from '../../electron/core/api/contract.js';
import { BACKEND_NAMES } from '../../native-models/backends/backend-interface.js';
import { ONNX_PROVIDERS } from '../../native-models/onnx/onnx-provider.js';
import { runCliOk } from '../helpers/run-cli.js';

function doctorJson(args: string[]) {
  return DeviceReport.parse(JSON.parse(runCliOk(['doctor', '--json', ...args]).stdout));
}

describe('serendip doctor', () => {
  it('--json --no-probe: every backend and provider, whether it runs, on what, and why not', () => {
    const report = doctorJson(['--no-probe']);
    expect(report.version).toBe(1);
    expect(report.probe).toBeNull();
    expect(report.backends.map((b) => b.name)).toEqual([...BACKEND_NAMES]);
    const backend = Object.fromEntries(report.backends.map((b) => [b.name, b]));
    for (const bundled of ['wasm', 'cpu'] as const) {
      expect(backend[bundled]).toMatchObject({ status: 'available', reason: null, notProbed: 'probes skipped' });
      expect(backend[bundled].device).toMatch(/ on .+\(\d+ cores\)$/);
    }
    expect(backend['tensorflow-gpu'].optIn).toMatch(/only with --backend tensorflow-gpu/);
    for (const b of report.backends) {
      expect(b.training).toBeNull();
      expect(b.encoding).toBeNull();
      // Whatever does not run says why.
      if (b.status !== 'available') expect(b.reason).toBeTruthy();
    }
    // auto's choice: the first backend it tries that runs without being named; never the opt-in one.
    const chosen = report.backends.find((b) => !b.optIn && b.status === 'available');
    expect(report.training).toBe(chosen?.name);
    expect(report.verdict.training).toMatch(new RegExp(`^training will use: ${chosen?.name} \\(`));

    expect(report.onnxruntime).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.providers.map((p) => p.name).sort()).toEqual(ONNX_PROVIDERS.filter((p) => p !== 'auto').sort());
    const cpu = report.providers.find((p) => p.name === 'cpu');
    expect(cpu).toMatchObject({ auto: true, status: 'available', encoding: null, checkedAgainstCpu: null });
    expect(cpu?.device).toMatch(/^onnxruntime cpu \(\d+ threads\)$/);
    for (const p of report.providers) if (p.status === 'unavailable') expect(p.reason).toBeTruthy();
    expect(report.verdict.onnx).toMatch(/^ONNX encoders will use: /);
  });

  it('prints one table per kind, a row per device, and the verdict', () => {
    const { stdout } = runCliOk(['doctor', '--no-probe']);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('tfjs backends (not probed)');
    for (const name of BACKEND_NAMES) expect(lines.some((l) => l.startsWith(`  ${name} `))).toBe(true);
    expect(lines.find((l) => l.startsWith('  tensorflow-gpu '))).toMatch(/^ {2}tensorflow-gpu +opt-in, /);
    expect(lines.find((l) => l.startsWith('  wasm '))).toMatch(/^ {2}wasm +available +WebAssembly/);
    expect(lines.some((l) => l.startsWith('ONNX providers (onnxruntime-node '))).toBe(true);
    expect(lines.find((l) => l.startsWith('  cpu ') && l.includes('onnxruntime'))).toMatch(/^ {2}cpu +yes +available/);
    expect(lines.filter((l) => l.startsWith('training will use: '))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('ONNX encoders will use: '))).toHaveLength(1);
  });

  it('times the backends and providers that run, each probe bounded', () => {
    const report = doctorJson([]);
    expect(report.probe).toMatchObject({ model: '64×64×3 image autoencoder', batches: { training: 16, encoding: 64 } });
    const wasm = report.backends.find((b) => b.name === 'wasm')!;
    expect(wasm.notProbed).toBeNull();
    expect(wasm.training).toMatchObject({ batch: 16 });
    expect(wasm.encoding).toMatchObject({ batch: 64 });
    expect(wasm.training!.imagesPerSecond).toBeGreaterThan(0);
    expect(wasm.encoding!.imagesPerSecond).toBeGreaterThan(0);
    // cpu may be too slow for a figure; then it says why.
    const cpu = report.backends.find((b) => b.name === 'cpu')!;
    for (const probe of [cpu.training, cpu.encoding]) {
      expect(probe).not.toBeNull();
      if (probe!.imagesPerSecond === null) expect(probe!.note).toBeTruthy();
    }
    expect(report.providers.find((p) => p.name === 'cpu')!.encoding!.imagesPerSecond).toBeGreaterThan(0);
  });
});
