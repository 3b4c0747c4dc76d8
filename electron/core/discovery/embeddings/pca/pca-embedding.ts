// The `pca` embedding: a randomised PCA of the (binned) model-input pixels, fitted on a
// seeded sample of objects and then applied to every object in streamed batches.
import { runBatchPipeline } from '../batch-pipeline.js';
import { samplePositions, type ModelInputReader } from '../model-input-batches.js';
import { projectionOffsets, type PcaModel, type PcaProjection } from './pca.js';
import { defaultPixelBin, vectorLength } from './pixel-vectors.js';
import { fitPcaOnSample } from './sample-products.js';
import type { EmbeddingTaskRunner } from '../task-runner.js';

export const DEFAULT_PCA_DIM = 32;
export const DEFAULT_PCA_SAMPLE = 20_000;
const PCA_BATCH = 512;

export interface PcaEmbeddingOptions {
  dim?: number;
  /** Objects the PCA is fitted on (default 20,000, or all when fewer). */
  sample?: number;
  seed?: number;
  powerIterations?: number;
  oversample?: number;
  /** Pixel bin before PCA (default: 2 for frames of 32 px and more; 1 for spectra). */
  pixelBin?: number;
  /** The reader holds spectrum inputs ([length, channels] rows): PCA reads their flux channel. */
  spectrum?: boolean;
  onProgress?: (done: number, total: number, stage: string) => void;
  signal?: AbortSignal;
}

export interface PcaEmbedding {
  vectors: Float32Array;
  dim: number;
  model: PcaModel;
  sampleRows: number;
  pixelBin: number;
}

export async function pcaEmbedding(
  reader: ModelInputReader,
  runner: EmbeddingTaskRunner,
  options: PcaEmbeddingOptions,
): Promise<PcaEmbedding> {
  const { size, bands, count } = reader;
  const spectrum = options.spectrum ?? false;
  const bin = options.pixelBin ?? (spectrum ? 1 : defaultPixelBin(size));
  const geometry = { size, bands, bin, spectrum };
  const length = vectorLength(geometry);
  const seed = options.seed ?? 0;
  const progress = options.onProgress;

  const positions = samplePositions(count, Math.max(1, options.sample ?? DEFAULT_PCA_SAMPLE), seed);
  const rows = positions.length;
  // Shared, so the worker threads fill it and later read it where it lies.
  const sample = new Float32Array(new SharedArrayBuffer(rows * length * Float32Array.BYTES_PER_ELEMENT));
  await runner.broadcast({ kind: 'attach-sample', sample, rows, dim: length });
  let sampled = 0;
  await runBatchPipeline(
    reader.batches(PCA_BATCH, positions),
    (batch) =>
      runner.run({ kind: 'sample-pixels', half: batch.half, count: batch.count, firstRow: batch.start, geometry }, [
        batch.half.buffer as ArrayBuffer,
      ]),
    (batch) => {
      sampled += batch.count;
      progress?.(sampled, rows, 'sample');
    },
    { inFlight: Math.max(2, 2 * runner.threads), signal: options.signal },
  );

  const model = await fitPcaOnSample(runner, sample, rows, length, {
    components: options.dim ?? DEFAULT_PCA_DIM,
    oversample: options.oversample,
    powerIterations: options.powerIterations,
    seed,
    signal: options.signal,
    onPass: (done, total) => progress?.(done, total, 'fit'),
  });

  const vectors = await projectPixels(reader, runner, model, bin, { ...options, spectrum });
  return { vectors, dim: model.components, model, sampleRows: rows, pixelBin: bin };
}

/**
 * Every object's pixel vector projected on a PCA's components (fitted here, or read from a fitted
 * file): count × components, in the reader's object order.
 */
export async function projectPixels(
  reader: ModelInputReader,
  runner: EmbeddingTaskRunner,
  model: PcaProjection,
  bin: number,
  options: Pick<PcaEmbeddingOptions, 'onProgress' | 'signal' | 'spectrum'>,
): Promise<Float32Array> {
  const { size, bands, count } = reader;
  const dim = model.components;
  await runner.broadcast({
    kind: 'attach-projection',
    geometry: { size, bands, bin, spectrum: options.spectrum ?? false },
    componentsT: model.componentsT,
    components: dim,
    offsets: projectionOffsets(model),
  });
  const vectors = new Float32Array(count * dim);
  let done = 0;
  await runBatchPipeline(
    reader.batches(PCA_BATCH),
    (batch) =>
      runner.run({ kind: 'project', half: batch.half, count: batch.count }, [batch.half.buffer as ArrayBuffer]),
    (batch, projected) => {
      vectors.set(projected, batch.start * dim);
      done += batch.count;
      options.onProgress?.(done, count, 'project');
    },
    { inFlight: Math.max(2, 2 * runner.threads), signal: options.signal },
  );
  return vectors;
}
