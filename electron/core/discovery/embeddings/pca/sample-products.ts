// The PCA sample's two products (see pca.ts) computed chunk by chunk on a task runner, so
// both worker threads share the passes over the sample. Each chunk's part of X·Rᵀ is
// placed at its rows; the chunks' partial Xᵀ·L are added in chunk order, so the result does
// not depend on which thread did what.
import {
  SAMPLE_CHUNK_ROWS,
  fitRandomisedPca,
  type PcaDenseSteps,
  type PcaFitOptions,
  type PcaModel,
  type SampleProducts,
} from './pca.js';
import type { EmbeddingTaskRunner } from '../task-runner.js';

function chunks(rows: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0; start < rows; start += SAMPLE_CHUNK_ROWS)
    out.push([start, Math.min(rows, start + SAMPLE_CHUNK_ROWS)]);
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
          runner.run({
            kind: 'sample-transpose-times',
            startRow,
            endRow,
            left: left.slice(startRow * width, endRow * width),
            width,
          }),
        ),
      );
      const out = new Float64Array(width * dim);
      for (const part of parts) for (let i = 0; i < out.length; i++) out[i] += part[i];
      return out;
    },
  };
}

/** The fit's dense steps as tasks on `runner`, so a runner with workers keeps them off this thread. */
function denseStepsOn(runner: EmbeddingTaskRunner): PcaDenseSteps {
  return {
    orthonormalise: (m, count, length, stride, step) =>
      runner.run({ kind: 'orthonormalise', m, count, length, stride, step }, [m.buffer as ArrayBuffer]),
    principalAxes: (b, width, dim, components) => runner.run({ kind: 'principal-axes', b, width, dim, components }),
  };
}

/**
 * Gives `sample` (rows × dim) to every thread of `runner`, centres it in place and fits the
 * PCA, every step on the runner's threads. For threads to share it, `sample` must live on a
 * SharedArrayBuffer.
 */
export async function fitPcaOnSample(
  runner: EmbeddingTaskRunner,
  sample: Float32Array,
  rows: number,
  dim: number,
  options: PcaFitOptions,
): Promise<PcaModel> {
  if (runner.threads > 0 && !(sample.buffer instanceof SharedArrayBuffer))
    throw new Error('a PCA sample shared with worker threads must be on a SharedArrayBuffer');
  await runner.broadcast({ kind: 'attach-sample', sample, rows, dim });
  const centred = await runner.run({ kind: 'centre-sample' });
  return fitRandomisedPca(sampleProductsOn(runner, rows, dim), centred, options, denseStepsOn(runner));
}
