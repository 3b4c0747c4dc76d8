// The one interface every tfjs backend candidate implements, what selecting one returns, and
// the error when none can be. The CLI's `--backend` takes a BackendChoice; the run stores
// SelectedBackend.name and .device. No tfjs here: the app's main process and a page import it.

/**
 * Serendip's names for the tfjs backends, best first. WebGL comes second: on a real GPU it
 * outruns every CPU backend, yet it lacks WebGPU's compute shaders (every op is a render
 * pass over textures). It exists only in a Chromium page, so Node never tries it.
 */
export const BACKEND_NAMES = ['webgpu', 'webgl', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];
export type BackendChoice = 'auto' | BackendName;

/** The backends whose maths always run on the CPU (the others run on a GPU, or on a software stand-in for one). */
export const CPU_BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const satisfies readonly BackendName[];

/**
 * The backends of a Chromium page (the desktop app's hidden GPU window), best first. Electron's
 * Node cannot load Dawn, and Node has no WebGL, so in the app these run only there.
 */
export const PAGE_BACKENDS = ['webgpu', 'webgl'] as const satisfies readonly BackendName[];
export type PageBackendName = (typeof PAGE_BACKENDS)[number];

export interface BackendCandidate {
  readonly name: BackendName;
  /** The npm package that provides it; null when it ships with @tensorflow/tfjs. */
  readonly packageName: string | null;
  /** Why `auto` never tries it (it is used only when named), or absent when auto may. */
  readonly optIn?: string;
  /**
   * Loads the backend and makes it tfjs's current one. Throws with a one-line reason
   * (package absent, native library failed to load, no CUDA device, no GPU adapter) when it
   * cannot. `explicit`: the user named this backend, so a slow fallback (a software GPU) is
   * acceptable where `auto` would pass it over.
   */
  activate(explicit?: boolean): Promise<void>;
  /**
   * Throws a DeviceFailure when the device under the active backend reported one (lost, out of
   * memory) since activation; the training loop asks between steps. Absent: nothing to watch.
   */
  checkDevice?(): void;
  /** True once activated on a hardware GPU (not a software adapter): training sizes grow there. */
  isHardwareGpu?(): boolean;
  /** Says what runs the maths once activated, e.g. "WebAssembly, SIMD, 1 thread, on <cpu model>". */
  describeDevice(): Promise<string>;
}

export interface SkippedBackend {
  name: BackendName;
  reason: string;
}

export interface SelectedBackend {
  name: BackendName;
  /** tfjs's own name of the active backend (tf.getBackend()): 'webgpu', 'tensorflow', 'wasm' or 'cpu'. */
  tfjsName: string;
  device: string;
  /** The maths run on a hardware GPU (training-sizes.ts gives it larger defaults). */
  hardwareGpu: boolean;
  /** Better backends that were tried first, each with why it was passed over; empty when forced. */
  skipped: SkippedBackend[];
}

/** One line for stderr, e.g. "backend wasm: WebAssembly (…) (skipped tensorflow: package … not installed)". */
export function describeSelection(selected: SelectedBackend): string {
  const skipped = selected.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
  return `backend ${selected.name}: ${selected.device}${skipped ? ` (skipped ${skipped})` : ''}`;
}

export function isBackendChoice(value: string): value is BackendChoice {
  return value === 'auto' || (BACKEND_NAMES as readonly string[]).includes(value);
}

export class BackendUnavailableError extends Error {
  /** `packageName`: the package that provides the named backend, for the hint; null when none does. */
  constructor(
    readonly choice: BackendChoice,
    readonly reasons: SkippedBackend[],
    packageName: string | null = null,
  ) {
    const why = reasons.map((r) => `${r.name}: ${r.reason}`).join('; ');
    const hint =
      choice === 'auto' ? '' : packageName ? ` Install ${packageName}, or use --backend auto.` : ' Use --backend auto.';
    super(`backend '${choice}' is not available (${why}).${hint}`);
    this.name = 'BackendUnavailableError';
  }
}
