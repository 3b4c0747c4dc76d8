// Picks the tfjs backend in Node: WebGPU (Dawn), native CPU, wasm, plain JS; CUDA through
// tfjs-node-gpu and WebGL (a page's backend) only when named. The rule itself is
// backend-selection.ts, which a Chromium page applies to its own candidates.
import type { BackendCandidate, BackendChoice, SelectedBackend } from './backend-interface.js';
import { selectBackendFrom } from './backend-selection.js';
import { cpuBackend } from './cpu-backend.js';
import { tensorflowBackend, tensorflowGpuBackend } from './native-tensorflow-backend.js';
import { wasmBackend } from './wasm-backend.js';
import { webglBackend } from './webgl-backend.js';
import { webgpuBackend } from './webgpu-backend.js';

export { BackendUnavailableError, isBackendChoice } from './backend-interface.js';
export { checkActiveDevice } from './backend-selection.js';

/** Node's candidates, in BACKEND_NAMES order. */
export const BACKEND_CANDIDATES: readonly BackendCandidate[] = [
  webgpuBackend,
  webglBackend,
  tensorflowGpuBackend,
  tensorflowBackend,
  wasmBackend,
  cpuBackend,
];

/**
 * Activates `choice` (default 'auto') and makes it tfjs's current backend.
 * `candidates` replaces the built-in list (tests use it to simulate machines).
 */
export function selectBackend(
  choice: BackendChoice = 'auto',
  candidates: readonly BackendCandidate[] = BACKEND_CANDIDATES,
): Promise<SelectedBackend> {
  return selectBackendFrom(choice, candidates);
}
