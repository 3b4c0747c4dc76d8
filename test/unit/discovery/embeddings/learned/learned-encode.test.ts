// A learned run's encoding through onnxruntime gives tfjs's vectors and reconstruction errors
// to 1e-4 of their scale, for images and spectra, autoencoders and contrastive models, on the
// calling thread and on a worker; `auto` picks onnxruntime for a model trained on a CPU
// backend and says why; a cancelled encoding stops. The networks are freshly seeded ones
// saved as a trained run saves them; the inputs a float16 store as ingest writes it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFloat16Bits } from '../../../../../electron/core/formats/arrays/float16.js';
import { NpyRowFile } from '../../../../../electron/core/formats/arrays/npy-row-file.js';
import {
  encodeObjects,
  type EncodeRequest,
  type Encoding,
} from '../../../../../electron/core/discovery/embeddings/learned/learned-encode.js';
import { selectBackend } from '../../../../../native-models/backends/index.js';
import { LearnedModel } from '../../../../../native-models/learned-model.js';
import type { LearnedModelConfig } from '../../../../../native-models/model-config.js';
import type { ProviderCheck, ProviderCheckStore } from '../../../../../native-models/onnx/index.js';
import { modelToFiles } from '../../../../../native-models/training/model-files.js';
import { useSharedTempDir } from '../../../../helpers/temp-dir.js';
import { seededValues } from '../../../../helpers/onnx-model-builder.js';

const OBJECTS = 37;
const tempDir = useSharedTempDir('serendip-learned-encode-');

beforeAll(async () => {
  await selectBackend('wasm');
});

function memoryChecks(): ProviderCheckStore & { checks: ProviderCheck[] } {
  return {
    checks: [],
    load() {
      return this.checks;
    },
    save(next) {
      this.checks = next;
    },
  };
}

/** A float16 model-input store of `count` seeded rows (spectra: a 0/1 mask in channel 1); its path. */
function inputStore(dir: string, config: LearnedModelConfig, count: number): string {
  const rowShape =
    config.modality === 'image'
      ? [config.geometry.size, config.geometry.size, config.geometry.bands]
      : [config.geometry.length, 1, config.geometry.channels];
  const path = join(dir, `${config.modality}-${config.kind}-${count}.npy`);
  const file = NpyRowFile.openOrCreate(path, { dtype: '<f2', rowShape });
  const values = seededValues(count * rowShape.reduce((a, b) => a * b, 1), 23, 1.5);
  if (config.modality === 'spectrum' && config.geometry.channels > 1)
    for (let i = 1; i < values.length; i += config.geometry.channels) values[i] = values[i] > -0.7 ? 1 : 0;
  file.appendRows(toFloat16Bits(values));
  file.close();
  return path;
}

/** A request over every row of a fresh store, in a shuffled order (as a run's rows need not be sorted). */
async function requestFor(
  config: LearnedModelConfig,
  count = OBJECTS,
): Promise<Omit<EncodeRequest, 'progress'> & { progress: EncodeRequest['progress'] }> {
  const model = new LearnedModel(config);
  const networks = { encoder: await modelToFiles(model.encoder), head: await modelToFiles(model.trainingHead) };
  model.dispose();
  const rows = Int32Array.from({ length: count }, (_, i) => (i * 7) % count);
  const inputsPath = inputStore(tempDir(), config, count);
  const progress = () => undefined;
  return { config, networks, backend: 'wasm', inputsPath, rows, inProcess: true, progress };
}

function expectSameEncoding(onnx: Encoding, tfjs: Encoding): void {
  const compare = (got: Float32Array, want: Float32Array): void => {
    expect(got.length).toBe(want.length);
    let diff = 0;
    let scale = 0;
    for (let i = 0; i < want.length; i++) {
      diff = Math.max(diff, Math.abs(got[i] - want[i]));
      scale = Math.max(scale, Math.abs(want[i]));
    }
    expect(scale).toBeGreaterThan(1e-3);
    expect(diff).toBeLessThanOrEqual(1e-4 * scale);
  };
  compare(onnx.vectors, tfjs.vectors);
  if (tfjs.errors) compare(onnx.errors!, tfjs.errors);
  else expect(onnx.errors).toBeNull();
}

const config = (c: Omit<LearnedModelConfig, 'learningRate'>): LearnedModelConfig =>
  ({ ...c, learningRate: 1e-3 }) as LearnedModelConfig;

const CASES: [string, LearnedModelConfig][] = [
  [
    'image autoencoder',
    config({ kind: 'autoencoder', modality: 'image', geometry: { size: 16, bands: 3 }, dim: 6, seed: 1 }),
  ],
  [
    'image contrastive',
    config({ kind: 'contrastive', modality: 'image', geometry: { size: 16, bands: 3 }, dim: 5, seed: 2 }),
  ],
  [
    'spectrum autoencoder',
    config({ kind: 'autoencoder', modality: 'spectrum', geometry: { length: 64, channels: 2 }, dim: 4, seed: 3 }),
  ],
  [
    'spectrum contrastive',
    config({ kind: 'contrastive', modality: 'spectrum', geometry: { length: 64, channels: 2 }, dim: 4, seed: 4 }),
  ],
];

