// The first-use check of an accelerator: the first time an execution provider other than
// the CPU's runs a model of a given shape on this machine, a small batch goes through it
// and through the CPU provider, and a provider whose outputs disagree is not used. A GPU
// path can be wrong in ways that load and run without an error (a driver's shader
// compiler, reduced-precision maths such as TF32, an op the provider implements
// differently), and wrong vectors would silently change every neighbour and anomaly score.
// The verdict is kept per (provider, onnxruntime version, adapter, model shape) in a store
// the caller supplies (a JSON file in the user-data folder), so it is paid for once.
import type * as ort from 'onnxruntime-node';
import type { OnnxProviderName } from './onnx-provider-names.js';

/**
 * Largest difference allowed, relative to the largest |value| of each output on the CPU.
 * float32 carries about 6e-8 of relative precision; a convolution or dense output sums up to
 * a few thousand products, and another summation order (threads, tiles, fused multiply-add)
 * moves it by about √K·6e-8, under 1e-5 of the output's scale (a correct GPU path measured
 * 1.6e-6). Reduced precision (TF32 about 5e-4, float16 about 1e-3) or a faulty kernel lands
 * above 1e-4, and 1e-4 is also what Serendip promises between its two encoders.
 */
export const CHECK_RELATIVE_TOLERANCE = 1e-4;

/** What a verdict is remembered by. */
export interface ProviderCheckKey {
  provider: OnnxProviderName;
  /** The onnxruntime-node version. */
  onnxruntime: string;
  /** The adapter the provider ran on, in words (WebGPU), or null where it is not known. */
  adapter: string | null;
  /** The model's inputs and outputs with their shapes (modelSignature). */
  model: string;
}

export interface OutputDifference {
  name: string;
  maxAbsDifference: number;
  /** Largest |value| of this output on the CPU provider. */
  scale: number;
}

export interface ProviderCheck extends ProviderCheckKey {
  /** Objects in the batch compared. */
  objects: number;
  outputs: OutputDifference[];
  /** The largest difference over every output, and the largest relative to its output's scale. */
  maxAbsDifference: number;
  relativeDifference: number;
  tolerance: number;
  agrees: boolean;
  /** ISO time of the comparison. */
  checkedAt: string;
}

/** Where verdicts are kept; the caller decides (native-models knows no files of the app's). */
export interface ProviderCheckStore {
  load(): ProviderCheck[];
  save(checks: ProviderCheck[]): void;
}

/** "pixels [N,64,64,3] → embedding [N,16], reconstruction_error [N]": a model's shape, as the checks key it. */
export function modelSignature(session: Pick<ort.InferenceSession, 'inputMetadata' | 'outputMetadata'>): string {
  const one = (m: ort.InferenceSession.ValueMetadata): string =>
    m.isTensor ? `${m.name} [${m.shape.join(',')}]` : `${m.name} (not a tensor)`;
  return `${session.inputMetadata.map(one).join(', ')} → ${session.outputMetadata.map(one).join(', ')}`;
}

function sameKey(a: ProviderCheckKey, b: ProviderCheckKey): boolean {
  return a.provider === b.provider && a.onnxruntime === b.onnxruntime && a.adapter === b.adapter && a.model === b.model;
}

export function findCheck(checks: readonly ProviderCheck[], key: ProviderCheckKey): ProviderCheck | null {
  return checks.find((check) => sameKey(check, key)) ?? null;
}

/** Adds `check` to the store, replacing an older verdict on the same key. */
export function recordCheck(store: ProviderCheckStore, check: ProviderCheck): void {
  store.save([...store.load().filter((c) => !sameKey(c, check)), check]);
}

/** recordCheck that never throws: an unwritable store costs only a repeat of the check next time. */
export function recordCheckQuietly(store: ProviderCheckStore, check: ProviderCheck): void {
  try {
    recordCheck(store, check);
  } catch {
    // Nothing lost but the record.
  }
}

/** Every recorded check, newest first (for `serendip doctor`). */
export function listProviderChecks(store: ProviderCheckStore): ProviderCheck[] {
  return [...store.load()].sort((a, b) => b.checkedAt.localeCompare(a.checkedAt));
}

/** An output's difference relative to its scale (0 where both are 0). */
function relativeOf(o: OutputDifference): number {
  return o.maxAbsDifference === 0 ? 0 : o.maxAbsDifference / Math.max(o.scale, Number.MIN_VALUE);
}

function asNumbers(tensor: ort.Tensor): ArrayLike<number> {
  if (tensor.type !== 'float32' && tensor.type !== 'float64')
    throw new Error(`output is ${tensor.type}; the check compares float32 or float64 outputs`);
  return tensor.data as Float32Array | Float64Array;
}

/** Runs `feeds` through both sessions and compares every output, value by value. */
export async function compareWithCpu(
  key: ProviderCheckKey,
  accelerated: ort.InferenceSession,
  cpu: ort.InferenceSession,
  feeds: Record<string, ort.Tensor>,
  now: Date = new Date(),
): Promise<ProviderCheck> {
  const [mine, reference] = [await accelerated.run(feeds), await cpu.run(feeds)];
  const outputs: OutputDifference[] = [];
  try {
    for (const name of cpu.outputNames) {
      const got = asNumbers(mine[name]);
      const want = asNumbers(reference[name]);
      if (got.length !== want.length)
        throw new Error(`output '${name}' has ${got.length} values on ${key.provider}, ${want.length} on the CPU`);
      let difference = 0;
      let scale = 0;
      for (let i = 0; i < want.length; i++) {
        // NaN on either side counts as an infinite difference.
        const d = Math.abs(got[i] - want[i]);
        difference = Math.max(difference, Number.isNaN(d) ? Infinity : d);
        scale = Math.max(scale, Math.abs(want[i]));
      }
      outputs.push({ name, maxAbsDifference: difference, scale });
    }
  } finally {
    for (const tensor of [...Object.values(mine), ...Object.values(reference)]) tensor.dispose();
  }
  const relativeDifference = Math.max(0, ...outputs.map(relativeOf));
  const firstDim = Object.values(feeds)[0]?.dims[0];
  return {
    ...key,
    objects: typeof firstDim === 'number' ? firstDim : 0,
    outputs,
    maxAbsDifference: Math.max(0, ...outputs.map((o) => o.maxAbsDifference)),
    relativeDifference,
    tolerance: CHECK_RELATIVE_TOLERANCE,
    agrees: relativeDifference <= CHECK_RELATIVE_TOLERANCE,
    checkedAt: now.toISOString(),
  };
}

/** Why a provider that disagreed is not used, in one line. */
export function disagreement(check: ProviderCheck): string {
  const worst = check.outputs.reduce((a, b) => (relativeOf(b) > relativeOf(a) ? b : a));
  return (
    `its outputs disagree with the CPU provider's (checked ${check.checkedAt.slice(0, 10)}: ` +
    `max |Δ| ${worst.maxAbsDifference.toExponential(1)} on '${worst.name}' of scale ${worst.scale.toPrecision(2)}, ` +
    `more than ${check.tolerance} of it)`
  );
}
