// The `features` embedding: the morphology features of every object (computed on the task
// runner's threads, batch by batch), then robustly standardised per column so that no
// feature outweighs another merely by its units: with the columns' own statistics, or with a
// fixed scaling read from a fitted file (so other workspaces' vectors come out on the same scale).
import { runBatchPipeline } from '../batch-pipeline.js';
import { featureCount, featureNames } from './morphology-features.js';
import type { ModelInputReader } from '../model-input-batches.js';
import { DEFAULT_CLIP, applyColumnScaling, robustStandardise, type ColumnScaling } from './standardise.js';
import type { EmbeddingTaskRunner } from '../task-runner.js';

/**
 * Objects per task: 6 MB of float16 inputs at 64×64×3, about 0.1 s of work: small enough for prompt progress and
 * cancellation.
 */
const FEATURE_BATCH = 256;

export interface FeaturesEmbedding {
  vectors: Float32Array;
  dim: number;
  names: string[];
  /** The per-column median and scale used to standardise, for reproducing or projecting new objects. */
  centre: number[];
  scale: number[];
}

export async function featuresEmbedding(
  reader: ModelInputReader,
  runner: EmbeddingTaskRunner,
  options: {
    onProgress?: (done: number, total: number, stage: string) => void;
    signal?: AbortSignal;
    /** A fixed scaling (from a fitted file) instead of the columns' own; clipped at `clip`. */
    scaling?: ColumnScaling & { clip: number };
  },
): Promise<FeaturesEmbedding> {
  const { size, bands, count } = reader;
  const dim = featureCount(bands);
  const vectors = new Float32Array(count * dim);
  let done = 0;
  await runBatchPipeline(
    reader.batches(FEATURE_BATCH),
    (batch) =>
      runner.run({ kind: 'features', half: batch.half, count: batch.count, size, bands }, [
        batch.half.buffer as ArrayBuffer,
      ]),
    (batch, features) => {
      vectors.set(features, batch.start * dim);
      done += batch.count;
      options.onProgress?.(done, count, 'features');
    },
    { inFlight: Math.max(2, 2 * runner.threads), signal: options.signal },
  );
  const fixed = options.scaling;
  if (fixed) applyColumnScaling(vectors, count, dim, fixed, fixed.clip);
  const scaling = fixed ?? robustStandardise(vectors, count, dim, DEFAULT_CLIP);
  return {
    vectors,
    dim,
    names: featureNames(bands),
    centre: Array.from(scaling.centre),
    scale: Array.from(scaling.scale),
  };
}
