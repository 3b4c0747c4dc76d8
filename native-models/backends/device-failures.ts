// The two ways a GPU stops a training run that a retry can cure: it runs out of memory (a
// smaller batch may fit) or the device is lost (a driver reset, a sleeping laptop, another
// process taking the GPU; a resume from the last checkpoint carries on). They are told apart
// by message, because an error that crossed a worker thread or a window keeps only that;
// each backend words them its own way, so the patterns cover WebGPU (Dawn and Chromium),
// WebGL and libtensorflow.

export type DeviceFailureKind = 'out-of-memory' | 'device-lost';

const PATTERNS: Record<DeviceFailureKind, RegExp> = {
  'out-of-memory': /out of memory|outofmemory|\bOOM\b|CUDA_ERROR_OUT_OF_MEMORY|failed to allocate|allocation failed/i,
  'device-lost': /device (?:was |is |has been )?lost|devicelost|context (?:was )?lost|CONTEXT_LOST|DEVICE_REMOVED/i,
};

/** An error thrown where the backend itself reported the failure, so its kind is known without guessing. */
export class DeviceFailure extends Error {
  constructor(
    readonly kind: DeviceFailureKind,
    reason: string,
  ) {
    super(`${kind === 'out-of-memory' ? 'the GPU ran out of memory' : 'the GPU device was lost'}: ${reason}`);
    this.name = 'DeviceFailure';
  }
}

export function deviceFailureKind(error: unknown): DeviceFailureKind | null {
  if (error instanceof DeviceFailure) return error.kind;
  const message = error instanceof Error ? error.message : String(error);
  for (const kind of Object.keys(PATTERNS) as DeviceFailureKind[]) if (PATTERNS[kind].test(message)) return kind;
  return null;
}
