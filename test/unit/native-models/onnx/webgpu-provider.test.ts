// onnxruntime's bundled WebGPU provider for real, on Chromium's SwiftShader (a WebGPU adapter
// that runs on the CPU; skipped with a message where it or a Vulkan loader is missing): `auto`
// passes over it with the reason, naming the adapter; named, it is taken, and its first-use
// check against the CPU provider on a learned autoencoder exported as ONNX (embedding and
// reconstruction error) finds them equal to 1e-4 of each output's scale. Two objects only:
// SwiftShader is far slower than the CPU provider.
import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LearnedModel } from '../../../../native-models/learned-model.js';
import { learnedModelToOnnx } from '../../../../native-models/onnx/learned-model-to-onnx.js';
import { openSession, type ProviderCheck } from '../../../../native-models/onnx/index.js';
import { seededValues } from '../../../helpers/onnx-model-builder.js';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const VULKAN_LOADERS = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1'];
const softwareGpu = existsSync(SWIFTSHADER_ICD) && VULKAN_LOADERS.some((path) => existsSync(path));
const bundled = ort.listSupportedBackends().some((b) => b.name === 'webgpu' && b.bundled);
if (!softwareGpu || !bundled) {
  console.log(
    `onnxruntime webgpu on SwiftShader skipped: needs ${SWIFTSHADER_ICD} (chromium), a Vulkan loader (libvulkan1) ` +
      'and an onnxruntime-node build with WebGPU',
  );
}

describe.skipIf(!softwareGpu || !bundled)("onnxruntime's webgpu provider on a software adapter", () => {
  let previousIcd: string | undefined;
  beforeAll(async () => {
    // The Vulkan loader reads this when Dawn (the probe's, or onnxruntime's) first looks for adapters.
    previousIcd = process.env.VK_ICD_FILENAMES;
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    await tf.setBackend('cpu');
  });
  afterAll(() => {
    if (previousIcd === undefined) delete process.env.VK_ICD_FILENAMES;
    else process.env.VK_ICD_FILENAMES = previousIcd;
  });

  it('is passed over by auto with the reason, and when named matches the CPU provider on a learned model', async () => {
    const config = {
      kind: 'autoencoder',
      modality: 'image',
      geometry: { size: 16, bands: 3 },
      dim: 8,
      seed: 7,
      learningRate: 1e-3,
    } as const;
    const model = new LearnedModel(config);
    const bytes = learnedModelToOnnx(config, model.encoder, model.trainingHead);
    model.dispose();

    const auto = await openSession(bytes, 'auto', { platform: 'linux' });
    await auto.session.release();
    expect(auto.provider).toBe('cpu');
    expect(auto.skipped.find((s) => s.name === 'webgpu')?.reason).toMatch(
      /^only a software adapter \(WebGPU: google swiftshader .*\): slower than the CPU provider; --provider webgpu/,
    );

    let checks: ProviderCheck[] = [];
    const store = { load: () => checks, save: (next: ProviderCheck[]) => void (checks = next) };
    const pixels = new ort.Tensor('float32', seededValues(2 * 16 * 16 * 3, 3, 2), [2, 16, 16, 3]);
    const named = await openSession(bytes, 'webgpu', { check: { store, feeds: () => ({ pixels }) } });
    await named.session.release();
    expect(named.provider).toBe('webgpu');
    expect(named.adapter).toMatch(/^WebGPU: google swiftshader .*a software adapter$/);
    expect(named.check).toMatchObject({ agrees: true, objects: 2 });
    expect(named.check!.outputs.map((o) => o.name)).toEqual(['embedding', 'reconstruction_error']);
    expect(Math.min(...named.check!.outputs.map((o) => o.scale))).toBeGreaterThan(0.01);
    expect(named.check!.relativeDifference).toBeLessThan(1e-4);
    expect(checks).toEqual([named.check]);
    console.log(
      `onnxruntime webgpu (SwiftShader) vs cpu: ${named.check!.relativeDifference.toExponential(2)} relative`,
    );
  });
});
