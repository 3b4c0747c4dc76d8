// The PCA sample's two products (see pca.ts) computed chunk by chunk on a task runner, so
// both worker threads share the passes over the sample. Each chunk's part of X·Rᵀ is
// placed at its rows; the chunks' partial Xᵀ·L are added in chunk order, so the result does
// not depend on which thread did what.
import { SAMPLE_CHUNK_ROWS, centreRows, fitRandomisedPca, type PcaFitOptions, type PcaModel, type SampleProducts } from './pca.js';
import type { EmbeddingTaskRunner } from './task-runner.js';

function chunks(rows: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0; start < rows; start += SAMPLE_CHUNK_ROWS) out.push([start, Math.min(rows, start + SAMPLE_CHUNK_ROWS)]);
  return out;
}

/** Products of the sample already attached to every thread of `runner`. */
export function sampleProductsOn(runner: EmbeddingTaskRunner, rows: number, dim: number): SampleProducts {
  return {
    rows,
    dim,
    async times(rightT, width) {
      const out = new Float64Array(rows * width);
      await Promise.all(
        chunks(rows).map(async ([startRow, endRow]) => {
          const part = await runner.run({ kind: 'sample-times', startRow, endRow, rightT, width });
          out.set(part, startRow * width);
        }),
      );
      return out;
    },
    async transposeTimes(left, width) {
      const parts = await Promise.all(
        chunks(rows).map(([startRow, endRow]) =>
          runner.run({ kind: 'sample-transpose-times', startRow, endRow, left: left.slice(startRow * width, endRow * width), width }),
        ),
      );
      const out = new Float64Array(width * dim);
      for (const part of parts) for (let i = 0; i < out.length; i++) out[i] += part[i];
      return out;
    },
  };
}

/**
 * Centres `sample` (rows × dim) in place, gives it to every thread of `runner`, and fits
 * the PCA. For threads to share it, `sample` must live on a SharedArrayBuffer.
 */
export async function fitPcaOnSample(runner: EmbeddingTaskRunner, sample: Float32Array, rows: number, dim: number, options: PcaFitOptions): Promise<PcaModel> {
  if (runner.threads > 0 && !(sample.buffer instanceof SharedArrayBuffer)) throw new Error('a PCA sample shared with worker threads must be on a SharedArrayBuffer');
  const centred = centreRows(sample, rows, dim);
  await runner.broadcast({ kind: 'attach-sample', sample, rows, dim });
  return fitRandomisedPca(sampleProductsOn(runner, rows, dim), centred, options);
}
