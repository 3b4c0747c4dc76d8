// What `serendip doctor` and Settings > Compute devices show: every tfjs backend and every
// onnxruntime execution provider, whether it runs here (and why not), what it runs on, and
// how many images a second it trains and encodes in a short probe. The shape is the JSON of
// `doctor --json` and of the `computeDevices` API method (its zod twin is in contract.ts), so
// fields are only ever added. Nothing here loads tfjs or onnxruntime: the checks themselves
// run on a worker thread (device-checks.ts), and the renderer imports these types.
import type { BackendName } from '../../../native-models/backends/backend-interface.js';

export const DEVICE_REPORT_VERSION = 1;

/**
 * The probe model: what `embed --method autoencoder` trains by default (a 32-dimensional code) on ingest's default
 * 64-pixel model inputs, for cutouts of three bands.
 */
export const PROBE_MODEL = { kind: 'autoencoder', dim: 32, size: 64, bands: 3 } as const;
export const PROBE_MODEL_NAME = `${PROBE_MODEL.size}×${PROBE_MODEL.size}×${PROBE_MODEL.bands} image autoencoder`;

/**
 * Images per probe step: a training batch small enough that the plain-JavaScript backend finishes a step, and the
 * batch ONNX embedding runs encode with (electron/core/discovery/embeddings/onnx: DEFAULT_ONNX_BATCH).
 */
export const PROBE_BATCHES = { training: 16, encoding: 64 } as const;
export type ProbeWork = keyof typeof PROBE_BATCHES;

export interface ProbeLimits {
  /** Seconds of timed steps per probe. */
  seconds: number;
  /** Seconds a probe may take to finish its untimed first step, set-up included (a GPU compiles its shaders then). */
  warmUpSeconds: number;
}

export const DEFAULT_PROBE_LIMITS: ProbeLimits = { seconds: 2, warmUpSeconds: 6 };

/** One probe: steps of a fixed batch repeated for about `ProbeLimits.seconds`, the first step not timed. */
export interface Throughput {
  /** Images a second over the timed steps; null when no timed step finished within the probe's limit. */
  imagesPerSecond: number | null;
  /** Images per step. */
  batch: number;
  /** Timed steps, and the seconds they took. */
  steps: number;
  seconds: number;
  /** Why there is no figure (e.g. "no step of 16 images finished within 10 s"), else null. */
  note: string | null;
}

/**
 * available: `auto` may take it. named-only: it runs only when named, a slow fallback that `auto` passes over (a
 * software GPU adapter). unavailable: it cannot run here, not even when named.
 */
