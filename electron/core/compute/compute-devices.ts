// Builds the device report (device-report.ts) for `serendip doctor` and the `computeDevices`
// API method. Every check runs on a worker thread (device-checks.ts): each tfjs backend on a
// fresh one, so one backend's state (Dawn, a native library, tfjs's current backend) never
// colours the next; onnxruntime on another. A probe that outlasts its limit has its thread
// ended, so the whole report takes a bounded time however slow a device is. This module loads
// none of the heavy packages itself.
import { BACKEND_NAMES } from '../../../native-models/backends/backend-interface.js';
import { cpuModel } from '../../../native-models/backends/cpu-model.js';
import type { Progress } from '../api/contract.js';
import { openWorkerPool, workerScript, type WorkerPool } from '../util/worker-pool.js';
import { serviceOnFirstTask } from '../util/worker-tasks.js';
import type {
  BackendCheck,
  DeviceTask,
  DeviceTaskEvent,
  DeviceTaskResult,
  DeviceTaskResults,
  OnnxSetup,
  ProviderCheck,
} from './device-checks.js';
import {
  DEFAULT_PROBE_LIMITS,
  DEVICE_REPORT_VERSION,
  PROBE_BATCHES,
  PROBE_MODEL_NAME,
  autoBackend,
  autoProvider,
  onnxVerdict,
  trainingVerdict,
  type BackendReport,
  type DeviceReport,
  type ProbeLimits,
  type GpuWindowReport,
  type ProviderReport,
} from './device-report.js';
import { stoppedThroughput, type StepTiming } from './throughput.js';
import { providerCheckFile } from '../discovery/embeddings/onnx/provider-check-file.js';
import { probeModelTaskPage } from '../discovery/embeddings/learned/model-task-runner.js';
import { listProviderChecks, type ProviderCheckStore } from '../../../native-models/onnx/provider-check.js';

export type DevicePool = WorkerPool<DeviceTask, DeviceTaskResult, DeviceTaskEvent>;

export interface CheckDevicesOptions {
  /** Time training and encoding on each device (default true). */
  probe?: boolean;
  limits?: ProbeLimits;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Opens the pool for one group of checks; default a fresh worker thread (tests simulate devices in-process). */
  openPool?: () => DevicePool;
  /** The desktop app's GPU window, asked which backend it would train with (default: the registered one, if any). */
  probeGpuWindow?: () => Promise<GpuWindowReport | null>;
  /** Where the accelerators' first-use checks are kept; default the user-data file. */
  providerChecks?: ProviderCheckStore;
}

export const PROBES_SKIPPED = 'probes skipped';

