// The device checks themselves, as tasks for a worker thread (device-worker.ts): activate one
// tfjs backend the way `auto` and `--backend` would and say what it runs on; time the probe
// model's training or encoding on it; export the probe model's encoder to ONNX and open it on
// one onnxruntime provider, timing its encoding. They load tfjs, Dawn and onnxruntime, so
// they run off the thread that answers the user, which can stop a probe that runs too long
// by ending its thread (compute-devices.ts).
import { isMainThread } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import {
  BACKEND_CANDIDATES,
  selectBackend,
  type BackendCandidate,
  type BackendName,
} from '../../../native-models/backends/index.js';
import { tryActivate } from '../../../native-models/backends/backend-selection.js';
import { LearnedModel } from '../../../native-models/learned-model.js';
import type { LearnedModelConfig } from '../../../native-models/model-config.js';
import {
  ONNXRUNTIME_VERSION,
  ONNX_PROVIDERS,
  OnnxEncoder,
  ProviderUnavailableError,
  describeProvider,
  providerCandidates,
  tfjsEncoderToOnnx,
  type OnnxProviderName,
} from '../../../native-models/onnx/index.js';
import { SeededRandom } from '../discovery/seeded-random.js';
import type { TaskContext, TaskService } from '../util/worker-tasks.js';
import { PROBE_BATCHES, PROBE_MODEL, type BackendReport, type ProbeWork, type Throughput } from './device-report.js';
import { measureThroughput, type StepTiming } from './throughput.js';

/** A backend's report before its probes. */
export type BackendCheck = Omit<BackendReport, 'training' | 'encoding' | 'notProbed'>;

export interface OnnxSetup {
  version: string;
  /** The probe model's encoder as ONNX bytes. */
  model: Uint8Array;
  /** Every provider, those `auto` tries first and in its order. */
  providers: { name: OnnxProviderName; auto: boolean }[];
}

export interface ProviderCheck {
  status: 'available' | 'unavailable';
  reason: string | null;
  device: string | null;
  encoding: Throughput | null;
}

export type DeviceTask =
  | { type: 'backend'; name: BackendName }
  | { type: 'backend-probe'; name: BackendName; explicit: boolean; work: ProbeWork; seconds: number }
  | { type: 'onnx-setup' }
  | { type: 'provider'; name: OnnxProviderName; model: Uint8Array; seconds: number | null };

/** What each kind of task resolves to. */
export interface DeviceTaskResults {
  backend: BackendCheck;
  'backend-probe': Throughput;
  'onnx-setup': OnnxSetup;
  provider: ProviderCheck;
}
export type DeviceTaskResult = DeviceTaskResults[keyof DeviceTaskResults];

export type DeviceTaskEvent =
  | { type: 'step'; timing: StepTiming }
  /** A provider opened the probe model (sent before its probe, in case the probe is stopped). */
  | { type: 'opened'; device: string };

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0];

async function activationFailure(candidate: BackendCandidate, explicit: boolean): Promise<string | null> {
  const failure = await tryActivate(candidate, explicit);
  return failure === null ? null : message(failure);
}

/**
 * How `candidate` fares here: available to `auto`; only when named (it refuses `auto`, e.g. a software GPU adapter,
 * but runs when named); or unavailable, with its own reason. An opt-in backend is checked as when named.
 */
export async function checkCandidate(candidate: BackendCandidate): Promise<BackendCheck> {
  const described = async (status: BackendCheck['status'], reason: string | null): Promise<BackendCheck> => ({
    name: candidate.name,
    packageName: candidate.packageName,
    optIn: candidate.optIn ?? null,
    status,
    reason,
    device: status === 'unavailable' ? null : await candidate.describeDevice(),
  });
  const asAuto = candidate.optIn ? null : await activationFailure(candidate, false);
  if (!candidate.optIn && asAuto === null) return described('available', null);
  const asNamed = await activationFailure(candidate, true);
  if (asNamed !== null) return described('unavailable', asNamed);
  return described(candidate.optIn ? 'available' : 'named-only', asAuto);
}

function candidateNamed(name: BackendName, candidates: readonly BackendCandidate[]): BackendCandidate {
  const candidate = candidates.find((c) => c.name === name);
  if (!candidate) throw new Error(`no tfjs backend named ${name}`);
  return candidate;
}

const PROBE_CONFIG: LearnedModelConfig = {
  kind: PROBE_MODEL.kind,
  dim: PROBE_MODEL.dim,
  seed: 0,
  // The rate does not change how long a step takes; this is the learned runs' rate.
  learningRate: 1e-3,
  modality: 'image',
  geometry: { size: PROBE_MODEL.size, bands: PROBE_MODEL.bands },
};

