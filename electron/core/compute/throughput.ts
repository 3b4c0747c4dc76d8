// Times a repeated step the way the device probes need: the first step is left out (it
// compiles kernels and shaders and allocates; on a GPU it can take seconds), then steps run
// until the probe's time is up, at least one. Each finished step is reported as it ends, so a
// caller that stops a step that runs too long still has what was measured before it: the
// timed steps, or else the first step alone, marked as such.
import type { Throughput } from './device-report.js';

export interface StepTiming {
  /** Seconds the untimed first step took. */
  firstStepSeconds: number;
  /** Timed steps so far, and the seconds they took. */
  steps: number;
  seconds: number;
}

export interface MeasureOptions {
  /** Images each step processes. */
  batch: number;
  /** Keep stepping until this many seconds of timed steps. */
  seconds: number;
  /** After the untimed first step (steps 0) and after each timed one. */
  onStep?: (timing: StepTiming) => void;
  /** Milliseconds; performance.now by default (tests pass a fake clock). */
  now?: () => number;
}

/** The throughput of `step` (one batch of `batch` images a call). */
export async function measureThroughput(step: () => Promise<unknown>, options: MeasureOptions): Promise<Throughput> {
  const now = options.now ?? (() => performance.now());
  const first = now();
  await step();
  const timing: StepTiming = { firstStepSeconds: (now() - first) / 1000, steps: 0, seconds: 0 };
  options.onStep?.({ ...timing });
  const start = now();
  do {
    await step();
    timing.steps++;
    timing.seconds = (now() - start) / 1000;
    options.onStep?.({ ...timing });
  } while (timing.seconds < options.seconds);
  return stoppedThroughput(options.batch, timing, options.seconds);
}

/**
 * What was measured when the probe stopped (its time up, or `limitSeconds` passed): the timed steps; else the first
 * step alone; else no figure, and why.
 */
export function stoppedThroughput(batch: number, timing: StepTiming | null, limitSeconds: number): Throughput {
  if (timing && timing.steps > 0 && timing.seconds > 0) {
    const { steps, seconds } = timing;
    return { imagesPerSecond: (steps * batch) / seconds, batch, steps, seconds, note: null };
  }
  if (timing && timing.firstStepSeconds > 0) {
    const seconds = timing.firstStepSeconds;
    const first = `${seconds.toFixed(1)} s for ${batch} images, set-up included`;
    const note = `from the first step alone (${first}): the next did not finish within ${limitSeconds} s`;
    return { imagesPerSecond: batch / seconds, batch, steps: 1, seconds, note };
  }
  return {
    imagesPerSecond: null,
    batch,
    steps: 0,
    seconds: 0,
    note: `no step of ${batch} images finished within ${limitSeconds} s`,
  };
}
