// Where a learned run's per-object stability under augmentations (view-stability.ts) is kept: a
// one-column run array beside the embedding, `<run>.stability.npy` (+ `.ids.npy`), written with the
// embedding before the run is marked done. Apart from view-stability.ts, which a page bundles.
import { loadRunArrayIfPresent, type RunArray } from '../../run-arrays.js';

/** The name of the stability's run array beside embedding run `runId` (run-arrays.ts adds `.npy`). */
export function stabilityName(runId: string): string {
  return `${runId}.stability`;
}

/** The stability saved beside embedding run `runId` in `folder`, or null (a run that is not learned, or older). */
export function loadStability(folder: string, runId: string): RunArray | null {
  return loadRunArrayIfPresent(folder, stabilityName(runId));
}