function openDevicePool(): DevicePool {
  return openWorkerPool<DeviceTask, DeviceTaskResult, DeviceTaskEvent>({
    name: 'device check',
    script: workerScript(import.meta.url, 'device-worker'),
    threads: 1,
    inProcess: () => serviceOnFirstTask(async () => (await import('./device-checks.js')).createDeviceCheckService()),
  });
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** How long loading a backend or onnxruntime may take (CUDA's libraries take seconds) before it is given up. */
export const CHECK_LIMIT_SECONDS = 30;

/** Runs a check; one that does not finish within CHECK_LIMIT_SECONDS fails with that as its reason. */
async function runCheck<T extends DeviceTask>(
  pool: DevicePool,
  task: T,
  signal: AbortSignal | undefined,
): Promise<DeviceTaskResults[T['type']]> {
  const deadline = AbortSignal.timeout(CHECK_LIMIT_SECONDS * 1000);
  try {
    const result = await pool.run(task, { signal: signal ? AbortSignal.any([signal, deadline]) : deadline });
    return result as DeviceTaskResults[T['type']];
  } catch (error) {
    if (deadline.aborted && !signal?.aborted)
      throw new Error(`it did not finish within ${CHECK_LIMIT_SECONDS} s`, { cause: error });
    throw error;
  }
}

interface LimitedRun<R> {
  /** Null when the task was stopped at its limit. */
  result: R | null;
  /** The last step reported, and the provider line, before it was stopped. */
  timing: StepTiming | null;
  opened: string | null;
  /** The limit that stopped it, in seconds. */
  limitSeconds: number;
}

/**
 * Runs a probe task, ending its thread when its first step (set-up included) outlasts `warmUpSeconds` or its timed
 * steps run past twice their time. The user's `signal` still cancels the whole check.
 */
async function runLimited<T extends DeviceTask>(
  pool: DevicePool,
  task: T,
  limits: ProbeLimits,
  signal: AbortSignal | undefined,
): Promise<LimitedRun<DeviceTaskResults[T['type']]>> {
  const stop = new AbortController();
  let limitSeconds = limits.warmUpSeconds;
  let timer = setTimeout(() => stop.abort(new Error('probe limit')), limitSeconds * 1000);
  let timing: StepTiming | null = null;
  let opened: string | null = null;
  const onEvent = (event: DeviceTaskEvent): void => {
    if (event.type === 'opened') {
      opened = event.device;
      return;
    }
    if (event.timing.steps === 0) {
      clearTimeout(timer);
      limitSeconds = 2 * limits.seconds;
      timer = setTimeout(() => stop.abort(new Error('probe limit')), limitSeconds * 1000);
    }
    timing = event.timing;
  };
  try {
    const result = await pool.run(task, {
      signal: signal ? AbortSignal.any([signal, stop.signal]) : stop.signal,
      onEvent,
    });
    return { result: result as DeviceTaskResults[T['type']], timing, opened, limitSeconds };
  } catch (error) {
    if (signal?.aborted || !stop.signal.aborted) throw error;
    return { result: null, timing, opened, limitSeconds };
  } finally {
    clearTimeout(timer);
  }
}

function backendNotProbed(check: BackendCheck, probe: boolean): string | null {
  if (check.status === 'unavailable') return 'unavailable';
  if (check.optIn) return 'opt-in: auto never uses it';
  if (check.status === 'named-only') return 'auto passes it over';
  return probe ? null : PROBES_SKIPPED;
}

/** Devices checked, for the progress bar; the total grows once onnxruntime says how many providers it has. */
function progressCounter(onProgress: CheckDevicesOptions['onProgress'], total: number) {
  let done = 0;
  return {
    start: (stage: string) => onProgress?.({ stage: `check devices: ${stage}`, done, total }),
    finish: () => void done++,
    grow: (more: number) => void (total += more),
  };
}

async function checkBackends(
  options: CheckDevicesOptions,
  probe: boolean,
  limits: ProbeLimits,
  progress: ReturnType<typeof progressCounter>,
): Promise<BackendReport[]> {
  const openPool = options.openPool ?? openDevicePool;
  const reports: BackendReport[] = [];
  for (const name of BACKEND_NAMES) {
    options.signal?.throwIfAborted();
    const pool = openPool();
    try {
      progress.start(name);
      let check: BackendCheck;
      try {
        check = await runCheck(pool, { type: 'backend', name }, options.signal);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        const reason = `its check failed: ${message(error)}`;
        check = { name, packageName: null, optIn: null, status: 'unavailable', reason, device: null };
      }
      const report: BackendReport = { ...check, training: null, encoding: null, notProbed: null };
      report.notProbed = backendNotProbed(check, probe);
      for (const work of report.notProbed === null ? (['encoding', 'training'] as const) : []) {
        // Training costs about three encodings an image (forward, backward, update): where encoding did not finish a
        // step in time, training would not either, and timing it would only add its limit to the wait.
        if (work === 'training' && report.encoding?.imagesPerSecond === null) {
          const note = 'not timed: encoding was already too slow, and training costs more an image';
          report.training = { ...stoppedThroughput(PROBE_BATCHES.training, null, 0), note };
          continue;
        }
        progress.start(`${name} ${work}`);
        const task = { type: 'backend-probe', name, explicit: false, work, seconds: limits.seconds } as const;
        const probed = await runLimited(pool, task, limits, options.signal);
        report[work] = probed.result ?? stoppedThroughput(PROBE_BATCHES[work], probed.timing, probed.limitSeconds);
      }
      reports.push(report);
      progress.finish();
    } finally {
      await pool.close();
    }
  }
  return reports;
}

async function checkProviders(
  options: CheckDevicesOptions,
  probe: boolean,
  limits: ProbeLimits,
  progress: ReturnType<typeof progressCounter>,
): Promise<{ version: string | null; providers: ProviderReport[]; failure: string | null }> {
  const pool = (options.openPool ?? openDevicePool)();
  try {
    progress.start('onnxruntime');
    let setup: OnnxSetup;
    try {
      setup = await runCheck(pool, { type: 'onnx-setup' }, options.signal);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      return { version: null, providers: [], failure: message(error) };
    }
    progress.finish();
    progress.grow(setup.providers.length);
    const providers: ProviderReport[] = [];
    const checkedAgainstCpu = lastCheckAgainstCpu(options.providerChecks ?? providerCheckFile(), setup.version);
    for (const { name, auto } of setup.providers) {
      progress.start(`onnxruntime ${name}`);
      const task = { type: 'provider', name, model: setup.model, seconds: probe ? limits.seconds : null } as const;
      const checked = await runLimited(pool, task, limits, options.signal);
      const check: ProviderCheck = checked.result ?? {
        status: checked.opened ? 'available' : 'unavailable',
        reason: checked.opened ? null : `it did not open the probe model within ${checked.limitSeconds} s`,
        device: checked.opened,
        encoding: checked.opened
          ? stoppedThroughput(PROBE_BATCHES.encoding, checked.timing, checked.limitSeconds)
          : null,
      };
      const notProbed = check.status === 'unavailable' ? 'unavailable' : probe ? null : PROBES_SKIPPED;
      providers.push({ name, auto, ...check, notProbed, checkedAgainstCpu: checkedAgainstCpu(name) });
      progress.finish();
    }
    return { version: setup.version, providers, failure: null };
  } finally {
    await pool.close();
  }
}

/** Checks every tfjs backend and onnxruntime provider here and, unless `probe` is false, times them. */
export async function checkComputeDevices(options: CheckDevicesOptions = {}): Promise<DeviceReport> {
  const probe = options.probe ?? true;
  const limits = options.limits ?? DEFAULT_PROBE_LIMITS;
  const checkedAt = new Date().toISOString();
  const progress = progressCounter(options.onProgress, BACKEND_NAMES.length + 1);
  const backends = await checkBackends(options, probe, limits, progress);
  const onnx = await checkProviders(options, probe, limits, progress);
  const gpuWindow = await (options.probeGpuWindow ?? probeModelTaskPage)().catch((error: unknown): GpuWindowReport => ({
    selected: null,
    skipped: [{ name: 'webgpu', reason: error instanceof Error ? error.message : String(error) }],
  }));
  return {
    version: DEVICE_REPORT_VERSION,
    checkedAt,
    host: { platform: process.platform, arch: process.arch, cpu: cpuModel() },
    probe: probe ? { model: PROBE_MODEL_NAME, batches: { ...PROBE_BATCHES }, ...limits } : null,
    backends,
    onnxruntime: onnx.version,
    providers: onnx.providers,
    training: autoBackend(backends)?.name ?? null,
    onnx: autoProvider(onnx.providers)?.name ?? null,
    gpuWindow,
    verdict: {
      training: trainingVerdict(backends, gpuWindow),
      onnx: onnx.failure
        ? `ONNX encoders: onnxruntime-node does not load here: ${onnx.failure}`
        : onnxVerdict(onnx.providers),
    },
  };
}

/**
 * The latest first-use check of each accelerator against the CPU provider on this machine and
 * onnxruntime version (kept in the user-data folder when a run first used it), by provider.
 */
function lastCheckAgainstCpu(
  store: ProviderCheckStore,
  version: string,
): (name: string) => ProviderReport['checkedAgainstCpu'] {
  const checks = listProviderChecks(store).filter((check) => check.onnxruntime === version);
  return (name) => {
    const latest = checks.find((check) => check.provider === name);
    return latest ? { maxDifference: latest.maxAbsDifference, checkedAt: latest.checkedAt } : null;
  };
}
