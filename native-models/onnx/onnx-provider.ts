// Picks onnxruntime-node's execution provider the way backends/ picks the tfjs backend:
// `auto` tries the platform's accelerators in order (onnx-provider-names.ts: CUDA, DirectML
// or CoreML, then WebGPU) where this build of onnxruntime-node has them and their session
// loads, then the CPU provider with one intra-op thread per core, saying why each better one
// was passed over. A named provider is tried alone and fails with its reason.
//
// The WebGPU adapter is learned from Dawn (webgpu-adapter.ts) and named in the description;
// `auto` passes over a software one (SwiftShader, llvmpipe), far slower than the CPU
// provider, and `--provider webgpu` still takes it. Where a caller gives a check store, an
// accelerator's first use is checked against the CPU provider (provider-check.ts).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { AdapterDescription } from '../backends/webgpu-adapter.js';
import {
  ONNX_PROVIDERS,
  providerCandidates,
  type OnnxProviderChoice,
  type OnnxProviderName,
} from './onnx-provider-names.js';
import {
  compareWithCpu,
  disagreement,
  findCheck,
  modelSignature,
  recordCheckQuietly,
  type ProviderCheck,
  type ProviderCheckStore,
} from './provider-check.js';
import { probeWebGpu, webgpuRefusal } from './webgpu-adapter.js';

/** The onnxruntime-node version, recorded with each run. */
export const ONNXRUNTIME_VERSION: string = ort.env.versions.node ?? ort.env.versions.common;

export interface SkippedProvider {
  name: OnnxProviderName;
  reason: string;
}

export interface OpenedSession {
  session: ort.InferenceSession;
  provider: OnnxProviderName;
  /** Intra-op threads asked of the CPU provider (null on an accelerator). */
  threads: number | null;
  /** The WebGPU adapter in words (Dawn's probe of it), when the provider is webgpu and one was found. */
  adapter: string | null;
  /** The comparison with the CPU provider this accelerator passed (now or on an earlier use), if checked. */
  check: ProviderCheck | null;
  /** Better providers passed over, with why. */
  skipped: SkippedProvider[];
}

/** One provider as onnxruntime-node lists it: `bundled` false needs files the user installs (CUDA). */
export interface ListedProvider {
  name: string;
  bundled: boolean;
}

export interface FirstUseCheck {
  store: ProviderCheckStore;
  /** A small batch (a few objects) for the session's inputs. */
  feeds: (session: ort.InferenceSession) => Record<string, ort.Tensor> | Promise<Record<string, ort.Tensor>>;
}

export interface OpenSessionOptions {
  /** CPU intra-op threads; default one per core. */
  threads?: number;
  platform?: NodeJS.Platform;
  /** Check an accelerator against the CPU provider on its first use with this model's shape. */
  check?: FirstUseCheck;
  /** Replace the runtime's provider list and session factory (tests simulate machines). */
  supported?: () => ListedProvider[];
  create?: (model: string | Uint8Array, options: ort.InferenceSession.SessionOptions) => Promise<ort.InferenceSession>;
  /** Whether an unbundled provider's library was installed; default: looked for beside the binding. */
  installed?: (name: OnnxProviderName) => boolean;
  /** The WebGPU adapter; default Dawn's probe. */
  adapter?: () => Promise<AdapterDescription | null>;
}

export { ONNX_PROVIDERS, providerCandidates };
export type { OnnxProviderChoice, OnnxProviderName };

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

/** A provider's shared library beside onnxruntime-node's binding (how its installer adds CUDA and TensorRT). */
function libraryInstalled(name: OnnxProviderName): boolean {
  const binding = join(
    dirname(createRequire(import.meta.url).resolve('onnxruntime-node')),
    '..',
    'bin',
    'napi-v6',
    process.platform,
    process.arch,
  );
  const file =
    process.platform === 'win32'
      ? `onnxruntime_providers_${name}.dll`
      : `libonnxruntime_providers_${name}.${process.platform === 'darwin' ? 'dylib' : 'so'}`;
  return existsSync(join(binding, file));
}

/** Why an unbundled provider is passed over, and how to add it. */
function notInstalled(name: OnnxProviderName): string {
  return name === 'cuda'
    ? 'not installed (ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node adds it)'
    : 'not installed';
}

