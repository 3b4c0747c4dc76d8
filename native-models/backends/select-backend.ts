// Picks the tfjs backend: `auto` tries each candidate best first (WebGPU, native CPU, wasm,
// plain JS; CUDA through tfjs-node-gpu only when named) and reports why each better one was
// passed over; a named choice takes only that one and fails with the reason it is missing.
import * as tf from '@tensorflow/tfjs';
import {
  BACKEND_NAMES,
  type BackendCandidate,
  type BackendChoice,
  type SelectedBackend,
  type SkippedBackend,
} from './backend-interface.js';
import { cpuBackend } from './cpu-backend.js';
import { tensorflowBackend, tensorflowGpuBackend } from './native-tensorflow-backend.js';
import { wasmBackend } from './wasm-backend.js';
import { webgpuBackend } from './webgpu-backend.js';

/** Best first. */
export const BACKEND_CANDIDATES: readonly BackendCandidate[] = [
  webgpuBackend,
  tensorflowGpuBackend,
  tensorflowBackend,
  wasmBackend,
  cpuBackend,
];

export class BackendUnavailableError extends Error {
  constructor(
    readonly choice: BackendChoice,
    readonly reasons: SkippedBackend[],
  ) {
    const why = reasons.map((r) => `${r.name}: ${r.reason}`).join('; ');
    const hint =
      choice === 'auto'
        ? ''
        : ` Install ${BACKEND_CANDIDATES.find((c) => c.name === choice)?.packageName ?? 'it'}, or use --backend auto.`;
    super(`backend '${choice}' is not available (${why}).${hint}`);
    this.name = 'BackendUnavailableError';
  }
}

export function isBackendChoice(value: string): value is BackendChoice {
  return value === 'auto' || (BACKEND_NAMES as readonly string[]).includes(value);
}

/** The candidate activated last: the one whose device a training loop asks about. */
let active: BackendCandidate | null = null;

/** Throws the DeviceFailure the active backend's device reported, if any (see BackendCandidate.checkDevice). */
export function checkActiveDevice(): void {
  active?.checkDevice?.();
}

async function tryActivate(candidate: BackendCandidate, explicit: boolean): Promise<string | null> {
  try {
    await candidate.activate(explicit);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Activates `choice` (default 'auto') and makes it tfjs's current backend.
 * `candidates` replaces the built-in list (tests use it to simulate machines).
 */
export async function selectBackend(
  choice: BackendChoice = 'auto',
  candidates: readonly BackendCandidate[] = BACKEND_CANDIDATES,
): Promise<SelectedBackend> {
  if (!isBackendChoice(choice)) {
    throw new Error(`unknown backend '${String(choice)}': use one of auto, ${BACKEND_NAMES.join(', ')}`);
  }
  const tried = choice === 'auto' ? candidates.filter((c) => !c.optIn) : candidates.filter((c) => c.name === choice);
  const skipped: SkippedBackend[] = [];
  for (const candidate of tried) {
    const failure = await tryActivate(candidate, choice !== 'auto');
    if (failure !== null) {
      skipped.push({ name: candidate.name, reason: failure });
      continue;
    }
    await tf.ready();
    active = candidate;
    return {
      name: candidate.name,
      tfjsName: tf.getBackend(),
      device: await candidate.describeDevice(),
      hardwareGpu: candidate.isHardwareGpu?.() ?? false,
      skipped,
    };
  }
  throw new BackendUnavailableError(
    choice,
    skipped.length ? skipped : [{ name: choice as SkippedBackend['name'], reason: 'no such candidate' }],
  );
}
