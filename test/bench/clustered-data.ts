// Seeded synthetic embeddings for benchmarks and tests: Gaussian blobs of varied size and
// spread plus a sprinkling of broad outliers. Real learned embeddings are clustered and have
// a decaying variance spectrum (a few directions carry most of the spread), so each blob is
// anisotropic by default: per-axis spread falls off as (rank+1)^-axisDecay along a
// per-blob permutation of the axes. axisDecay 0 gives plain isotropic blobs.
import type { VectorSet } from '../../electron/core/discovery/vectors.js';
import { writeNpy } from '../../electron/core/formats/arrays/npy.js';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';

export interface ClusteredOptions {
  /** Number of blobs; default 24. */
  clusters?: number;
  /** PRNG seed; default 1. The same seed always gives the same vectors. */
  seed?: number;
  /** Fraction of rows drawn from the broad outlier distribution; default 0.01. */
  outlierFraction?: number;
  /** Exponent of the per-axis spread fall-off inside a blob; default 0.5 (about 14 effective dimensions at dim 64). */
  axisDecay?: number;
}

export interface ClusteredVectors {
  vectors: VectorSet;
  /** Blob index per row, or -1 for an outlier. */
  labels: Int32Array;
  /** 1 where the row is an outlier. */
  isOutlier: Uint8Array;
}

// Blob centres are N(0, 1) per axis, so at dim 64 they sit about sqrt(2·64) ≈ 11 apart, while
// a blob's RMS radius is spread·sqrt(Σ (r+1)^-2·axisDecay) ≈ 2.2·spread: blobs stay separate and
// the hard part of a neighbour search is inside a blob, as with real embeddings.
const MIN_SPREAD = 0.3;
const MAX_SPREAD = 1.2;
// Outliers come from a Gaussian this many times broader than the cloud of centres.
const OUTLIER_SCALE = 2.5;

export function clusteredVectors(count: number, dim: number, options: ClusteredOptions = {}): ClusteredVectors {
  const clusters = Math.max(1, Math.floor(options.clusters ?? 24));
  const outlierFraction = options.outlierFraction ?? 0.01;
  const axisDecay = options.axisDecay ?? 0.5;
  const random = new SeededRandom(options.seed ?? 1);
  const normal = (): number => random.nextGaussian();

  const centres = new Float32Array(clusters * dim);
  for (let i = 0; i < centres.length; i++) centres[i] = normal();
  // Per blob, per axis standard deviation: a decaying spectrum laid on a shuffled set of axes.
  const axisSpread = new Float32Array(clusters * dim);
  for (let c = 0; c < clusters; c++) {
    const spread = MIN_SPREAD * Math.pow(MAX_SPREAD / MIN_SPREAD, random.nextFloat());
    const axes = random.shuffle(range(dim));
    for (let rank = 0; rank < dim; rank++) axisSpread[c * dim + axes[rank]] = spread * Math.pow(rank + 1, -axisDecay);
  }

  const labels = blobLabels(count, clusters, outlierFraction, random);
  const isOutlier = new Uint8Array(count);
  const data = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const label = labels[i];
    const row = i * dim;
    if (label < 0) {
      isOutlier[i] = 1;
      for (let d = 0; d < dim; d++) data[row + d] = OUTLIER_SCALE * normal();
    } else {
      const base = label * dim;
      for (let d = 0; d < dim; d++) data[row + d] = centres[base + d] + axisSpread[base + d] * normal();
    }
  }
  return { vectors: { data, count, dim }, labels, isOutlier };
}

/**
 * Blob sizes are log-normal (a few big blobs, many small ones); every blob gets at least one row. Rows come shuffled.
 */
function blobLabels(count: number, clusters: number, outlierFraction: number, random: SeededRandom): Int32Array {
  const outliers = Math.min(count, Math.round(count * outlierFraction));
  const inliers = count - outliers;
  const weights = new Float64Array(clusters);
  let total = 0;
  for (let c = 0; c < clusters; c++) total += weights[c] = Math.exp(0.8 * random.nextGaussian());

  const labels = new Int32Array(count).fill(-1);
  const usable = Math.min(clusters, inliers);
  let filled = 0;
  for (let c = 0; c < usable; c++) labels[filled++] = c;
  const remaining = inliers - filled;
  let assigned = 0;
  for (let c = 0; c < clusters && filled < inliers; c++) {
    assigned += (weights[c] / total) * remaining;
    const upto = c === clusters - 1 ? inliers : Math.min(inliers, usable + Math.round(assigned));
    while (filled < upto) labels[filled++] = c;
  }
  return random.shuffle(labels);
}

function range(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Writes the vectors as float32 [count, dim] .npy, so the python reference reads exactly what the benchmark used. */
export function writeVectorsNpy(path: string, vectors: VectorSet): void {
  writeNpy(path, vectors.data.subarray(0, vectors.count * vectors.dim), [vectors.count, vectors.dim]);
}
