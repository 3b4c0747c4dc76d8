// The default sizes of a training run by device, and what the user or a stored run fixed
// winning over them; and the failures a GPU backend reports, told apart by message.
import { describe, expect, it } from 'vitest';
import { defaultTrainingSizes, resolveTrainingSizes } from '../../../../native-models/training/training-sizes.js';
import { DeviceFailure, deviceFailureKind } from '../../../../native-models/backends/device-failures.js';

describe('training sizes', () => {
  it('grow on a hardware GPU and stay small on the CPU and on a software adapter', () => {
    expect(defaultTrainingSizes('autoencoder', { name: 'webgpu', hardwareGpu: true })).toEqual({
      sample: 200_000,
      batchSize: 256,
      width: 2,
    });
    expect(defaultTrainingSizes('contrastive', { name: 'wasm', hardwareGpu: false })).toEqual({
      sample: 2_500,
      batchSize: 64,
      width: 1,
    });
    expect(defaultTrainingSizes('autoencoder', { name: 'webgpu', hardwareGpu: false })).toEqual({
      sample: 2_500,
      batchSize: 32,
      width: 1,
    });
    expect(defaultTrainingSizes('autoencoder', { name: 'webgl', hardwareGpu: false }).sample).toBe(2_500);
  });

  it('keeps what was asked for and caps the sample at the objects there are', () => {
    const gpu = { name: 'webgpu' as const, hardwareGpu: true };
    expect(resolveTrainingSizes('autoencoder', gpu, { sample: null, batchSize: 64, width: 1 }, 5_000)).toEqual({
      sample: 5_000,
      batchSize: 64,
      width: 1,
    });
    expect(resolveTrainingSizes('autoencoder', gpu, { sample: 900, batchSize: null, width: null }, 5_000)).toEqual({
      sample: 900,
      batchSize: 256,
      width: 2,
    });
  });
});

describe('deviceFailureKind', () => {
  it('knows out-of-memory and a lost device in the words each backend uses', () => {
    expect(deviceFailureKind(new Error('OOM when allocating tensor with shape[256,64,64,32]'))).toBe('out-of-memory');
    expect(deviceFailureKind(new Error('GPUOutOfMemoryError: Out of memory'))).toBe('out-of-memory');
    expect(deviceFailureKind(new Error('Device is lost: VK_ERROR_DEVICE_LOST'))).toBe('device-lost');
    expect(deviceFailureKind(new Error('WebGL context lost'))).toBe('device-lost');
    expect(deviceFailureKind(new DeviceFailure('device-lost', 'destroyed'))).toBe('device-lost');
    expect(deviceFailureKind(new Error('training diverged: the loss became NaN'))).toBeNull();
    expect(deviceFailureKind(new Error('the memory map of inputs/x.npy failed'))).toBeNull();
  });
});
