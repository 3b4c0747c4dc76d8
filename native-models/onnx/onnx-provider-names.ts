// The onnxruntime execution providers Serendip knows, and the order `auto` tries them in on
// each platform: the one list. It imports nothing (not even Node's types), so the API
// contract and the renderer's menus take their choices from it without loading onnxruntime.

export const ONNX_PROVIDERS = ['auto', 'cuda', 'coreml', 'dml', 'webgpu', 'cpu'] as const;
export type OnnxProviderChoice = (typeof ONNX_PROVIDERS)[number];
export type OnnxProviderName = Exclude<OnnxProviderChoice, 'auto'>;

/**
 * The accelerators `auto` tries on each platform, best first; the CPU provider always comes
 * last. The vendor's own provider leads (CUDA only where the user installed it: it is not
 * bundled); WebGPU (bundled, Dawn over Vulkan, D3D12 or Metal) reaches any other GPU.
 */
export const ACCELERATORS: Readonly<Record<string, readonly OnnxProviderName[]>> = {
  linux: ['cuda', 'webgpu'],
  win32: ['dml', 'webgpu'],
  darwin: ['coreml', 'webgpu'],
};

/** What `auto` tries on `platform` (a Node platform name), in order. */
export function providerCandidates(platform: string): OnnxProviderName[] {
  return [...(ACCELERATORS[platform] ?? []), 'cpu'];
}
