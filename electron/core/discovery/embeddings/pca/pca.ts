// Randomised PCA (Halko, Martinsson & Tropp 2011, algorithm 4.4 with a subspace iteration):
// fitted on a centred sample of rows, then used to project every row. The sample matrix is
// only touched through two products, X·Rᵀ and Xᵀ·L, done chunk by chunk (SAMPLE_CHUNK_ROWS)
// so that worker threads can share them; partial sums are added in chunk order, so the fit
// is the same, bit for bit, whichever thread computed each chunk. Everything left is small
// (sample × (k + oversample) or (k + oversample)²) and done here in float64.
import { SeededRandom } from '../../seeded-random.js';
import { symmetricEigen } from '../../umap/symmetric-eigen.js';

/** Rows per chunk of a sample product: the unit of work handed to one thread. */
export const SAMPLE_CHUNK_ROWS = 2048;

/** The centred sample matrix (rows × dim, float32), seen only through its products. */
export interface SampleProducts {
  readonly rows: number;
  readonly dim: number;
  /** X·Rᵀ, rows × width row-major, for `rightT` of width × dim. */
  times(rightT: Float32Array, width: number): Promise<Float64Array>;
  /** (Xᵀ·L)ᵀ, width × dim row-major, for `left` of rows × width. */
  transposeTimes(left: Float64Array, width: number): Promise<Float64Array>;
}

export interface PcaFitOptions {
  /** Number of components kept. */
  components: number;
  /** Extra random directions that make the leading subspace converge faster. Default 10. */
  oversample?: number;
  /** Subspace (power) iterations; each costs two passes over the sample. Default 2. */
  powerIterations?: number;
  /** Seed of the random starting directions. Default 0. */
  seed?: number;
  /** Called after each pass over the sample, with passes done and the total. */
  onPass?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface PcaModel {
  dim: number;
  components: number;
  /** The sample mean, subtracted before projection. */
  mean: Float32Array;
  /** components × dim, row-major: each row a unit vector, strongest first. */
  componentsT: Float32Array;
  /** Variance of the sample along each component. */
  explainedVariance: Float64Array;
  /** explainedVariance / total variance of the sample. */
  explainedVarianceRatio: Float64Array;
}

export interface CentredSample {
  mean: Float32Array;
  /** Σ of the per-column variances (n − 1 normalised). */
  totalVariance: number;
}

/** The principal axes and their variances along them (times rows − 1). */
export interface PrincipalAxes {
  /** components × dim, row-major, unit rows, strongest first. */
  componentsT: Float32Array;
  /** Eigenvalues of the sample's scatter along each axis. */
  scatter: Float64Array;
}

/**
 * The fit's dense steps between passes over the sample. They are small beside the passes but
 * not instant (a Gram–Schmidt over 20,000 × 42 takes ~100 ms), so a caller that must keep its
 * thread free hands them to a worker (sample-products.ts); by default they run here.
 */
export interface PcaDenseSteps {
  orthonormalise(m: Float64Array, count: number, length: number, stride: number, step: number): Promise<Float64Array>;
  principalAxes(b: Float64Array, width: number, dim: number, components: number): Promise<PrincipalAxes>;
}

export const LOCAL_DENSE_STEPS: PcaDenseSteps = {
  async orthonormalise(m, count, length, stride, step) {
    orthonormalise(m, count, length, stride, step);
    return m;
  },
  async principalAxes(b, width, dim, components) {
    return principalAxes(b, width, dim, components);
  },
};

/** Subtracts the column means from a rows × dim matrix in place. */
export function centreRows(sample: Float32Array, rows: number, dim: number): CentredSample {
  const sum = new Float64Array(dim);
  for (let i = 0; i < rows; i++) for (let j = 0, o = i * dim; j < dim; j++) sum[j] += sample[o + j];
  const mean = new Float32Array(dim);
  for (let j = 0; j < dim; j++) mean[j] = rows > 0 ? sum[j] / rows : 0;
  let squares = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0, o = i * dim; j < dim; j++) {
      const v = sample[o + j] - mean[j];
      sample[o + j] = v;
      squares += v * v;
    }
  }
  return { mean, totalVariance: rows > 1 ? squares / (rows - 1) : 0 };
}

/**
 * Orthonormalises the `count` vectors of length `length` stored at stride `stride` apart,
 * element step `step` (rows of a row-major matrix: stride = length, step = 1; its columns:
 * stride = 1, step = columns). Modified Gram–Schmidt, twice ("twice is enough"); a vector
 * with nothing left after projection becomes zero.
 */
