// tfjs backend selection in Node: one BackendCandidate per backend (WebGPU through Dawn, CUDA
// and native CPU through tfjs-node(-gpu), wasm, plain JS; WebGL only as a clear refusal) and a
// selector that takes the best one present and says why it passed over the others. The CLI's
// `embed --backend` takes its choices from MODEL_BACKENDS (electron/core/api/contract-lists.ts):
// `auto` or one of these by name. A page's backends are page-backends.ts (not exported here).
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
export { webglBackend } from './webgl-backend.js';
export { webgpuBackend } from './webgpu-backend.js';
