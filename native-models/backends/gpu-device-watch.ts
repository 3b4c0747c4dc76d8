// Watches the WebGPU device a backend computes on. WebGPU reports a lost device (a driver
// reset, a sleeping laptop, another process taking the GPU) and an allocation that failed
// out of band, through `device.lost` and 'uncapturederror' events, while the step that hit
// them carries on with invalid buffers and yields garbage or NaN. The watch keeps the first
// such report so the training loop can fail with the real reason (device-failures.ts) and
// the run can halve its batch or be resumed, instead of reporting a diverged loss.
import { DeviceFailure } from './device-failures.js';

interface GpuErrorLike {
  readonly message: string;
}

/** The parts of a GPUDevice the watch uses (Dawn's and a browser's alike). */
export interface WatchableDevice {
  readonly lost: Promise<{ reason?: string; message?: string }>;
  addEventListener?(type: 'uncapturederror', listener: (event: { error: GpuErrorLike }) => void): void;
}

export class GpuDeviceWatch {
  private failure: DeviceFailure | null = null;

  constructor(device: WatchableDevice) {
    void device.lost.then((info) => {
      // Even 'destroyed': nothing destroys the device while training still asks about it.
      this.failure ??= new DeviceFailure('device-lost', info.message || info.reason || 'no reason given');
    });
    device.addEventListener?.('uncapturederror', ({ error }) => {
      const outOfMemory = error.constructor.name === 'GPUOutOfMemoryError' || /out of memory/i.test(error.message);
      if (outOfMemory) this.failure ??= new DeviceFailure('out-of-memory', error.message);
    });
  }

  /** Throws the first failure the device reported, if any. */
  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