describe('encodeObjects', () => {
  it.each(CASES)('gives the same encoding through onnxruntime as through tfjs: %s', async (_name, c) => {
    const request = await requestFor(c);
    const tfjs = await encodeObjects({ ...request, engine: 'tfjs' });
    const done: number[] = [];
    const onnx = await encodeObjects({
      ...request,
      engine: 'onnx',
      provider: 'cpu',
      progress: (n, total) => done.push(n / total),
    });
    expect(tfjs).toMatchObject({ engine: 'tfjs', device: expect.stringMatching(/^tfjs wasm: /) });
    expect(onnx).toMatchObject({ engine: 'onnx', device: expect.stringMatching(/^onnxruntime cpu \(\d+ threads\)/) });
    expect(done.at(-1)).toBe(1);
    expectSameEncoding(onnx, tfjs);
  });

  it('picks onnxruntime for a model trained on a CPU backend, on worker threads too, and says why', async () => {
    const request = await requestFor(CASES[0][1], 300);
    const tfjs = await encodeObjects({ ...request, engine: 'tfjs', inProcess: false, workers: 2 });
    const auto = await encodeObjects({ ...request, providerChecks: memoryChecks(), inProcess: false, workers: 2 });
    expect(auto).toMatchObject({
      engine: 'onnx',
      threads: 2,
      engineReason: 'trained on wasm, a CPU backend: onnxruntime encodes faster',
    });
    expectSameEncoding(auto, tfjs);
  });

  it('stops when cancelled', async () => {
    const request = await requestFor(CASES[1][1], 400);
    const controller = new AbortController();
    const encoding = encodeObjects({
      ...request,
      engine: 'onnx',
      provider: 'cpu',
      signal: controller.signal,
      progress: (done) => {
        if (done >= 128) controller.abort();
      },
    });
    await expect(encoding).rejects.toThrow();
    expect(controller.signal.aborted).toBe(true);
  });
});

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const VULKAN_LOADERS = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1'];
const softwareGpu = existsSync(SWIFTSHADER_ICD) && VULKAN_LOADERS.some((path) => existsSync(path));
if (!softwareGpu) {
  console.log(
    `learned encoding on WebGPU skipped: needs ${SWIFTSHADER_ICD} (chromium) and a Vulkan loader (libvulkan1)`,
  );
}

// SwiftShader runs WebGPU on the CPU, about 30× slower than wasm: a handful of objects each.
describe.skipIf(!softwareGpu)('encodeObjects on a software WebGPU adapter', () => {
  let previousIcd: string | undefined;
  beforeAll(() => {
    // The Vulkan loader reads this when Dawn (the probe's, or onnxruntime's) first looks for adapters.
    previousIcd = process.env.VK_ICD_FILENAMES;
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  });
  afterAll(() => {
    if (previousIcd === undefined) delete process.env.VK_ICD_FILENAMES;
    else process.env.VK_ICD_FILENAMES = previousIcd;
  });

  it("encodes through onnxruntime's webgpu provider like tfjs, checked against the CPU provider once", async () => {
    const request = await requestFor(CASES[0][1], 6);
    const tfjs = await encodeObjects({ ...request, engine: 'tfjs' });
    const store = memoryChecks();
    const onnx = await encodeObjects({ ...request, engine: 'onnx', provider: 'webgpu', providerChecks: store });
    expect(onnx.device).toMatch(
      /^onnxruntime webgpu on WebGPU: google swiftshader .*a software adapter, agrees with the CPU provider \(max /,
    );
    expectSameEncoding(onnx, tfjs);
    expect(store.checks).toHaveLength(1);
    const [check] = store.checks;
    expect(check).toMatchObject({ provider: 'webgpu', agrees: true, objects: 4 });
    expect(check.model).toBe('pixels [N,16,16,3] → embedding [N,6], reconstruction_error [N]');
    console.log(`onnxruntime webgpu (SwiftShader) vs cpu: max |Δ| ${check.maxAbsDifference.toExponential(2)}`);
    const again = await encodeObjects({ ...request, engine: 'onnx', provider: 'webgpu', providerChecks: store });
    expectSameEncoding(again, tfjs);
    expect(store.checks).toEqual([check]);
  });

  it('keeps tfjs for a model trained on the GPU where onnxruntime has only its CPU provider', async () => {
    const request = await requestFor(CASES[1][1], 3);
    const auto = await encodeObjects({ ...request, backend: 'webgpu', providerChecks: memoryChecks() });
    expect(auto.engine).toBe('tfjs');
    expect(auto.device).toMatch(/^tfjs webgpu: WebGPU: google swiftshader/);
    expect(auto.engineReason).toMatch(
      /^trained on webgpu, a GPU, and onnxruntime has no accelerator here \(onnxruntime cpu .*webgpu \(only a software/,
    );
  });
});
