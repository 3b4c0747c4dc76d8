// Centring and scaling of a vector set, so that a learner's L2 penalty means the same thing
// whatever the embedding's units. Per column (z-scores) suits features in unrelated units;
// one shared scale keeps an embedding's own geometry, where a low-variance axis is usually
// noise that z-scoring would blow up to the size of the axes that carry the structure.
import type { VectorSet } from '../vectors.js';

export interface ColumnStandardiser {
  mean: Float64Array;
  /** 1 / standard deviation; 0 for a constant column, which then contributes nothing. */
  inverseScale: Float64Array;
}

export type Scaling = 'per-column' | 'shared';

export function fitStandardiser(vectors: VectorSet, scaling: Scaling = 'per-column'): ColumnStandardiser {
  const { data, count, dim } = vectors;
  const mean = new Float64Array(dim);
  const squares = new Float64Array(dim);
  for (let i = 0; i < count; i++) {
    const row = i * dim;
    for (let d = 0; d < dim; d++) mean[d] += data[row + d];
  }
  for (let d = 0; d < dim; d++) mean[d] /= count || 1;
  for (let i = 0; i < count; i++) {
    const row = i * dim;
    for (let d = 0; d < dim; d++) {
      const centred = data[row + d] - mean[d];
      squares[d] += centred * centred;
    }
  }
  const inverseScale = new Float64Array(dim);
  if (scaling === 'shared') {
    // The root-mean-square spread over all columns: the typical axis ends up with unit variance.
    let total = 0;
    for (let d = 0; d < dim; d++) total += squares[d];
    const rms = Math.sqrt(total / ((count || 1) * dim));
    inverseScale.fill(rms > 0 ? 1 / rms : 0);
    return { mean, inverseScale };
  }
  for (let d = 0; d < dim; d++) {
    const sd = Math.sqrt(squares[d] / (count || 1));
    // Float32 data rounds a constant column to tiny spreads; treat those as constant.
    inverseScale[d] = sd > 1e-6 * (Math.abs(mean[d]) + 1) ? 1 / sd : 0;
  }
  return { mean, inverseScale };
}

/** Standardised copy of the listed rows, row-major, as float64 for the solvers. */
export function standardisedRows(
  vectors: VectorSet,
  standardiser: ColumnStandardiser,
  rows: ArrayLike<number>,
): Float64Array {
  const { data, dim } = vectors;
  const { mean, inverseScale } = standardiser;
  const out = new Float64Array(rows.length * dim);
  for (let r = 0; r < rows.length; r++) {
    const source = rows[r] * dim;
    for (let d = 0; d < dim; d++) out[r * dim + d] = (data[source + d] - mean[d]) * inverseScale[d];
  }
  return out;
}
