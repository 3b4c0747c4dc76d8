import { describe, it, expect } from 'vitest';
import {
  timesTransposed,
  transposeTimesAccumulate,
} from '../../../../../electron/core/discovery/embeddings/pca/dense-products.js';
import {
  centreRows,
  fitRandomisedPca,
  projectionOffsets,
  type PcaModel,
} from '../../../../../electron/core/discovery/embeddings/pca/pca.js';
import {
  fitPcaOnSample,
  sampleProductsOn,
} from '../../../../../electron/core/discovery/embeddings/pca/sample-products.js';
import {
  createTaskRunner,
  embeddingWorkerScript,
} from '../../../../../electron/core/discovery/embeddings/task-runner.js';
import { SeededRandom } from '../../../../../electron/core/discovery/seeded-random.js';
import { symmetricEigen } from '../../../../../electron/core/discovery/umap/symmetric-eigen.js';
import { gaussianMatrix } from '../../../../helpers/random-vectors.js';

describe('dense products', () => {
  // Odd sizes exercise the remainders of the 4-row × 2-column blocks.
  const rows = 11;
  const dim = 7;
  const width = 5;
  const x = gaussianMatrix(rows, dim, 1);

  it('computes X·Rᵀ', () => {
    const rightT = gaussianMatrix(width, dim, 2);
    const out = new Float64Array(rows * width);
    timesTransposed(x, rows, dim, rightT, width, out);
    for (let i = 0; i < rows; i++) {
      for (let c = 0; c < width; c++) {
        let expected = 0;
        for (let j = 0; j < dim; j++) expected += x[i * dim + j] * rightT[c * dim + j];
        expect(out[i * width + c]).toBeCloseTo(expected, 10);
      }
    }
  });

  it('accumulates (Xᵀ·L)ᵀ onto what the output holds', () => {
    const left = Float64Array.from(gaussianMatrix(rows, width, 3));
    const out = new Float64Array(width * dim).fill(1);
    transposeTimesAccumulate(x, rows, dim, left, width, out);
    for (let c = 0; c < width; c++) {
      for (let j = 0; j < dim; j++) {
        let expected = 1;
        for (let i = 0; i < rows; i++) expected += left[i * width + c] * x[i * dim + j];
        expect(out[c * dim + j]).toBeCloseTo(expected, 10);
      }
    }
  });
});

/** Rows of `dim` values = mean + Σ_k z_k · scale_k · axis_k + small noise, with orthonormal random axes. */
function lowRankData(rows: number, dim: number, scales: number[], noise: number, seed: number): Float32Array {
  const random = new SeededRandom(seed);
  const axes = scales.map(() => Float64Array.from({ length: dim }, () => random.nextGaussian()));
  for (let a = 0; a < axes.length; a++) {
    for (let b = 0; b < a; b++) {
      let d = 0;
      for (let j = 0; j < dim; j++) d += axes[a][j] * axes[b][j];
      for (let j = 0; j < dim; j++) axes[a][j] -= d * axes[b][j];
    }
    const norm = Math.hypot(...axes[a]);
    for (let j = 0; j < dim; j++) axes[a][j] /= norm;
  }
  const data = new Float32Array(rows * dim);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < dim; j++) data[i * dim + j] = 3 + 0.1 * j + noise * random.nextGaussian();
    scales.forEach((scale, k) => {
      const z = scale * random.nextGaussian();
      for (let j = 0; j < dim; j++) data[i * dim + j] += z * axes[k][j];
    });
  }
  return data;
}

/** Eigen-decomposition of the sample covariance, the direct answer on small data. */
function covarianceEigen(
  data: Float32Array,
  rows: number,
  dim: number,
): { values: Float64Array; vectors: Float64Array } {
  const centred = data.slice();
  centreRows(centred, rows, dim);
  const covariance = new Float64Array(dim * dim);
  for (let i = 0; i < rows; i++) {
    for (let a = 0; a < dim; a++)
      for (let b = 0; b < dim; b++)
        covariance[a * dim + b] += (centred[i * dim + a] * centred[i * dim + b]) / (rows - 1);
  }
  return symmetricEigen(covariance, dim);
}

async function fitInProcess(
  data: Float32Array,
  rows: number,
  dim: number,
  components: number,
  seed: number,
): Promise<PcaModel> {
  const runner = createTaskRunner(0);
  try {
    return await fitPcaOnSample(runner, data.slice(), rows, dim, { components, seed });
  } finally {
    await runner.close();
  }
}

