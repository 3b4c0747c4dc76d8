// The simulated user counts what a policy finds: an oracle finds every anomaly first, a
// policy that learns from the labels beats one that ignores them, and re-ranking happens
// exactly as often as asked.
import { describe, it, expect } from 'vitest';
import { simulateUser } from '../../../../electron/core/discovery/active/simulated-user.js';
import type { LabelledRow } from '../../../../electron/core/discovery/active/labelled-row.js';

const isAnomaly = Uint8Array.from([0, 1, 0, 0, 1, 0, 0, 1, 0, 0]);

function unlabelled(order: number[], labelled: readonly LabelledRow[]): Int32Array {
  const done = new Set(labelled.map((l) => l.row));
  return Int32Array.from(order.filter((r) => !done.has(r)));
}

describe('simulateUser', () => {
  it('finds every anomaly first under an oracle, none under its reverse', () => {
    const oracle = [1, 4, 7, 0, 2, 3, 5, 6, 8, 9];
    const found = simulateUser(isAnomaly, (l) => unlabelled(oracle, l), { looks: 5 });
    expect(Array.from(found.foundAfter)).toEqual([1, 2, 3, 3, 3]);
    expect(Array.from(found.looked)).toEqual([1, 4, 7, 0, 2]);
    expect(simulateUser(isAnomaly, (l) => unlabelled([...oracle].reverse(), l), { looks: 5 }).found).toBe(0);
  });

  it('hands the policy the truth as targets, so a learning policy can use it', () => {
    // Looks at rows in order, but jumps three ahead after each anomaly (anomalies come every three rows).
    const policy = (labelled: readonly LabelledRow[]): Int32Array => {
      const last = labelled.at(-1);
      const start = last ? (last.target === 1 ? last.row + 3 : last.row + 1) : 0;
      return Int32Array.from({ length: 10 - start }, (_, i) => start + i);
    };
    expect(Array.from(simulateUser(isAnomaly, policy, { looks: 4 }).looked)).toEqual([0, 1, 4, 7]);
  });

  it('re-ranks every `rerankEvery` looks', () => {
    let calls = 0;
    const policy = (l: readonly LabelledRow[]): Int32Array => {
      calls++;
      return unlabelled([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], l);
    };
    simulateUser(isAnomaly, policy, { looks: 7, rerankEvery: 3 });
    expect(calls).toBe(3);
  });

  it('stops with an error when the policy runs dry', () => {
    expect(() => simulateUser(isAnomaly, () => Int32Array.from([0]), { looks: 2 })).toThrow(/ran out/);
  });
});
