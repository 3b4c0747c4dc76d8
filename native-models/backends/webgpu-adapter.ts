// What a GPU says of itself, in words, and whether it is a software one: pure functions over
// a WebGPU adapter's info (Dawn's in Node, Chromium's in a page) or a WebGL renderer string.
// No tfjs and no Dawn here, so a page bundles it without dragging Node's WebGPU along.

/** What the adapter says of itself; the fields a driver fills in vary. */
export interface AdapterDescription {
  vendor: string;
  architecture: string;
  description: string;
  /** True for an adapter that runs on the CPU. */
  software: boolean;
}

/** The parts of a GPUAdapter read here. */
export interface AdapterLike {
  readonly info?: {
    vendor?: string;
    architecture?: string;
    description?: string;
    device?: string;
    isFallbackAdapter?: boolean;
  };
  readonly isFallbackAdapter?: boolean;
}

const SOFTWARE_GPUS = /swiftshader|llvmpipe|lavapipe|softpipe|warp|microsoft basic render|\bcpu\b/i;

/** True when a GPU's self-description names a renderer that runs on the CPU. */
export function isSoftwareGpu(text: string): boolean {
  return SOFTWARE_GPUS.test(text);
}

export function describeAdapter(adapter: AdapterLike): AdapterDescription {
  const info = adapter.info ?? {};
  const vendor = info.vendor || 'unknown vendor';
  const architecture = info.architecture || info.device || 'unknown architecture';
  const description = info.description || '';
  const fallback = adapter.isFallbackAdapter === true || info.isFallbackAdapter === true;
  const software = fallback || isSoftwareGpu(`${vendor} ${architecture} ${description}`);
  return { vendor, architecture, description, software };
}

/** "WebGPU: nvidia ada (NVIDIA GeForce RTX 4070)": the adapter line runs and progress show. */
export function adapterLine(adapter: AdapterDescription): string {
  const detail = adapter.description ? ` (${adapter.description})` : '';
  return `WebGPU: ${adapter.vendor} ${adapter.architecture}${detail}${adapter.software ? ', a software adapter' : ''}`;
}