describe('randomised PCA', () => {
  const rows = 3000; // more than one chunk of the sample products
  const dim = 24;
  const data = lowRankData(rows, dim, [5, 3, 2, 1], 0.05, 7);

  it('recovers the leading eigenvectors and variances of the covariance', async () => {
    const model = await fitInProcess(data, rows, dim, 4, 1);
    const direct = covarianceEigen(data, rows, dim);
    let total = 0;
    for (let j = 0; j < dim; j++) total += direct.values[j];
    for (let k = 0; k < 4; k++) {
      let overlap = 0;
      for (let j = 0; j < dim; j++) overlap += model.componentsT[k * dim + j] * direct.vectors[k * dim + j];
      expect(Math.abs(overlap)).toBeGreaterThan(0.9999);
      expect(model.explainedVariance[k] / direct.values[k]).toBeCloseTo(1, 4);
      expect(model.explainedVarianceRatio[k]).toBeCloseTo(direct.values[k] / total, 5);
    }
    for (let k = 1; k < 4; k++) expect(model.explainedVariance[k]).toBeLessThan(model.explainedVariance[k - 1]);
  });

  it('is deterministic for a seed and chooses each sign by the largest coefficient', async () => {
    const first = await fitInProcess(data, rows, dim, 3, 5);
    const second = await fitInProcess(data, rows, dim, 3, 5);
    expect(Array.from(second.componentsT)).toEqual(Array.from(first.componentsT));
    expect(Array.from(second.explainedVariance)).toEqual(Array.from(first.explainedVariance));
    const otherSeed = await fitInProcess(data, rows, dim, 3, 6);
    for (let k = 0; k < 3; k++) {
      let largest = 0;
      for (let j = 0; j < dim; j++)
        if (Math.abs(first.componentsT[k * dim + j]) > Math.abs(largest)) largest = first.componentsT[k * dim + j];
      expect(largest).toBeGreaterThan(0);
      for (let j = 0; j < dim; j++)
        expect(otherSeed.componentsT[k * dim + j]).toBeCloseTo(first.componentsT[k * dim + j], 3);
    }
  });

  it('projects x − mean onto the components via the precomputed offsets', async () => {
    const model = await fitInProcess(data, rows, dim, 2, 1);
    const offsets = projectionOffsets(model);
    const products = new Float64Array(rows * 2);
    timesTransposed(data, rows, dim, model.componentsT, 2, products);
    for (const i of [0, 17, rows - 1]) {
      for (let k = 0; k < 2; k++) {
        let expected = 0;
        for (let j = 0; j < dim; j++) expected += (data[i * dim + j] - model.mean[j]) * model.componentsT[k * dim + j];
        expect(products[i * 2 + k] - offsets[k]).toBeCloseTo(expected, 3);
      }
    }
  });

  it('keeps no more components than the sample has rows or columns', async () => {
    const small = lowRankData(5, 8, [2, 1], 0.01, 3);
    const model = await fitInProcess(small, 5, 8, 32, 0);
    expect(model.components).toBe(5);
    expect(model.componentsT.length).toBe(5 * 8);
    for (const v of model.componentsT) expect(Number.isFinite(v)).toBe(true);
  });

  it('gives the same sample products whichever way the chunks are run', async () => {
    const runner = createTaskRunner(0);
    try {
      const sample = data.slice();
      const centred = centreRows(sample, rows, dim);
      await runner.broadcast({ kind: 'attach-sample', sample, rows, dim });
      const products = sampleProductsOn(runner, rows, dim);
      const model = await fitRandomisedPca(products, centred, { components: 2, seed: 9 });
      const again = await fitRandomisedPca(products, centred, { components: 2, seed: 9 });
      expect(Array.from(again.componentsT)).toEqual(Array.from(model.componentsT));
    } finally {
      await runner.close();
    }
  });

  it.skipIf(embeddingWorkerScript() === null)(
    'fits on worker threads exactly as on this thread, every step there',
    async () => {
      const here = await fitInProcess(data, rows, dim, 3, 2);
      const runner = createTaskRunner(2);
      const performed: string[] = [];
      const run = runner.run.bind(runner);
      runner.run = (task, transfer) => {
        performed.push(task.kind);
        return run(task, transfer);
      };
      try {
        const shared = new Float32Array(new SharedArrayBuffer(data.byteLength));
        shared.set(data);
        const threaded = await fitPcaOnSample(runner, shared, rows, dim, { components: 3, seed: 2 });
        expect(Array.from(threaded.componentsT)).toEqual(Array.from(here.componentsT));
        expect(Array.from(threaded.mean)).toEqual(Array.from(here.mean));
        expect(Array.from(threaded.explainedVarianceRatio)).toEqual(Array.from(here.explainedVarianceRatio));
        // The dense steps between passes went to the workers too, not only the passes.
        expect(new Set(performed)).toEqual(
          new Set(['centre-sample', 'sample-times', 'sample-transpose-times', 'orthonormalise', 'principal-axes']),
        );
      } finally {
        await runner.close();
      }
    },
  );
});
