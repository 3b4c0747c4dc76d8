// The page's backends (the desktop app's GPU window), judged on known adapter and renderer
// descriptions with stand-ins for navigator.gpu and OffscreenCanvas: auto passes over software
// GPUs with the reason, a page without WebGPU or WebGL says so, and the page's candidates are
// PAGE_BACKENDS, in order. Their numbers are checked in Chromium (test/e2e/gpu-window-training).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BackendUnavailableError, PAGE_BACKENDS } from '../../../../native-models/backends/backend-interface.js';
import { selectBackendFrom } from '../../../../native-models/backends/backend-selection.js';
import { PAGE_CANDIDATES } from '../../../../native-models/backends/page-backends.js';
import { describeAdapter, isSoftwareGpu } from '../../../../native-models/backends/webgpu-adapter.js';

const SWIFTSHADER_WEBGL =
  'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const NVIDIA_WEBGL = 'ANGLE (NVIDIA, NVIDIA GeForce RTX 4070 (0x00002786) Direct3D11 vs_5_0 ps_5_0, D3D11)';

/** Chromium's GPU as the page sees it: one WebGPU adapter (or none) and one WebGL 2 renderer (or none). */
function stubPage(adapter: object | null, renderer: string | null): void {
  vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => adapter } });
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      getContext() {
        if (renderer === null) return null;
        return {
          RENDERER: 0x1f01,
          getExtension: (name: string) =>
            name === 'WEBGL_debug_renderer_info' ? { UNMASKED_RENDERER_WEBGL: 0x9246 } : null,
          getParameter: (parameter: number) => (parameter === 0x9246 ? renderer : 'WebKit WebGL'),
        };
      }
    },
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('the GPU descriptions', () => {
  it("know SwiftShader and llvmpipe from real GPUs, WebGL's renderer strings included", () => {
    expect(isSoftwareGpu(SWIFTSHADER_WEBGL)).toBe(true);
    expect(isSoftwareGpu('ANGLE (Mesa, llvmpipe (LLVM 15.0.6 256 bits), OpenGL 4.5)')).toBe(true);
    expect(isSoftwareGpu(NVIDIA_WEBGL)).toBe(false);
    expect(isSoftwareGpu('ANGLE (Apple, ANGLE Metal Renderer: Apple M2, Unspecified Version)')).toBe(false);
  });

  it("take Chromium's fallback flag, now on the adapter's info", () => {
    expect(
      describeAdapter({ info: { vendor: 'intel', architecture: 'gen-12lp', isFallbackAdapter: true } }).software,
    ).toBe(true);
    expect(
      describeAdapter({ info: { vendor: 'intel', architecture: 'gen-12lp', isFallbackAdapter: false } }).software,
    ).toBe(false);
  });
});

describe("a page's backends", () => {
  it('are the page backends, best first', () => {
    expect(PAGE_CANDIDATES.map((c) => c.name)).toEqual([...PAGE_BACKENDS]);
    expect(PAGE_CANDIDATES.some((c) => c.optIn)).toBe(false);
  });

  it('auto passes over a software WebGPU adapter and a software WebGL renderer, saying why', async () => {
    stubPage(
      { info: { vendor: 'google', architecture: 'swiftshader', description: 'SwiftShader driver' } },
      SWIFTSHADER_WEBGL,
    );
    const attempt = selectBackendFrom('auto', PAGE_CANDIDATES);
    await expect(attempt).rejects.toBeInstanceOf(BackendUnavailableError);
    const error = (await attempt.catch((e: unknown) => e)) as BackendUnavailableError;
    expect(error.reasons).toEqual([
      {
        name: 'webgpu',
        reason:
          'only a software adapter (WebGPU: google swiftshader (SwiftShader driver), a software adapter): ' +
          'slower than wasm; --backend webgpu uses it',
      },
      {
        name: 'webgl',
        reason: `only a software renderer (${SWIFTSHADER_WEBGL}): slower than wasm; --backend webgl uses it`,
      },
    ]);
  });

  it('say so when Chromium offers no WebGPU adapter and no WebGL 2', async () => {
    stubPage(null, null);
    const error = (await selectBackendFrom('auto', PAGE_CANDIDATES).catch(
      (e: unknown) => e,
    )) as BackendUnavailableError;
    expect(error.reasons.map((r) => r.reason)).toEqual([
      'no WebGPU adapter: Chromium found no GPU (on Linux it needs a Vulkan driver)',
      'Chromium offers no WebGL 2 here (the GPU is blocked or missing)',
    ]);
  });

  it('say so when the page has no navigator.gpu at all', async () => {
    vi.stubGlobal('navigator', {});
    const error = (await selectBackendFrom('webgpu', PAGE_CANDIDATES).catch(
      (e: unknown) => e,
    )) as BackendUnavailableError;
    expect(error.reasons).toEqual([
      {
        name: 'webgpu',
        reason: 'Chromium offers no WebGPU here (on Linux it needs --enable-unsafe-webgpu and Vulkan)',
      },
    ]);
  });
});
