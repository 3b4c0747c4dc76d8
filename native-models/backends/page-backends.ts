// The tfjs backends of a Chromium page: the desktop app's hidden GPU window (and the e2e test's
// page) trains and encodes in a dedicated Worker with these. WebGPU comes from the browser's own
// navigator.gpu (Electron's Node cannot load Dawn); WebGL 2 from an OffscreenCanvas.
//
// As in Node, `auto` passes over a software GPU (SwiftShader, llvmpipe): on the CPU it is far
// slower than the wasm backend of the app's Node worker, to which the app then falls back.
// Naming the backend (`--backend webgpu|webgl`) takes it anyway, which is how tests run here.
// Browser APIs are reached through globalThis, so this also type-checks under Node's settings.
import * as tf from '@tensorflow/tfjs';
import { PAGE_BACKENDS, type BackendCandidate, type PageBackendName } from './backend-interface.js';
import { DeviceFailure } from './device-failures.js';
import { activateTfjsWebGpu, type ActiveWebGpu } from './tfjs-webgpu.js';
import { adapterLine, isSoftwareGpu, type AdapterLike } from './webgpu-adapter.js';

interface PageGpu {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<AdapterLike | null>;
}

interface WebGl2Probe {
  readonly RENDERER: number;
  getExtension(name: string): unknown;
  getParameter(parameter: number): unknown;
}

type OffscreenCanvasConstructor = new (
  width: number,
  height: number,
) => { getContext(kind: 'webgl2'): WebGl2Probe | null };

const browser = globalThis as {
  navigator?: { gpu?: PageGpu };
  OffscreenCanvas?: OffscreenCanvasConstructor;
};

let active: ActiveWebGpu | null = null;

const pageWebGpuBackend: BackendCandidate = {
  name: 'webgpu',
  packageName: '@tensorflow/tfjs-backend-webgpu',
  async activate(explicit = false) {
    const gpu = browser.navigator?.gpu;
    if (!gpu) throw new Error('Chromium offers no WebGPU here (on Linux it needs --enable-unsafe-webgpu and Vulkan)');
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    const missing = 'no WebGPU adapter: Chromium found no GPU (on Linux it needs a Vulkan driver)';
    active = await activateTfjsWebGpu(adapter, explicit, missing);
  },
  checkDevice: () => active?.watch.throwIfFailed(),
  isHardwareGpu: () => active !== null && !active.adapter.software,
  async describeDevice() {
    return `${active ? adapterLine(active.adapter) : 'WebGPU'}, in Chromium`;
  },
};

let rendererInUse = '';

/** The WebGL 2 renderer's own name (e.g. "ANGLE (NVIDIA, …)"), or null when there is no WebGL 2. */
function webGlRenderer(): string | null {
  if (!browser.OffscreenCanvas) return null;
  const gl = new browser.OffscreenCanvas(1, 1).getContext('webgl2');
  if (!gl) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info') as { UNMASKED_RENDERER_WEBGL: number } | null;
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  // Only a probe: tfjs makes its own context, and Chromium caps how many live at once.
  (gl.getExtension('WEBGL_lose_context') as { loseContext(): void } | null)?.loseContext();
  return renderer;
}

const pageWebGlBackend: BackendCandidate = {
  name: 'webgl',
  packageName: null,
  async activate(explicit = false) {
    const renderer = webGlRenderer();
    if (renderer === null) throw new Error('Chromium offers no WebGL 2 here (the GPU is blocked or missing)');
    if (isSoftwareGpu(renderer) && !explicit) {
      throw new Error(`only a software renderer (${renderer}): slower than wasm; --backend webgl uses it`);
    }
    if (!(await tf.setBackend('webgl'))) throw new Error('the webgl backend failed to initialise');
    rendererInUse = renderer;
  },
  checkDevice() {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: { isContextLost(): boolean } } }).gpgpu?.gl;
    if (gl?.isContextLost()) throw new DeviceFailure('device-lost', 'the WebGL context was lost');
  },
  isHardwareGpu: () => rendererInUse !== '' && !isSoftwareGpu(rendererInUse),
  async describeDevice() {
    const software = isSoftwareGpu(rendererInUse) ? ', a software renderer' : '';
    return `WebGL 2: ${rendererInUse}${software}, in Chromium`;
  },
};

const BY_NAME: Record<PageBackendName, BackendCandidate> = { webgpu: pageWebGpuBackend, webgl: pageWebGlBackend };

/** A page's candidates, best first (PAGE_BACKENDS is the one list). */
export const PAGE_CANDIDATES: readonly BackendCandidate[] = PAGE_BACKENDS.map((name) => BY_NAME[name]);
