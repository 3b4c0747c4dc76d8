// L2-regularised, sample-weighted logistic regression fitted by Newton's method (iteratively
// reweighted least squares). Embeddings have tens of dimensions and the training set is the
// handful of labelled rows, so the (dim + 1)² Hessian is tiny and Newton converges in a few
// exact steps where gradient descent would need a learning rate tuned per collection.

export interface LogisticModel {
  /** One weight per input column. */
  coefficients: Float64Array;
  intercept: number;
}

export interface LogisticFitOptions {
  /** Penalty λ on ½|w|² (the intercept is not penalised). Default 1. */
  l2?: number;
  /** Newton steps at most. Default 25. */
  maxIterations?: number;
  /** Stop when no parameter moves by more than this. Default 1e-8. */
  tolerance?: number;
}

/**
 * Fits p(y = 1 | x) = σ(w·x + b) to `targets` in [0, 1] (soft targets allowed), minimising
 * Σ weight_i · crossEntropy_i + ½ λ |w|². `features` is row-major, rows × dim.
 */
export function fitLogisticRegression(
  features: Float64Array,
  dim: number,
  targets: ArrayLike<number>,
  sampleWeights: ArrayLike<number>,
  options: LogisticFitOptions = {},
): LogisticModel {
  const rows = targets.length;
  if (features.length !== rows * dim)
    throw new Error(`expected ${rows}×${dim} features, got ${features.length} values`);
  if (sampleWeights.length !== rows) throw new Error(`${sampleWeights.length} sample weights for ${rows} rows`);
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 25;
  const tolerance = options.tolerance ?? 1e-8;
  const size = dim + 1; // the intercept is parameter `dim`
  const params = new Float64Array(size);
  const gradient = new Float64Array(size);
  const hessian = new Float64Array(size * size);

  for (let iteration = 0; iteration < maxIterations; iteration++) {
    gradient.fill(0);
    hessian.fill(0);
    for (let i = 0; i < rows; i++) {
      const row = i * dim;
      let z = params[dim];
      for (let d = 0; d < dim; d++) z += params[d] * features[row + d];
      const p = sigmoid(z);
      const w = sampleWeights[i];
      const residual = w * (p - targets[i]);
      // A floor on the curvature keeps the step finite once a separable set saturates σ.
      const curvature = w * Math.max(p * (1 - p), 1e-10);
      for (let a = 0; a < size; a++) {
        const xa = a === dim ? 1 : features[row + a];
        gradient[a] += residual * xa;
        for (let b = 0; b <= a; b++) hessian[a * size + b] += curvature * xa * (b === dim ? 1 : features[row + b]);
      }
    }
    for (let d = 0; d < dim; d++) {
      gradient[d] += l2 * params[d];
      hessian[d * size + d] += l2;
    }
    // A touch of ridge on the intercept too: with one class only it would run off to ±∞.
    hessian[dim * size + dim] += 1e-6;
    for (let a = 0; a < size; a++) for (let b = 0; b < a; b++) hessian[b * size + a] = hessian[a * size + b];
    const step = solveSymmetricPositiveDefinite(hessian, gradient, size);
    let largest = 0;
    for (let a = 0; a < size; a++) {
      params[a] -= step[a];
      largest = Math.max(largest, Math.abs(step[a]));
    }
    if (largest < tolerance) break;
  }
  return { coefficients: params.slice(0, dim), intercept: params[dim] };
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Solves A x = b by Cholesky; A (n×n, row-major) is overwritten with its factor. */
function solveSymmetricPositiveDefinite(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let diagonal = a[j * n + j];
    for (let k = 0; k < j; k++) diagonal -= a[j * n + k] * a[j * n + k];
    const root = Math.sqrt(Math.max(diagonal, 1e-12));
    a[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j];
      for (let k = 0; k < j; k++) sum -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = sum / root;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let sum = x[i];
    for (let k = 0; k < i; k++) sum -= a[i * n + k] * x[k];
    x[i] = sum / a[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i];
    for (let k = i + 1; k < n; k++) sum -= a[k * n + i] * x[k];
    x[i] = sum / a[i * n + i];
  }
  return x;
}