/** The first line of onnxruntime's message, without the source location of its check. */
function reasonOf(error: unknown): string {
  const line = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return /\bwas false\.\s*(.+)$/.exec(line)?.[1] ?? line;
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

/** Each provider this build lists, and whether it is bundled. */
function listedProviders(options: Pick<OpenSessionOptions, 'supported'>): Map<string, boolean> {
  return new Map((options.supported ?? ort.listSupportedBackends)().map((p) => [p.name, p.bundled]));
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
  const listed = listedProviders(options);
  const installed = options.installed ?? libraryInstalled;
  const create =
    options.create ??
    ((m, o) => (typeof m === 'string' ? ort.InferenceSession.create(m, o) : ort.InferenceSession.create(m, o)));
  const threads = options.threads ?? availableParallelism();
  const tried: OnnxProviderName[] =
    choice === 'auto' ? providerCandidates(options.platform ?? process.platform) : [choice];
  const skipped: SkippedProvider[] = [];
  for (const name of tried) {
    if (name !== 'cpu' && !listed.has(name)) {
      skipped.push({ name, reason: 'not in this onnxruntime-node build' });
      continue;
    }
    if (name !== 'cpu' && listed.get(name) === false && !installed(name)) {
      skipped.push({ name, reason: notInstalled(name) });
      continue;
    }
    let adapter: string | null = null;
    if (name === 'webgpu') {
      const probed = await probeWebGpu(options.adapter);
      const refusal = choice === 'auto' ? webgpuRefusal(probed) : null;
      if (refusal) {
        skipped.push({ name, reason: refusal });
        continue;
      }
      adapter = probed.adapter && probed.line(probed.adapter);
    }
    let session: ort.InferenceSession;
    try {
      session = await create(model, sessionOptions(name, threads));
    } catch (error) {
      // The CPU provider always exists: its failure is the model's.
      if (name === 'cpu') throw new Error(`onnxruntime could not load the model: ${reasonOf(error)}`, { cause: error });
      skipped.push({ name, reason: reasonOf(error) });
      continue;
    }
    let check: ProviderCheck | null = null;
    if (name !== 'cpu' && options.check) {
      let refusal: string | null;
      try {
        check = await checkOnFirstUse(model, session, { name, adapter, threads, create }, options.check);
        refusal = check.agrees ? null : disagreement(check);
      } catch (error) {
        // A model the CPU provider cannot run either fails there, with its own reason.
        refusal = `its first run failed: ${reasonOf(error)}`;
      }
      if (refusal) {
        await session.release();
        skipped.push({ name, reason: refusal });
        continue;
      }
    }
    return { session, provider: name, threads: name === 'cpu' ? threads : null, adapter, check, skipped };
  }
  throw new ProviderUnavailableError(choice, skipped);
}

interface Accelerator {
  name: OnnxProviderName;
  adapter: string | null;
  threads: number;
  create: NonNullable<OpenSessionOptions['create']>;
}

/** The recorded verdict on this accelerator and model shape, or a fresh comparison with the CPU provider (recorded). */
async function checkOnFirstUse(
  model: string | Uint8Array,
  session: ort.InferenceSession,
  accelerator: Accelerator,
  check: FirstUseCheck,
): Promise<ProviderCheck> {
  const key = {
    provider: accelerator.name,
    onnxruntime: ONNXRUNTIME_VERSION,
    adapter: accelerator.adapter,
    model: modelSignature(session),
  };
  const recorded = findCheck(check.store.load(), key);
  if (recorded) return recorded;
  const cpu = await accelerator.create(model, sessionOptions('cpu', accelerator.threads));
  let verdict: ProviderCheck;
  try {
    verdict = await compareWithCpu(key, session, cpu, await check.feeds(session));
  } finally {
    await cpu.release();
  }
  recordCheckQuietly(check.store, verdict);
  return verdict;
}

/** One line for the user: the provider (and its adapter) and why better ones were passed over. */
export function describeProvider(
  opened: Pick<OpenedSession, 'provider' | 'threads' | 'skipped'> & Partial<Pick<OpenedSession, 'adapter' | 'check'>>,
): string {
  const on = opened.adapter ? ` on ${opened.adapter}` : '';
  const what = opened.provider === 'cpu' ? `cpu (${opened.threads} threads)` : `${opened.provider}${on}`;
  const checked = opened.check
    ? `, agrees with the CPU provider (max |Δ| ${opened.check.maxAbsDifference.toExponential(1)})`
    : '';
  const passed = opened.skipped.length
    ? `; passed over ${opened.skipped.map((s) => `${s.name} (${s.reason})`).join(', ')}`
    : '';
  return `onnxruntime ${what}${checked}${passed}`;
}
