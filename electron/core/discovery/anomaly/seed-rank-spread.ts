// How much an object's isolation-forest rank owes to the forest's seed: `rank` scores the embedding
// with a few more forests grown from other seeds and keeps, per object, the best and the worst rank
// it got across all of them (the saved forest's included). An outlier far from everything stays
// first whatever the seed; an object on a cluster's edge is isolated early by some forests and
// late by others, so its interval is wide. Stored beside the iforest score run as a run array of
// two columns, best and worst (`<run>.seeds.npy`), and exported as `rank_seed_min`/`rank_seed_max`.
import type { VectorSet } from '../vectors.js';
import { loadRunArrayIfPresent, type RunArray } from '../run-arrays.js';
import { scoreRanks } from '../../util/score-numbers.js';
import { IsolationForest } from './isolation-forest.js';
import { rankSpread } from './rank-spread.js';

/** Forests grown besides the saved one, each from its own seed. */
export const EXTRA_SEED_FORESTS = 4;

/** The seeds of the extra forests: the ones after the saved forest's. */
export function extraSeeds(seed: number, count = EXTRA_SEED_FORESTS): number[] {
  return Array.from({ length: count }, (_, k) => seed + 1 + k);
}

/** Scores of `vectors` by one forest per seed (each as `trees` trees), after each forest `onForest(done, total)`. */
export function scoreWithSeeds(
  vectors: VectorSet,
  seeds: readonly number[],
  options: { trees?: number; onForest?: (done: number, total: number) => void } = {},
): Float64Array[] {
  return seeds.map((seed, k) => {
    const scores = IsolationForest.fit(vectors, { seed, trees: options.trees }).score(vectors);
    options.onForest?.(k + 1, seeds.length);
    return scores;
  });
}

/**
 * Per row, [best, worst] rank across the forests' scores, as a rows × 2 array. Each forest's scores are ranked as
 * saved (float32) and as the export ranks them (score-numbers.ts), so the saved forest's own rank lies inside.
 */
export function seedRankSpread(scoresByForest: readonly Float64Array[], rows: number): Float32Array {
  const { best, worst } = rankSpread(
    scoresByForest.map((scores) => scoreRanks(Float32Array.from(scores))),
    rows,
  );
  const spread = new Float32Array(rows * 2);
  for (let r = 0; r < rows; r++) {
    spread[2 * r] = best[r] ?? NaN;
    spread[2 * r + 1] = worst[r] ?? NaN;
  }
  return spread;
}

/** The name of the seed spread's run array beside score run `scoreRunId` (run-arrays.ts adds `.npy`). */
export function seedSpreadName(scoreRunId: string): string {
  return `${scoreRunId}.seeds`;
}

/** The seed spread saved beside `scoreRunId` in `folder`, or null for a run without one (older, imported, fitted). */
export function loadSeedSpread(folder: string, scoreRunId: string): RunArray | null {
  return loadRunArrayIfPresent(folder, seedSpreadName(scoreRunId));
}
