// Robust per-column standardisation of a feature matrix: (x − median) / (IQR / 1.349), which
// is (x − mean) / σ for Gaussian columns but is not dragged by the outliers an anomaly search
// is looking for. Columns with no spread between the quartiles (rare flags) fall back to their
// standard deviation, and constant columns to 1. Results are clipped to ±clip and always finite.
import { selectKth } from '../../../util/order-statistics.js';

/** IQR / 1.349 estimates σ for Gaussian data. */
const IQR_TO_SIGMA = 1.349;
/** Quantiles come from at most this many evenly spaced rows: exact enough, and O(1) memory in N. */
const MAX_STATISTIC_ROWS = 262_144;
export const DEFAULT_CLIP = 10;

export interface ColumnScaling {
  centre: Float64Array;
  scale: Float64Array;
}

/** Median and robust scale of each column of a rows × cols row-major matrix (non-finite values ignored). */
export function robustColumnScaling(matrix: Float32Array, rows: number, cols: number): ColumnScaling {
  const step = Math.max(1, Math.ceil(rows / MAX_STATISTIC_ROWS));
  const column = new Float32Array(Math.ceil(rows / step));
  const centre = new Float64Array(cols);
  const scale = new Float64Array(cols);
  for (let c = 0; c < cols; c++) {
    let n = 0;
    let sum = 0;
    let squares = 0;
    for (let r = 0; r < rows; r += step) {
      const v = matrix[r * cols + c];
      if (!Number.isFinite(v)) continue;
      column[n++] = v;
      sum += v;
      squares += v * v;
    }
    if (n === 0) {
      scale[c] = 1;
      continue;
    }
    const lower = quantileInPlace(column, n, 0.25);
    const median = quantileInPlace(column, n, 0.5);
    const upper = quantileInPlace(column, n, 0.75);
    const mean = sum / n;
    const deviation = Math.sqrt(Math.max(0, squares / n - mean * mean));
    const tiny = 1e-9 * Math.max(1, Math.abs(median));
    centre[c] = median;
    scale[c] = upper - lower > tiny ? (upper - lower) / IQR_TO_SIGMA : deviation > tiny ? deviation : 1;
  }
  return { centre, scale };
}

/** The q-quantile of values[0..n) by linear interpolation between order statistics; reorders them. */
function quantileInPlace(values: Float32Array, n: number, q: number): number {
  const position = q * (n - 1);
  const lo = Math.floor(position);
  const low = selectKth(values, lo, n);
  if (position === lo) return low;
  // After selection, values above index lo are ≥ low: the next order statistic is their minimum.
  let high = Infinity;
  for (let i = lo + 1; i < n; i++) if (values[i] < high) high = values[i];
  return low + (high - low) * (position - lo);
}

/** (x − centre) / scale per column, in place, clipped to ±clip; non-finite values become 0 (the centre). */
export function applyColumnScaling(
  matrix: Float32Array,
  rows: number,
  cols: number,
  scaling: ColumnScaling,
  clip = DEFAULT_CLIP,
): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = (matrix[r * cols + c] - scaling.centre[c]) / scaling.scale[c];
      matrix[r * cols + c] = Number.isFinite(v) ? Math.min(clip, Math.max(-clip, v)) : 0;
    }
  }
}

/** Standardises the matrix in place and returns the scaling used. */
export function robustStandardise(
  matrix: Float32Array,
  rows: number,
  cols: number,
  clip = DEFAULT_CLIP,
): ColumnScaling {
  const scaling = robustColumnScaling(matrix, rows, cols);
  applyColumnScaling(matrix, rows, cols, scaling, clip);
  return scaling;
}
