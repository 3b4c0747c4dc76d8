// A spectrum's reconstruction from its embedding vector, for runs that keep no model to decode
// with: the least-squares linear map from the run's vectors back to the flux the run embedded,
// fitted on a sample of its objects (x ≈ x̄ + (z − z̄)·W). For a PCA run this is the PCA's own
// reconstruction, mean + Σ zᵢ·componentᵢ: its vectors are the flux projected on orthonormal
// principal axes, and regressing the flux on them gives those axes back, so nothing about the
// fit needs to be stored. Also here, the per-bin median of a few spectra: the reference when
// the embedding is not linear in the flux.

export interface LinearDecoder {
  /** Vector length (k) and flux length (d). */
  dim: number;
  length: number;
  vectorMean: Float64Array;
  fluxMean: Float64Array;
  /** k × d, row-major. */
  weights: Float64Array;
}

/** Relative ridge on the vectors' scatter: keeps a component that is zero over the sample from dividing by 0. */
const RIDGE = 1e-9;

/** Fits the decoder on `count` rows of `vectors` (count × dim) and their `flux` (count × length), row after row. */
export function fitLinearDecoder(
  vectors: ArrayLike<number>,
  flux: ArrayLike<number>,
  count: number,
  dim: number,
  length: number,
): LinearDecoder {
  if (vectors.length !== count * dim || flux.length !== count * length)
    throw new Error(`a decoder fit needs ${count}×${dim} vectors and ${count}×${length} flux values`);
  if (count < 2) throw new Error('a decoder fit needs at least two spectra');
  const vectorMean = columnMeans(vectors, count, dim);
  const fluxMean = columnMeans(flux, count, length);
  const scatter = new Float64Array(dim * dim); // Zcᵀ·Zc
  const cross = new Float64Array(dim * length); // Zcᵀ·Xc
  const centred = new Float64Array(dim);
  const centredFlux = new Float64Array(length);
  for (let i = 0; i < count; i++) {
    for (let a = 0; a < dim; a++) centred[a] = vectors[i * dim + a] - vectorMean[a];
    for (let j = 0, o = i * length; j < length; j++) centredFlux[j] = flux[o + j] - fluxMean[j];
    for (let a = 0; a < dim; a++) {
      const za = centred[a];
      if (za === 0) continue;
      for (let b = 0; b <= a; b++) scatter[a * dim + b] += za * centred[b];
      const row = a * length;
      for (let j = 0; j < length; j++) cross[row + j] += za * centredFlux[j];
    }
  }
  let trace = 0;
  for (let a = 0; a < dim; a++) trace += scatter[a * dim + a];
  const ridge = (RIDGE * trace) / dim || RIDGE;
  for (let a = 0; a < dim; a++) {
    scatter[a * dim + a] += ridge;
    for (let b = 0; b < a; b++) scatter[b * dim + a] = scatter[a * dim + b];
  }
  const weights = solveSymmetric(scatter, cross, dim, length);
  return { dim, length, vectorMean, fluxMean, weights };
}

/** The decoder's flux for one vector. */
export function decode(decoder: LinearDecoder, vector: ArrayLike<number>): Float64Array {
  const { dim, length, weights } = decoder;
  const out = Float64Array.from(decoder.fluxMean);
  for (let a = 0; a < dim; a++) {
    const za = vector[a] - decoder.vectorMean[a];
    for (let j = 0, o = a * length; j < length; j++) out[j] += za * weights[o + j];
  }
  return out;
}

/** Per-bin median of `count` spectra (count × length), skipping NaN; NaN where every one is NaN. */
export function medianSpectrum(spectra: ArrayLike<number>, count: number, length: number): Float64Array {
  const out = new Float64Array(length);
  const column = new Float64Array(count);
  for (let j = 0; j < length; j++) {
    let n = 0;
    for (let i = 0; i < count; i++) {
      const v = spectra[i * length + j];
      if (Number.isFinite(v)) column[n++] = v;
    }
    if (n === 0) {
      out[j] = NaN;
      continue;
    }
    const sorted = column.subarray(0, n).sort();
    out[j] = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
  return out;
}

function columnMeans(values: ArrayLike<number>, rows: number, columns: number): Float64Array {
  const mean = new Float64Array(columns);
  for (let i = 0; i < rows; i++) for (let j = 0, o = i * columns; j < columns; j++) mean[j] += values[o + j];
  for (let j = 0; j < columns; j++) mean[j] /= rows;
  return mean;
}

/** A⁻¹·B for symmetric positive definite A (n × n) and B (n × m), by Cholesky, in place of B. */
function solveSymmetric(a: Float64Array, b: Float64Array, n: number, m: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = i === j ? Math.sqrt(Math.max(s, Number.MIN_VALUE)) : s / l[j * n + j];
    }
  }
  // Forward (L·Y = B), then back (Lᵀ·X = Y), one row of B at a time across all m columns.
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const f = l[i * n + k];
      if (f !== 0) for (let j = 0; j < m; j++) b[i * m + j] -= f * b[k * m + j];
    }
    const d = l[i * n + i];
    for (let j = 0; j < m; j++) b[i * m + j] /= d;
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const f = l[k * n + i];
      if (f !== 0) for (let j = 0; j < m; j++) b[i * m + j] -= f * b[k * m + j];
    }
    const d = l[i * n + i];
    for (let j = 0; j < m; j++) b[i * m + j] /= d;
  }
  return b;
}
