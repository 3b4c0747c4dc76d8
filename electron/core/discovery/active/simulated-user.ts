// A stand-in for an astronomer at the queue, to measure rankings against known answers: it
// looks at the policy's best unlabelled row, labels it with the truth (interesting where
// the row is a known anomaly, not interesting elsewhere), lets the policy re-rank, and
// repeats. The count of anomalies found in the first N looks is what a discovery queue is for.
import type { LabelledRow } from './labelled-row.js';

/** Given everything labelled so far, the unlabelled rows best first (a prefix is enough). */
export type RankingPolicy = (labelled: readonly LabelledRow[]) => Int32Array;

export interface SimulationOptions {
  /** Objects the user looks at. */
  looks: number;
  /** Re-rank after this many looks (1 = after every label, as the UI does). Default 1. */
  rerankEvery?: number;
}

export interface SimulationResult {
  /** Rows in the order they were looked at. */
  looked: Int32Array;
  /** Anomalies found within the first i + 1 looks. */
  foundAfter: Int32Array;
  /** Anomalies found in all the looks. */
  found: number;
}

export function simulateUser(
  isAnomaly: ArrayLike<number | boolean>,
  policy: RankingPolicy,
  options: SimulationOptions,
): SimulationResult {
  const count = isAnomaly.length;
  const looks = Math.min(options.looks, count);
  const rerankEvery = options.rerankEvery ?? 1;
  if (!Number.isInteger(looks) || looks < 0)
    throw new RangeError(`looks must be a non-negative integer, got ${options.looks}`);
  if (!Number.isInteger(rerankEvery) || rerankEvery < 1)
    throw new RangeError(`rerankEvery must be a positive integer, got ${rerankEvery}`);

  const labelled: LabelledRow[] = [];
  const seen = new Uint8Array(count);
  const looked = new Int32Array(looks);
  const foundAfter = new Int32Array(looks);
  let found = 0;
  let queue: Int32Array = new Int32Array(0);
  let cursor = 0;
  for (let look = 0; look < looks; look++) {
    if (look % rerankEvery === 0) {
      queue = policy(labelled);
      cursor = 0;
    }
    // The policy should leave labelled rows out; skipping them here keeps a sloppy one honest.
    while (cursor < queue.length && seen[queue[cursor]]) cursor++;
    if (cursor >= queue.length) throw new Error(`the ranking policy ran out of unlabelled rows after ${look} looks`);
    const row = queue[cursor++];
    seen[row] = 1;
    const interesting = Boolean(isAnomaly[row]);
    if (interesting) found++;
    labelled.push({ row, target: interesting ? 1 : 0 });
    looked[look] = row;
    foundAfter[look] = found;
  }
  return { looked, foundAfter, found };
}
