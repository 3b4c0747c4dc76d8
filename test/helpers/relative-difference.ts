// How far a backend's numbers are from the reference's: the largest absolute difference over
// the reference's largest magnitude, so one tolerance (1e-4) fits tensors of any scale.
import { expect } from 'vitest';

export function relativeDifference(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let scale = 1e-12;
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
  }
  return worst / scale;
}
