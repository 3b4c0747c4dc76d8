// The device watch on a stand-in device (its lost promise and error events driven by the
// test), and on SwiftShader's real WebGPU device, destroyed under the active webgpu backend:
// the next check between training steps fails with the device's own reason.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { GpuDeviceWatch, type WatchableDevice } from '../../../../native-models/backends/gpu-device-watch.js';
import { DeviceFailure, deviceFailureKind } from '../../../../native-models/backends/device-failures.js';
import { checkActiveDevice, selectBackend } from '../../../../native-models/backends/select-backend.js';
import { softwareGpuUnavailable, useSoftwareGpu } from '../../../helpers/software-gpu.js';

class GPUOutOfMemoryError extends Error {}

function standInDevice() {
  let lose: (info: { reason?: string; message?: string }) => void = () => undefined;
  const listeners: ((event: { error: Error }) => void)[] = [];
  const device: WatchableDevice = {
    lost: new Promise((resolve) => (lose = resolve)),
    addEventListener: (_type, listener) => listeners.push(listener),
  };
  return { device, lose, raise: (error: Error) => listeners.forEach((l) => l({ error })) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('GpuDeviceWatch', () => {
  it('passes while the device is well, then throws its first failure', async () => {
    const gpu = standInDevice();
    const watch = new GpuDeviceWatch(gpu.device);
    expect(() => watch.throwIfFailed()).not.toThrow();
    gpu.raise(new Error('Validation error: binding size too small'));
    expect(() => watch.throwIfFailed()).not.toThrow();
    gpu.raise(new GPUOutOfMemoryError('Allocation of 4294967296 bytes failed'));
    gpu.lose({ reason: 'unknown', message: 'VK_ERROR_DEVICE_LOST' });
    await settle();
    expect(() => watch.throwIfFailed()).toThrow('the GPU ran out of memory: Allocation of 4294967296 bytes failed');
  });

  it('reports a lost device with its message', async () => {
    const gpu = standInDevice();
    const watch = new GpuDeviceWatch(gpu.device);
    gpu.lose({ reason: 'unknown', message: 'the driver was reset' });
    await settle();
    let thrown: unknown = null;
    try {
      watch.throwIfFailed();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DeviceFailure);
    expect(deviceFailureKind(thrown)).toBe('device-lost');
    expect((thrown as Error).message).toBe('the GPU device was lost: the driver was reset');
  });
});

const unavailable = softwareGpuUnavailable();
describe.skipIf(unavailable !== null)('a real WebGPU device lost under the webgpu backend', () => {
  useSoftwareGpu();

  it('fails the next check with the reason', async () => {
    await selectBackend('webgpu');
    tf.tidy(() => tf.add(tf.ones([4]), 1)).dispose();
    expect(() => checkActiveDevice()).not.toThrow();
    (tf.backend() as unknown as { device: { destroy(): void } }).device.destroy();
    await expect
      .poll(() => {
        try {
          checkActiveDevice();
          return null;
        } catch (error) {
          return deviceFailureKind(error);
        }
      })
      .toBe('device-lost');
  });
});
