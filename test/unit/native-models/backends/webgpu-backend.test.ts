// The WebGPU backend over Dawn. Adapter descriptions are checked against known answers; the
// numbers are checked on Chromium's SwiftShader, a real WebGPU adapter that runs on the CPU
// (skipped with a message where it or a Vulkan loader is missing): the image autoencoder's
// gradients, for every layer type the models use, and a 3-step SGD trajectory, both against
// tfjs's cpu backend. Batches are tiny: SwiftShader is far slower than wasm.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../native-models/backends/select-backend.js';
import { webgpuBackend } from '../../../../native-models/backends/webgpu-backend.js';
import { adapterLine, describeAdapter } from '../../../../native-models/backends/webgpu-adapter.js';
import { buildImageDecoder, buildImageEncoder } from '../../../../native-models/image/image-networks.js';
import { SeededRandom } from '../../../../electron/core/discovery/seeded-random.js';
import { softwareGpuUnavailable, useSoftwareGpu } from '../../../helpers/software-gpu.js';
import { relativeDifference } from '../../../helpers/relative-difference.js';

describe('describeAdapter', () => {
  it('knows software adapters from GPUs', () => {
    const swiftShader = {
      info: { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader driver 5.0.0' },
    };
    expect(describeAdapter(swiftShader)).toMatchObject({ vendor: 'google', software: true });
    expect(
      describeAdapter({ info: { vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' } }).software,
    ).toBe(true);
    expect(describeAdapter({ info: { vendor: 'nvidia', architecture: 'ada' }, isFallbackAdapter: true }).software).toBe(
      true,
    );
    const nvidia = describeAdapter({
      info: { vendor: 'nvidia', architecture: 'hopper', description: 'NVIDIA H100 80GB HBM3' },
    });
    expect(nvidia).toEqual({
      vendor: 'nvidia',
      architecture: 'hopper',
      description: 'NVIDIA H100 80GB HBM3',
      software: false,
    });
    expect(adapterLine(nvidia)).toBe('WebGPU: nvidia hopper (NVIDIA H100 80GB HBM3)');
    expect(describeAdapter({ info: { vendor: 'apple', architecture: 'metal-3' } }).software).toBe(false);
  });
});

const unavailable = softwareGpuUnavailable();
if (unavailable) console.log(`webgpu numerics skipped: ${unavailable}`);

const SIZE = 16;
const BANDS = 3;
const BATCH = 2;
const DIM = 8;

function images(): Float32Array {
  const random = new SeededRandom(5);
  return Float32Array.from({ length: BATCH * SIZE * SIZE * BANDS }, () => random.nextGaussian());
}

/** The autoencoder's loss gradients for every weight, and the losses of 3 plain SGD steps. */
async function gradientsAndTrajectory(backend: string): Promise<{ gradients: Float32Array[]; losses: number[] }> {
  await tf.setBackend(backend);
  const geometry = { size: SIZE, bands: BANDS };
  const encoder = buildImageEncoder(geometry, DIM, 3);
  const decoder = buildImageDecoder(geometry, DIM, 3);
  const x = tf.tensor4d(images(), [BATCH, SIZE, SIZE, BANDS]);
  const loss = () => tf.mean(tf.squaredDifference(decoder.apply(encoder.apply(x)) as tf.Tensor, x)) as tf.Scalar;
  const weights = [...encoder.trainableWeights, ...decoder.trainableWeights].map((w) => w.read() as tf.Variable);
  const { grads } = tf.variableGrads(loss, weights);
  const gradients = await Promise.all(weights.map((w) => grads[w.name].data() as Promise<Float32Array>));
  const optimiser = tf.train.sgd(0.05);
  const losses: number[] = [];
  for (let step = 0; step < 3; step++) {
    const value = optimiser.minimize(loss, true, weights) as tf.Scalar;
    losses.push((await value.data())[0]);
  }
  return { gradients, losses };
}

describe.skipIf(unavailable !== null)('the webgpu backend on a software adapter', () => {
  useSoftwareGpu();

  it('is passed over by auto, with the reason, and taken when named', async () => {
    await expect(selectBackend('auto', [webgpuBackend])).rejects.toThrow(/webgpu: only a software adapter/);
    const selected = await selectBackend('webgpu');
    expect(selected).toMatchObject({ name: 'webgpu', tfjsName: 'webgpu', skipped: [] });
    expect(selected.device).toMatch(/^WebGPU: .*swiftshader.*a software adapter$/i);
  });

  it("matches the cpu backend's gradients and SGD steps for the image autoencoder", async () => {
    await selectBackend('webgpu');
    const gpu = await gradientsAndTrajectory('webgpu');
    const cpu = await gradientsAndTrajectory('cpu');
    expect(gpu.gradients).toHaveLength(cpu.gradients.length);
    const worst = Math.max(...gpu.gradients.map((g, i) => relativeDifference(g, cpu.gradients[i])));
    console.log(`webgpu vs cpu: worst gradient difference ${worst.toExponential(2)} of each weight's largest`);
    expect(worst).toBeLessThan(1e-4);
    gpu.losses.forEach((loss, step) => expect(Math.abs(loss - cpu.losses[step]) / cpu.losses[step]).toBeLessThan(1e-4));
    expect(cpu.losses[2]).toBeLessThan(cpu.losses[0]);
  });
});