/** `count` seeded images of the probe model's shape, with the spread of asinh-stretched model inputs. */
export function probeImages(count: number): Float32Array {
  const random = new SeededRandom(count);
  const values = new Float32Array(count * PROBE_MODEL.size * PROBE_MODEL.size * PROBE_MODEL.bands);
  for (let i = 0; i < values.length; i++) values[i] = 2 * random.nextFloat() - 1;
  return values;
}

/** Times training or encoding of the probe model on the backend `name` (activated here: the thread may be fresh). */
export async function probeBackend(
  candidate: BackendCandidate,
  work: ProbeWork,
  options: { explicit: boolean; seconds: number; onStep?: (timing: StepTiming) => void },
): Promise<Throughput> {
  await candidate.activate(options.explicit);
  await tf.ready();
  const batch = PROBE_BATCHES[work];
  const model = new LearnedModel(PROBE_CONFIG);
  const images = probeImages(batch);
  const random = new SeededRandom(1);
  try {
    const step = work === 'training' ? () => model.trainStep(images, batch, random) : () => model.encode(images, batch);
    return await measureThroughput(step, { batch, seconds: options.seconds, onStep: options.onStep });
  } finally {
    model.dispose();
  }
}

/** The probe model's encoder as ONNX, and the providers to try it on. */
async function onnxSetup(): Promise<OnnxSetup> {
  // Reading weights needs a tfjs backend: the bundled wasm one starts fast everywhere.
  await selectBackend('wasm');
  const model = new LearnedModel(PROBE_CONFIG);
  let bytes: Uint8Array;
  try {
    bytes = tfjsEncoderToOnnx(model.encoder);
  } finally {
    model.dispose();
  }
  const tried = providerCandidates(process.platform);
  const others = ONNX_PROVIDERS.filter((p): p is OnnxProviderName => p !== 'auto' && !tried.includes(p));
  return {
    version: ONNXRUNTIME_VERSION,
    model: bytes,
    providers: [...tried.map((name) => ({ name, auto: true })), ...others.map((name) => ({ name, auto: false }))],
  };
}

/** Opens the probe encoder on provider `name` alone; times its encoding when `seconds` is given. */
export async function checkProvider(
  name: OnnxProviderName,
  model: Uint8Array,
  options: { seconds: number | null; onOpened?: (device: string) => void; onStep?: (timing: StepTiming) => void },
): Promise<ProviderCheck> {
  let encoder: OnnxEncoder;
  try {
    encoder = await OnnxEncoder.open(model, { bands: PROBE_MODEL.bands, storedSize: PROBE_MODEL.size, provider: name });
  } catch (error) {
    const reason =
      error instanceof ProviderUnavailableError ? error.reasons.map((r) => r.reason).join('; ') : message(error);
    return { status: 'unavailable', reason, device: null, encoding: null };
  }
  try {
    const device = describeProvider({ provider: encoder.provider, threads: encoder.threads, skipped: [] });
    options.onOpened?.(device);
    if (options.seconds === null) return { status: 'available', reason: null, device, encoding: null };
    const batch = PROBE_BATCHES.encoding;
    const images = probeImages(batch);
    const encoding = await measureThroughput(() => encoder.encode(images, batch), {
      batch,
      seconds: options.seconds,
      onStep: options.onStep,
    });
    return { status: 'available', reason: null, device, encoding };
  } finally {
    await encoder.dispose();
  }
}

async function perform(
  task: DeviceTask,
  context: TaskContext<DeviceTaskEvent>,
  candidates: readonly BackendCandidate[],
): Promise<DeviceTaskResult> {
  const onStep = (timing: StepTiming) => context.emit({ type: 'step', timing });
  switch (task.type) {
    case 'backend':
      return checkCandidate(candidateNamed(task.name, candidates));
    case 'backend-probe':
      return probeBackend(candidateNamed(task.name, candidates), task.work, { ...task, onStep });
    case 'onnx-setup':
      return onnxSetup();
    case 'provider':
      return checkProvider(task.name, task.model, {
        seconds: task.seconds,
        onOpened: (device) => context.emit({ type: 'opened', device }),
        onStep,
      });
  }
}

/** The checks' service for one thread; `candidates` replaces the tfjs backends (tests simulate machines). */
export function createDeviceCheckService(
  candidates: readonly BackendCandidate[] = BACKEND_CANDIDATES,
): TaskService<DeviceTask, DeviceTaskResult, DeviceTaskEvent> {
  // tfjs's notices (the plain-JavaScript backend's "install tfjs-node" banner) would land in the report's
  // output; the report says the same. Only on the checks' own thread, not the app's.
  if (!isMainThread) tf.enableProdMode();
  return { perform: (task, context) => perform(task, context, candidates) };
}
