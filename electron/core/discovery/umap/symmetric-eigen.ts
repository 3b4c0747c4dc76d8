// Eigen-decomposition of small dense symmetric matrices by cyclic Jacobi rotations: the
// projected problems inside Lanczos and the layout of tiny graph components are at most a
// few dozen rows, where Jacobi is simple, accurate and fast enough.

export interface SymmetricEigen {
  /** Eigenvalues in decreasing order. */
  values: Float64Array;
  /** Column-major: eigenvector i is vectors[i*n .. (i+1)*n), matching values[i]. */
  vectors: Float64Array;
}

const MAX_SWEEPS = 100;

/** `matrix` is n×n row-major and symmetric; it is not modified. */
export function symmetricEigen(matrix: Float64Array, n: number): SymmetricEigen {
  const m = matrix.slice();
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;

  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let offDiagonal = 0;
    let diagonal = 0;
    for (let p = 0; p < n; p++) {
      diagonal += m[p * n + p] * m[p * n + p];
      for (let q = p + 1; q < n; q++) offDiagonal += m[p * n + q] * m[p * n + q];
    }
    if (offDiagonal <= 1e-30 * Math.max(diagonal, 1e-300)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const app = m[p * n + p];
        const aqq = m[q * n + q];
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < n; r++) {
          const mrp = m[r * n + p];
          const mrq = m[r * n + q];
          m[r * n + p] = c * mrp - s * mrq;
          m[r * n + q] = s * mrp + c * mrq;
        }
        for (let r = 0; r < n; r++) {
          const mpr = m[p * n + r];
          const mqr = m[q * n + r];
          m[p * n + r] = c * mpr - s * mqr;
          m[q * n + r] = s * mpr + c * mqr;
        }
        for (let r = 0; r < n; r++) {
          const vrp = v[r * n + p];
          const vrq = v[r * n + q];
          v[r * n + p] = c * vrp - s * vrq;
          v[r * n + q] = s * vrp + c * vrq;
        }
      }
    }
  }

  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => m[y * n + y] - m[x * n + x]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((column, rank) => {
    values[rank] = m[column * n + column];
    for (let r = 0; r < n; r++) vectors[rank * n + r] = v[r * n + column];
  });
  return { values, vectors };
}
