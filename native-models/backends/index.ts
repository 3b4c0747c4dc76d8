// tfjs backend selection: one BackendCandidate per backend (CUDA and native CPU through
// tfjs-node(-gpu), wasm, plain JS) and a selector that takes the best one present and
// says why it passed over the others. The CLI's `embed --backend` takes its choices from
// MODEL_BACKENDS (electron/core/api/contract-lists.ts): `auto` or one of these by name.
export * from './backend-interface.js';
export {
  BACKEND_CANDIDATES,
  BackendUnavailableError,
  checkActiveDevice,
  isBackendChoice,
  selectBackend,
} from './select-backend.js';
export { cpuBackend } from './cpu-backend.js';
export { tensorflowBackend, tensorflowGpuBackend } from './native-tensorflow-backend.js';
export { wasmBackend } from './wasm-backend.js';
export { webgpuBackend } from './webgpu-backend.js';