export function orthonormalise(m: Float64Array, count: number, length: number, stride: number, step: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let a = 0; a < count; a++) {
      const oa = a * stride;
      for (let b = 0; b < a; b++) {
        const ob = b * stride;
        let d = 0;
        for (let k = 0; k < length; k++) d += m[oa + k * step] * m[ob + k * step];
        for (let k = 0; k < length; k++) m[oa + k * step] -= d * m[ob + k * step];
      }
      let norm = 0;
      for (let k = 0; k < length; k++) norm += m[oa + k * step] ** 2;
      norm = Math.sqrt(norm);
      const scale = norm > 1e-12 ? 1 / norm : 0;
      for (let k = 0; k < length; k++) m[oa + k * step] *= scale;
    }
  }
}

function toFloat32(values: Float64Array): Float32Array {
  return Float32Array.from(values);
}

/** Fits `options.components` principal axes of the centred sample. */
export async function fitRandomisedPca(
  sample: SampleProducts,
  centred: CentredSample,
  options: PcaFitOptions,
  steps = LOCAL_DENSE_STEPS,
): Promise<PcaModel> {
  const { rows, dim } = sample;
  const components = Math.max(1, Math.min(options.components, rows, dim));
  const width = Math.min(components + (options.oversample ?? 10), rows, dim);
  const iterations = options.powerIterations ?? 2;
  const totalPasses = 2 + 2 * iterations;
  let passes = 0;
  const passDone = (): void => {
    options.onPass?.(++passes, totalPasses);
    options.signal?.throwIfAborted();
  };

  const random = new SeededRandom(options.seed ?? 0);
  const omegaT = new Float32Array(width * dim);
  for (let i = 0; i < omegaT.length; i++) omegaT[i] = random.nextGaussian();
  let q = await sample.times(omegaT, width);
  passDone();
  q = await steps.orthonormalise(q, width, rows, 1, width);
  for (let it = 0; it < iterations; it++) {
    let z = await sample.transposeTimes(q, width);
    passDone();
    z = await steps.orthonormalise(z, width, dim, dim, 1);
    q = await sample.times(toFloat32(z), width);
    passDone();
    q = await steps.orthonormalise(q, width, rows, 1, width);
  }
  // B = Qᵀ X (width × dim); its right singular vectors are the principal axes.
  const b = await sample.transposeTimes(q, width);
  passDone();
  const { componentsT, scatter } = await steps.principalAxes(b, width, dim, components);
  const explainedVariance = scatter.map((lambda) => (rows > 1 ? lambda / (rows - 1) : 0));
  const explainedVarianceRatio = explainedVariance.map((v) =>
    centred.totalVariance > 0 ? v / centred.totalVariance : 0,
  );
  return { dim, components, mean: centred.mean, componentsT, explainedVariance, explainedVarianceRatio };
}

/** The leading right singular vectors of B (width × dim), from the eigenvectors of B·Bᵀ. */
export function principalAxes(b: Float64Array, width: number, dim: number, components: number): PrincipalAxes {
  const gram = new Float64Array(width * width);
  for (let r = 0; r < width; r++) {
    for (let c = r; c < width; c++) {
      let d = 0;
      for (let j = 0; j < dim; j++) d += b[r * dim + j] * b[c * dim + j];
      gram[r * width + c] = d;
      gram[c * width + r] = d;
    }
  }
  const eigen = symmetricEigen(gram, width);
  const componentsT = new Float32Array(components * dim);
  const scatter = new Float64Array(components);
  const axis = new Float64Array(dim);
  for (let k = 0; k < components; k++) {
    const lambda = Math.max(0, eigen.values[k]);
    const singular = Math.sqrt(lambda);
    axis.fill(0);
    if (singular > 0) {
      for (let r = 0; r < width; r++) {
        const u = eigen.vectors[k * width + r] / singular;
        for (let j = 0; j < dim; j++) axis[j] += u * b[r * dim + j];
      }
    }
    // A deterministic sign: the largest coefficient is positive.
    let largest = 0;
    for (let j = 0; j < dim; j++) if (Math.abs(axis[j]) > Math.abs(largest)) largest = axis[j];
    const sign = largest < 0 ? -1 : 1;
    for (let j = 0; j < dim; j++) componentsT[k * dim + j] = sign * axis[j];
    scatter[k] = lambda;
  }
  return { componentsT, scatter };
}

/** What projecting needs of a PCA: fitted here, or read from a fitted file. */
export type PcaProjection = Pick<PcaModel, 'dim' | 'components' | 'mean' | 'componentsT'>;

/** mean · componentᵀ per component: subtracted from X·Cᵀ, it projects X − mean without centring X. */
export function projectionOffsets(model: PcaProjection): Float64Array {
  const offsets = new Float64Array(model.components);
  for (let k = 0; k < model.components; k++) {
    let d = 0;
    for (let j = 0; j < model.dim; j++) d += model.mean[j] * model.componentsT[k * model.dim + j];
    offsets[k] = d;
  }
  return offsets;
}
