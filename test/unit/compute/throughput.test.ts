// The probes' timing with a fake clock: the first step is left out, steps run until the time
// is up, and a probe stopped at its limit keeps what it measured, or says why it has nothing.
import { describe, expect, it } from 'vitest';
import { measureThroughput, stoppedThroughput, type StepTiming } from '../../../electron/core/compute/throughput.js';

/** A step that moves the fake clock: the first call by `firstMs`, each later one by `stepMs`. */
function fakeSteps(firstMs: number, stepMs: number) {
  let clock = 0;
  let calls = 0;
  return {
    now: () => clock,
    step: async () => {
      clock += calls++ === 0 ? firstMs : stepMs;
    },
    calls: () => calls,
  };
}

describe('measureThroughput', () => {
  it('leaves the first step out and times steps until the time is up', async () => {
    const fake = fakeSteps(3000, 250);
    const seen: StepTiming[] = [];
    const result = await measureThroughput(fake.step, {
      batch: 16,
      seconds: 1,
      now: fake.now,
      onStep: (t) => seen.push(t),
    });
    // Four timed steps of 0.25 s: 64 images in 1 s.
    expect(result).toEqual({ imagesPerSecond: 64, batch: 16, steps: 4, seconds: 1, note: null });
    expect(fake.calls()).toBe(5);
    expect(seen.map((t) => t.steps)).toEqual([0, 1, 2, 3, 4]);
    expect(seen.every((t) => t.firstStepSeconds === 3)).toBe(true);
  });

  it('takes at least one timed step, however long', async () => {
    const fake = fakeSteps(100, 4000);
    const result = await measureThroughput(fake.step, { batch: 64, seconds: 2, now: fake.now });
    expect(result).toEqual({ imagesPerSecond: 16, batch: 64, steps: 1, seconds: 4, note: null });
  });
});

describe('stoppedThroughput', () => {
  it('keeps the timed steps that finished before the limit', () => {
    expect(stoppedThroughput(16, { firstStepSeconds: 2, steps: 3, seconds: 1.5 }, 4)).toEqual({
      imagesPerSecond: 32,
      batch: 16,
      steps: 3,
      seconds: 1.5,
      note: null,
    });
  });

  it('falls back to the first step alone, and says so', () => {
    const result = stoppedThroughput(64, { firstStepSeconds: 5, steps: 0, seconds: 0 }, 4);
    expect(result.imagesPerSecond).toBeCloseTo(12.8, 12);
    expect(result.steps).toBe(1);
    expect(result.note).toBe(
      'from the first step alone (5.0 s for 64 images, set-up included): the next did not finish within 4 s',
    );
  });

  it('has no figure when not even the first step finished', () => {
    expect(stoppedThroughput(16, null, 6)).toEqual({
      imagesPerSecond: null,
      batch: 16,
      steps: 0,
      seconds: 0,
      note: 'no step of 16 images finished within 6 s',
    });
  });
});
