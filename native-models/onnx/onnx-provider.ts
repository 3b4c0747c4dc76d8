// Picks onnxruntime-node's execution provider the way backends/ picks the tfjs backend:
// `auto` tries the platform's accelerator first (CUDA on Linux, CoreML on macOS, DirectML on
// Windows) where this build of onnxruntime-node lists it and its session actually loads,
// then the CPU provider with one intra-op thread per core; it says why each better one was
// passed over. A named provider is tried alone and fails with its reason.
import { availableParallelism } from 'node:os';
import * as ort from 'onnxruntime-node';

/** The onnxruntime-node version, recorded with each run. */
export const ONNXRUNTIME_VERSION: string = ort.env.versions.node ?? ort.env.versions.common;

export const ONNX_PROVIDERS = ['auto', 'cuda', 'coreml', 'dml', 'cpu'] as const;
export type OnnxProviderChoice = (typeof ONNX_PROVIDERS)[number];
export type OnnxProviderName = Exclude<OnnxProviderChoice, 'auto'>;

/** The accelerator each platform can have, best first; the CPU provider always comes last. */
const ACCELERATORS: Partial<Record<NodeJS.Platform, OnnxProviderName[]>> = {
  linux: ['cuda'],
  darwin: ['coreml'],
  win32: ['dml'],
};

export function providerCandidates(platform: NodeJS.Platform = process.platform): OnnxProviderName[] {
  return [...(ACCELERATORS[platform] ?? []), 'cpu'];
}

export interface SkippedProvider {
  name: OnnxProviderName;
  reason: string;
}

export interface OpenedSession {
  session: ort.InferenceSession;
  provider: OnnxProviderName;
  /** Intra-op threads asked of the CPU provider (null on an accelerator). */
  threads: number | null;
  /** Better providers passed over, with why. */
  skipped: SkippedProvider[];
}

export interface OpenSessionOptions {
  /** CPU intra-op threads; default one per core. */
  threads?: number;
  platform?: NodeJS.Platform;
  /** Replace the runtime's provider list and session factory (tests simulate machines). */
  supported?: () => string[];
  create?: (model: string | Uint8Array, options: ort.InferenceSession.SessionOptions) => Promise<ort.InferenceSession>;
}

let quietened = false;
/**
 * A provider whose library is missing makes onnxruntime log an error before it throws; the
 * thrown message is reported as the reason it was skipped, so the log line is only noise.
 * Done once, before the runtime initialises, and only when nobody chose a level.
 */
function quietRuntimeLog(): void {
  if (quietened) return;
  quietened = true;
  if (ort.env.logLevel === undefined || ort.env.logLevel === 'warning') ort.env.logLevel = 'fatal';
}

function sessionOptions(provider: OnnxProviderName, threads: number): ort.InferenceSession.SessionOptions {
  const common: ort.InferenceSession.SessionOptions = { graphOptimizationLevel: 'all' };
  return provider === 'cpu'
    ? { ...common, executionProviders: ['cpu'], intraOpNumThreads: threads }
    : { ...common, executionProviders: [provider] };
}

export class ProviderUnavailableError extends Error {
  constructor(
    readonly choice: OnnxProviderChoice,
    readonly reasons: SkippedProvider[],
  ) {
    super(
      `onnxruntime provider '${choice}' is not available (${reasons.map((r) => `${r.name}: ${r.reason}`).join('; ')})`,
    );
    this.name = 'ProviderUnavailableError';
  }
}

/** Opens `model` (a file path or its bytes) on the provider `choice` resolves to. */
export async function openSession(
  model: string | Uint8Array,
  choice: OnnxProviderChoice = 'auto',
  options: OpenSessionOptions = {},
): Promise<OpenedSession> {
  if (!(ONNX_PROVIDERS as readonly string[]).includes(choice))
    throw new Error(`unknown onnxruntime provider '${String(choice)}': use one of ${ONNX_PROVIDERS.join(', ')}`);
  quietRuntimeLog();
  const supported = new Set((options.supported ?? (() => ort.listSupportedBackends().map((b) => b.name)))());
  const create =
    options.create ??
    ((m, o) => (typeof m === 'string' ? ort.InferenceSession.create(m, o) : ort.InferenceSession.create(m, o)));
  const threads = options.threads ?? availableParallelism();
  const tried: OnnxProviderName[] = choice === 'auto' ? providerCandidates(options.platform) : [choice];
  const skipped: SkippedProvider[] = [];
  for (const name of tried) {
    if (name !== 'cpu' && !supported.has(name)) {
      skipped.push({ name, reason: 'not in this onnxruntime-node build' });
      continue;
    }
    try {
      const session = await create(model, sessionOptions(name, threads));
      return { session, provider: name, threads: name === 'cpu' ? threads : null, skipped };
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      // The CPU provider always exists: its failure is the model's.
      if (name === 'cpu') throw new Error(`onnxruntime could not load the model: ${reason}`, { cause: error });
      skipped.push({ name, reason });
    }
  }
  throw new ProviderUnavailableError(choice, skipped);
}

/** One line for the user: the provider and why better ones were passed over. */
export function describeProvider(opened: Pick<OpenedSession, 'provider' | 'threads' | 'skipped'>): string {
  const what = opened.provider === 'cpu' ? `cpu (${opened.threads} threads)` : opened.provider;
  const passed = opened.skipped.length
    ? `; passed over ${opened.skipped.map((s) => `${s.name} (${s.reason})`).join(', ')}`
    : '';
  return `onnxruntime ${what}${passed}`;
}
