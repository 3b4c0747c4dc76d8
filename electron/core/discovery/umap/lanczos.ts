// The few largest eigenpairs of a large sparse symmetric operator, by block Lanczos with full
// reorthogonalisation and thick restarts. A block (one vector per wanted pair) rather than a
// single vector, because graphs with symmetry have repeated eigenvalues (a ring's cos and sin
// modes) and a single Krylov sequence only ever sees one direction of such an eigenspace.
// After each cycle the best Ritz vectors start the next basis, so memory stays at
// `basisSize` vectors while the wanted pairs keep converging. Used for the spectral start of
// the layout, where the operator is D^-1/2·W·D^-1/2 and its top eigenvectors are the bottom
// ones of the normalised Laplacian that umap-learn asks ARPACK for.
import { SeededRandom } from '../seeded-random.js';
import type { Pause } from './cooperative-pause.js';
import { symmetricEigen } from './symmetric-eigen.js';

const MAX_REPLACEMENTS_PER_CYCLE = 8;
const REORTHOGONALISE_BELOW = 0.7;
/** A candidate that loses all but this fraction of its length to the basis adds no direction. */
const DEPENDENT_BELOW = 1e-10;

export interface LanczosOptions {
  /** How many eigenpairs are wanted (largest algebraic eigenvalues); also the block size. */
  wanted: number;
  /** Krylov basis size per cycle; clamped to the dimension. */
  basisSize: number;
  /** A pair counts as converged when ‖Ax - θx‖ ≤ tolerance. */
  tolerance: number;
  maxCycles: number;
  /** Unit vectors the search stays orthogonal to (known eigenvectors to skip). */
  deflate: Float64Array[];
  /** First start vector; the rest of the block is seeded pseudo-random. */
  start: Float64Array;
  seed?: number;
  /** Awaited after every new basis vector, so that a caller can yield and cancel. */
  pause?: Pause;
}

export interface LanczosResult {
  /** Decreasing. */
  values: Float64Array;
  vectors: Float64Array[];
  /** ‖A·x - θ·x‖ per returned pair; above the tolerance if maxCycles ran out. */
  residuals: Float64Array;
  cycles: number;
}

/** `multiply(x, y)` must write A·x into y. */
export async function lanczosLargest(
  multiply: (x: Float64Array, y: Float64Array) => void,
  size: number,
  options: LanczosOptions,
): Promise<LanczosResult> {
  const free = size - options.deflate.length;
  const wanted = Math.max(1, Math.min(options.wanted, free));
  const block = wanted;
  const basisSize = Math.min(Math.max(options.basisSize, wanted + 2 * block), free);
  // Keep a few more Ritz vectors than wanted across restarts: it speeds up the last wanted one.
  const keep = Math.min(basisSize - block, wanted + Math.max(2, Math.floor((basisSize - wanted) / 3)));
  const random = new SeededRandom(options.seed ?? 0);

  const basis: Float64Array[] = [];
  const projected = new Float64Array(basisSize * basisSize); // V^T A V, row-major
  const product = new Float64Array(size);
  const randomVector = (): Float64Array => Float64Array.from({ length: size }, () => random.nextFloat() - 0.5);
  /** Residuals of A·v for the newest basis vectors, waiting to be orthogonalised and added. */
  let pending: Float64Array[] = [options.start.slice()];
  while (pending.length < block) pending.push(randomVector());

  /** Orthonormalises `x` against the deflated vectors and the basis, then adds it with its row of V^T A V. */
  const join = (x: Float64Array): boolean => {
    const original = Math.sqrt(dot(x, x));
    let norm = original;
    // A second Gram–Schmidt pass only when the first removed most of the vector, which is
    // when rounding leaves it measurably non-orthogonal (the Daniel–Gragg–Kaufman–Stewart test).
    for (let pass = 0; pass < 2 && norm > 0; pass++) {
      const before = norm;
      orthogonalise(x, options.deflate);
      orthogonalise(x, basis);
      norm = Math.sqrt(dot(x, x));
      if (norm > REORTHOGONALISE_BELOW * before) break;
    }
    if (!(norm > DEPENDENT_BELOW * original)) return false;
    for (let i = 0; i < size; i++) x[i] /= norm;
    const column = basis.length;
    basis.push(x);
    multiply(x, product);
    const w = product.slice();
    for (let i = 0; i <= column; i++) {
      const h = dot(w, basis[i]);
      projected[i * basisSize + column] = projected[column * basisSize + i] = h;
      axpy(-h, basis[i], w);
    }
    pending.push(w);
    return true;
  };

  let result: LanczosResult = { values: new Float64Array(0), vectors: [], residuals: new Float64Array(0), cycles: 0 };
  for (let cycle = 1; cycle <= options.maxCycles; cycle++) {
    let exhausted = false;
    let replacements = 0;
    while (basis.length < basisSize) {
      const candidate = pending.shift();
      if (!candidate) {
        exhausted = true; // the basis spans an invariant subspace: its Ritz pairs are exact
        break;
      }
      // A direction already in the basis (a start vector along a deflated one, or an invariant
      // subspace reached) would shrink the block, and a block of one cannot see both halves
      // of a repeated eigenvalue: replace it with a fresh random direction.
      if (!join(candidate) && replacements++ < MAX_REPLACEMENTS_PER_CYCLE) pending.push(randomVector());
      await options.pause?.();
    }

    const n = basis.length;
    const small = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) small[i * n + j] = projected[i * basisSize + j];
    const eigen = symmetricEigen(small, n);
    const kept = Math.min(keep, n);
    const ritz: Float64Array[] = [];
    for (let r = 0; r < kept; r++) {
      const y = new Float64Array(size);
      for (let i = 0; i < n; i++) axpy(eigen.vectors[r * n + i], basis[i], y);
      ritz.push(y);
    }
    const take = Math.min(wanted, kept);
    const residuals = new Float64Array(take);
    for (let r = 0; r < take; r++) {
      multiply(ritz[r], product);
      axpy(-eigen.values[r], ritz[r], product);
      residuals[r] = Math.sqrt(dot(product, product));
    }
    result = { values: eigen.values.slice(0, take), vectors: ritz.slice(0, take), residuals, cycles: cycle };
    if (exhausted || residuals.every((r) => r <= options.tolerance)) break;

    // Thick restart: the kept Ritz vectors (V^T A V restricted to them is diagonal), then
    // the pending residual directions, which join through the usual path. A pending residual
    // was only made orthogonal to the basis as it stood when it was computed; it must lose
    // its components along the later vectors now, while they are still known, or those
    // directions (which the Ritz residuals contain) would be dropped with the old basis.
    pending = pending.slice(-block);
    for (const residual of pending) orthogonalise(residual, basis);
    basis.length = 0;
    projected.fill(0);
    for (let r = 0; r < kept; r++) {
      basis.push(ritz[r]);
      projected[r * basisSize + r] = eigen.values[r];
    }
  }
  return result;
}

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

function axpy(alpha: number, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < x.length; i++) y[i] += alpha * x[i];
}

function orthogonalise(x: Float64Array, against: Float64Array[]): void {
  for (const u of against) axpy(-dot(x, u), u, x);
}
