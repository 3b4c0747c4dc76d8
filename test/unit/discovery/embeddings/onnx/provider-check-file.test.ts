// The first-use checks of onnxruntime's accelerators, kept in one JSON file: a missing, corrupt
// or foreign file reads as no checks; what is saved reads back the same, through a temporary
// file renamed over the old one (no temporary is left behind), in a folder made on first save;
// and by default the file lives in the user-data folder (SERENDIP_HOME here).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { providerCheckFile } from '../../../../../electron/core/discovery/embeddings/onnx/provider-check-file.js';
import { listProviderChecks, type ProviderCheck } from '../../../../../native-models/onnx/index.js';
import { useTempDir } from '../../../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-provider-checks-');

const CHECK: ProviderCheck = {
  provider: 'webgpu',
  onnxruntime: '1.30.0',
  adapter: 'WebGPU: nvidia hopper (NVIDIA H100 80GB HBM3)',
  model: 'pixels [N,64,64,3] → embedding [N,32]',
  objects: 4,
  outputs: [{ name: 'embedding', maxAbsDifference: 2.4e-7, scale: 3.1 }],
  maxAbsDifference: 2.4e-7,
  relativeDifference: 2.4e-7 / 3.1,
  tolerance: 1e-4,
  agrees: true,
  checkedAt: '2026-12-07T10:00:00.000Z',
};

const home = process.env.SERENDIP_HOME;
afterEach(() => {
  if (home === undefined) delete process.env.SERENDIP_HOME;
  else process.env.SERENDIP_HOME = home;
});

describe('providerCheckFile', () => {
  it('reads no checks from a missing, corrupt or foreign file', () => {
    const path = join(tempDir(), 'checks.json');
    expect(providerCheckFile(path).load()).toEqual([]);
    writeFileSync(path, '{"format": 1, "checks": [');
    expect(providerCheckFile(path).load()).toEqual([]);
    writeFileSync(path, JSON.stringify({ format: 2, checks: [CHECK] }));
    expect(providerCheckFile(path).load()).toEqual([]);
    writeFileSync(path, JSON.stringify({ format: 1, checks: [CHECK, { provider: 'webgpu' }, null] }));
    expect(providerCheckFile(path).load()).toEqual([CHECK]);
  });

  it('saves atomically into a folder it makes, and reads back what it saved', () => {
    const dir = join(tempDir(), 'not', 'yet');
    const store = providerCheckFile(join(dir, 'checks.json'));
    const older = { ...CHECK, provider: 'cuda' as const, adapter: null, checkedAt: '2026-01-01T00:00:00.000Z' };
    store.save([older, CHECK]);
    expect(readdirSync(dir)).toEqual(['checks.json']);
    expect(JSON.parse(readFileSync(join(dir, 'checks.json'), 'utf8'))).toEqual({ format: 1, checks: [older, CHECK] });
    expect(providerCheckFile(join(dir, 'checks.json')).load()).toEqual([older, CHECK]);
    expect(listProviderChecks(store)).toEqual([CHECK, older]);
  });

  it('lives in the user-data folder by default', () => {
    process.env.SERENDIP_HOME = tempDir();
    providerCheckFile().save([CHECK]);
    expect(existsSync(join(process.env.SERENDIP_HOME, 'onnx-provider-checks.json'))).toBe(true);
    expect(providerCheckFile().load()).toEqual([CHECK]);
  });
});
