// The map the app shows: the newest map run of each modality, side by side. Images and spectra
// have their own embeddings (and UMAP layouts in unrelated coordinates), so the spectra's map is
// placed to the right of the images', centred on the same height, instead of overlapping it.
// Scores come the same way: each modality's newest score run, placed on its own rows.
import type { Db } from '../workspace/database.js';
import { latestDoneRun, type RunRow } from '../workspace/repositories/runs-repo.js';
import type { RunArray } from '../discovery/run-arrays.js';
import { MODALITIES } from './contract-lists.js';
import { finiteExtent } from '../util/order-statistics.js';

export interface MapLayout {
  /** The map runs shown, joined with '+' (changes whenever one of them does). */
  runId: string;
  ids: Float64Array;
  x: Float32Array;
  y: Float32Array;
}

/** The newest done run of `kind` for each modality that has one, images first. */
export function newestRunPerModality(db: Db, kind: 'map' | 'score'): RunRow[] {
  const runs = MODALITIES.map((m) => latestDoneRun(db, kind, m)).filter((r): r is RunRow => r !== undefined);
  // Runs recorded with no modality (older workspaces) are the images'.
  const legacy = latestDoneRun(db, kind);
  return runs.length === 0 && legacy ? [legacy] : runs;
}

/** Gap between two modalities' maps, as a fraction of the width of what lies to its left. */
const GAP = 0.15;

/** [min, max] of values[from..to), [0, 0] for no values. */
function extent(values: Float32Array, from: number, to: number): [number, number] {
  const { min, max } = finiteExtent(values, from, to);
  return Number.isNaN(min) ? [0, 0] : [min, max];
}

/** Map runs' N×2 arrays laid out side by side, in the order given. */
export function combineMaps(runIds: string[], maps: RunArray[]): MapLayout {
  const n = maps.reduce((sum, m) => sum + m.rows, 0);
  const ids = new Float64Array(n);
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  let at = 0;
  for (const map of maps) {
    for (let i = 0; i < map.rows; i++) {
      ids[at + i] = map.ids[i];
      x[at + i] = map.data[2 * i];
      y[at + i] = map.data[2 * i + 1];
    }
    if (at > 0) {
      const [leftLo, leftHi] = extent(x, 0, at);
      const [leftBottom, leftTop] = extent(y, 0, at);
      const [lo] = extent(x, at, at + map.rows);
      const [bottom, top] = extent(y, at, at + map.rows);
      const dx = leftHi + Math.max(GAP * (leftHi - leftLo), 1) - lo;
      const dy = (leftBottom + leftTop) / 2 - (bottom + top) / 2;
      for (let i = at; i < at + map.rows; i++) {
        x[i] += dx;
        y[i] += dy;
      }
    }
    at += map.rows;
  }
  return { runId: runIds.join('+'), ids, x, y };
}