export const DEVICE_STATUSES = ['available', 'named-only', 'unavailable'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

export interface BackendReport {
  name: BackendName;
  /** The npm package that provides it; null when it ships with tfjs. */
  packageName: string | null;
  /** Why `auto` never tries it (it runs only when named, e.g. tensorflow-gpu), else null. */
  optIn: string | null;
  status: DeviceStatus;
  /** unavailable: why (the backend's own error); named-only: why `auto` passes it over; else null. */
  reason: string | null;
  /** What runs the maths, e.g. "WebGPU: nvidia hopper (NVIDIA H100 80GB HBM3)"; null when unavailable. */
  device: string | null;
  /** Training steps (forward, backward, Adam) of the probe model; null when not probed. */
  training: Throughput | null;
  /** Encoding (the code and the reconstruction error) with the probe model; null when not probed. */
  encoding: Throughput | null;
  /** Why it was not probed (--no-probe, opt-in, only when named, unavailable), else null. */
  notProbed: string | null;
}

export interface ProviderReport {
  /** onnxruntime's name of the execution provider, e.g. cpu, cuda, webgpu. */
  name: string;
  /** True when `auto` tries it on this platform. */
  auto: boolean;
  /** available or unavailable (onnxruntime providers are never held back for being slow). */
  status: Exclude<DeviceStatus, 'named-only'>;
  /** Why it cannot open the probe encoder here, else null. */
  reason: string | null;
  /** onnxruntime's provider in words, e.g. "onnxruntime cpu (16 threads)"; null when unavailable. */
  device: string | null;
  /** Encoding the probe model's encoder, exported to ONNX; null when not probed. */
  encoding: Throughput | null;
  notProbed: string | null;
  /** The accelerator's outputs against the CPU provider's when first used; null until that check is recorded. */
  checkedAgainstCpu?: { maxDifference: number; checkedAt: string } | null;
}

export interface DeviceReport {
  version: typeof DEVICE_REPORT_VERSION;
  /** ISO time the check began. */
  checkedAt: string;
  host: { platform: string; arch: string; cpu: string };
  /** The probe's model, batches and limits; null when the probes were skipped. */
  probe: ({ model: string; batches: { training: number; encoding: number } } & ProbeLimits) | null;
  /** Every tfjs backend, best first. */
  backends: BackendReport[];
  /** onnxruntime-node's version, or null when it does not load. */
  onnxruntime: string | null;
  /** Every onnxruntime execution provider the app knows. */
  providers: ProviderReport[];
  /** The backend `auto` trains with, and the provider `auto` encodes ONNX models with (null: none). */
  training: BackendName | null;
  onnx: string | null;
  /**
   * In the desktop app, which backend its GPU window (where the app trains) would take, and why
   * better ones were passed over; null elsewhere (the command line trains in Node).
   */
  gpuWindow: GpuWindowReport | null;
  /** One line each for people: what training and ONNX encoding will use, and where to look when it is not a GPU. */
  verdict: { training: string; onnx: string };
}

export interface GpuWindowReport {
  selected: { name: BackendName; device: string; hardwareGpu: boolean } | null;
  skipped: { name: BackendName; reason: string }[];
}

export const GPU_HELP = 'see README "Using your GPU"';

/** The backend `auto` takes: the first one it tries (not opt-in) that runs without being named. */
export function autoBackend(backends: readonly BackendReport[]): BackendReport | null {
  return backends.find((b) => !b.optIn && b.status === 'available') ?? null;
}

/** The provider `auto` takes: the first available one it tries. */
export function autoProvider(providers: readonly ProviderReport[]): ProviderReport | null {
  return providers.find((p) => p.auto && p.status === 'available') ?? null;
}

/**
 * "training will use: webgpu (WebGPU: nvidia …)"; when that is not the best backend, why the best was passed over and
 * where to read more, e.g. "training will use: wasm (…); webgpu passed over: no WebGPU adapter …; see README …".
 */
export function trainingVerdict(backends: readonly BackendReport[], gpuWindow: GpuWindowReport | null = null): string {
  if (gpuWindow?.selected) {
    const { name, device } = gpuWindow.selected;
    return `training will use: ${name} (${device}) in the app's GPU window`;
  }
  const passed = gpuWindow?.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
  const window = passed ? `; the app's GPU window passed over ${passed}` : '';
  return nodeTrainingVerdict(backends) + window;
}

function nodeTrainingVerdict(backends: readonly BackendReport[]): string {
  const chosen = autoBackend(backends);
  const best = backends.find((b) => !b.optIn);
  if (!chosen) return `training: no tfjs backend runs here (${backends.map((b) => b.name).join(', ')} all failed)`;
  const uses = `training will use: ${chosen.name} (${chosen.device})`;
  if (!best || best === chosen) return uses;
  return `${uses}; ${best.name} passed over: ${best.reason ?? best.status}; ${GPU_HELP}`;
}

/** "ONNX encoders will use: cpu (onnxruntime cpu (16 threads))", and why a better provider was passed over. */
export function onnxVerdict(providers: readonly ProviderReport[]): string {
  const chosen = autoProvider(providers);
  if (!chosen) return 'ONNX encoders: onnxruntime runs nowhere here';
  const uses = `ONNX encoders will use: ${chosen.name} (${chosen.device})`;
  const passed = providers.filter((p) => p.auto && p !== chosen && providers.indexOf(p) < providers.indexOf(chosen));
  if (passed.length === 0) return uses;
  return `${uses}; passed over ${passed.map((p) => `${p.name}: ${p.reason}`).join('; ')}`;
}

/** The words for a status, shared by `doctor`'s tables and Settings. */
export const DEVICE_STATUS_WORDS: Record<DeviceStatus, string> = {
  available: 'available',
  'named-only': 'only when named',
  unavailable: 'unavailable',
};

/** "2,130", "58", "0.94"; "–" when the probe has no figure, "" when none ran; a "*" when a note qualifies it. */
export function formatImagesPerSecond(throughput: Throughput | null): string {
  if (!throughput) return '';
  const rate = throughput.imagesPerSecond;
  if (rate === null) return '–';
  const figure = rate >= 100 ? Math.round(rate).toLocaleString('en-US') : rate.toPrecision(2);
  return throughput.note ? `${figure}*` : figure;
}

/** What it runs on, or why it does not run; a named-only one says that auto passes it over. */
export function deviceOrReason(entry: Pick<BackendReport, 'status' | 'device' | 'reason'>): string {
  if (entry.status === 'unavailable') return entry.reason ?? 'unavailable';
  return entry.status === 'named-only' ? `${entry.device} — auto passes it over` : (entry.device ?? '');
}

/** A provider's device or reason, and how its outputs compared with the CPU provider's when first used. */
export function providerDeviceOrReason(provider: ProviderReport): string {
  const check = provider.checkedAgainstCpu;
  const versus = check ? `; vs the CPU provider: max |Δ| ${check.maxDifference.toExponential(1)}` : '';
  return deviceOrReason(provider) + (check ? `${versus} (${check.checkedAt.slice(0, 10)})` : '');
}
