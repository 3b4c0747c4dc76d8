// `serendip embed --model encoder.onnx`: a pretrained encoder, run over every stored image
// model input of one store. The model file is copied into the workspace first
// (models/onnx/<sha256>.onnx, onnx-model-store.ts) and opened from that copy, so the run
// names exactly the bytes it used. A model whose input cannot be fed is refused before a run
// is recorded (and its fresh copy removed). Batches stream from the store through the
// encoder into embeddings/<run>.npy (+ .ids.npy), as every embedding run is written.
import { join } from 'node:path';
import { writeNpyAsync } from '../../../formats/arrays/npy.js';
import { fromFloat16Bits, toFloat16Bits } from '../../../formats/arrays/float16.js';
import { finishRun, startRun } from '../../../workspace/repositories/runs-repo.js';
import type { Workspace } from '../../../workspace/workspace.js';
import { ModelInputReader, decodeBatch, imageInputStores, noModelInputs } from '../model-input-batches.js';
import { forgetOnnxModel, importOnnxModel } from './onnx-model-store.js';
import { providerCheckFile } from './provider-check-file.js';
import {
  ONNXRUNTIME_VERSION,
  OnnxEncoder,
  type Normalisation,
  type OnnxProviderChoice,
  type OnnxProviderName,
  type ProviderCheckStore,
} from '../../../../../native-models/onnx/index.js';

export interface OnnxEmbeddingOptions {
  /** Path of the .onnx file. */
  model: string;
  /** Side fed to a model with dynamic spatial dims (default the stored side). */
  inputSize?: number;
  /** Default `asinh`: the stored values as they are. */
  normalisation?: Normalisation;
  /** Output that becomes the embedding (default the model's first). */
  output?: string;
  provider?: OnnxProviderChoice;
  /** Model-input store under inputs/; default the image store with the most objects. */
  store?: string;
  /** Objects per batch (default 64; a model's fixed batch size divides it into runs of that size). */
  batchSize?: number;
  /** CPU provider intra-op threads (default one per core). */
  threads?: number;
  /** Where accelerators' first-use checks are kept (default the user-data folder's file). */
  providerChecks?: ProviderCheckStore;
  onProgress?: (done: number, total: number, stage: string) => void;
  /** The provider chosen, in words, as soon as it is known. */
  onProvider?: (description: string) => void;
  signal?: AbortSignal;
}

export interface OnnxEmbeddingResult {
  runId: string;
  count: number;
  dim: number;
  provider: OnnxProviderName;
  modelSha256: string;
  imagesPerSecond: number;
}

export const DEFAULT_ONNX_BATCH = 64;
const HALF = { encode: (v: Float32Array) => toFloat16Bits(v), decode: (b: Uint16Array) => fromFloat16Bits(b) };

/**
 * The normalisation asked for: `meanstd` needs `mean` and `std` (one value, or one per band),
 * and is implied by them; default `asinh`, the stored values as they are.
 */
export function normalisationFrom(method?: 'asinh' | 'meanstd', mean?: number[], std?: number[]): Normalisation {
  const given = mean !== undefined || std !== undefined;
  if ((method ?? (given ? 'meanstd' : 'asinh')) === 'asinh') {
    if (given) throw new Error('--mean and --std go with --normalise meanstd');
    return { method: 'asinh' };
  }
  if (!mean || !std) throw new Error('--normalise meanstd needs --mean and --std (one value, or one per band)');
  return { method: 'meanstd', mean, std };
}

export async function runOnnxEmbedding(
  workspace: Workspace,
  options: OnnxEmbeddingOptions,
): Promise<OnnxEmbeddingResult> {
  const store = options.store ?? imageInputStores(workspace.db)[0]?.name;
  if (!store) throw new Error(noModelInputs('image'));
  const reader = ModelInputReader.open(workspace, store);
  let encoder: OnnxEncoder | null = null;
  let runId: string | null = null;
  const progress = options.onProgress ?? (() => undefined);
  try {
    if (reader.count === 0) throw new Error(`${store} has no readable model inputs`);
    progress(0, 1, 'copy model into the workspace');
    const stored = await importOnnxModel(workspace, options.model);
    const normalisation = options.normalisation ?? { method: 'asinh' };
    try {
      encoder = await OnnxEncoder.open(stored.path, {
        bands: reader.bands,
        storedSize: reader.size,
        inputSize: options.inputSize,
        output: options.output,
        normalisation,
        provider: options.provider,
        half: HALF,
        checks: options.providerChecks ?? providerCheckFile(),
        session: { threads: options.threads },
      });
    } catch (err) {
      forgetOnnxModel(stored);
      throw err;
    }
    options.onProvider?.(encoder.providerDescription);
    const { plan, output } = encoder;
    const requested = {
      store,
      size: reader.size,
      bands: reader.bands,
      objects: reader.count,
      skipped: reader.skipped,
      model: { file_name: stored.fileName, sha256: stored.sha256, size: stored.size, path: stored.relativePath },
      input: {
        name: plan.name,
        type: plan.type,
        shape: plan.declaredShape,
        layout: plan.layout,
        size: plan.size,
        fixed_batch: plan.fixedBatch,
      },
      output: { name: output.name, type: output.type, shape: output.shape },
      resize: plan.size === reader.size ? 'none' : 'bilinear, half-pixel centres',
      normalisation,
      provider: encoder.provider,
      provider_description: encoder.providerDescription,
      adapter: encoder.opened.adapter,
      threads: encoder.threads,
      providers_skipped: encoder.opened.skipped,
      onnxruntime: ONNXRUNTIME_VERSION,
    };
    runId = startRun(workspace.db, { kind: 'embedding', method: 'onnx', modality: 'image', params: requested });

    const fixed = plan.fixedBatch;
    const wanted = options.batchSize ?? DEFAULT_ONNX_BATCH;
    const batchSize = fixed ? Math.max(1, Math.round(wanted / fixed)) * fixed : wanted;
    let vectors: Float32Array | null = null;
    let dim = 0;
    const started = performance.now();
    for (const batch of reader.batches(batchSize)) {
      options.signal?.throwIfAborted();
      const rows = await encoder.encode(decodeBatch(batch), batch.count);
      if (!vectors) {
        dim = rows.length / batch.count;
        if (!Number.isInteger(dim) || dim < 1)
          throw new Error(`output '${output.name}' gave ${rows.length} values for ${batch.count} objects`);
        vectors = new Float32Array(reader.count * dim);
      }
      vectors.set(rows, batch.start * dim);
      progress(batch.start + batch.count, reader.count, 'encode');
    }
    const imagesPerSecond = reader.count / Math.max((performance.now() - started) / 1000, 1e-9);
    options.signal?.throwIfAborted();
    // Written directly, not through saveRunArray: an encoder may give one value per object, and an
    // embedding stays N × D even then (saveRunArray writes a single column as a 1-D array).
    // Asynchronously, as saveRunArray does: a million rows' fsync must not stall the window.
    await writeNpyAsync(
      join(workspace.paths.embeddings, `${runId}.ids.npy`),
      BigInt64Array.from(reader.ids, (id) => BigInt(id)),
      [reader.count],
    );
    await writeNpyAsync(join(workspace.paths.embeddings, `${runId}.npy`), vectors!, [reader.count, dim]);
    finishRun(workspace.db, runId, 'done', undefined, {
      ...requested,
      dim,
      batch_size: batchSize,
      images_per_second: Number(imagesPerSecond.toPrecision(4)),
    });
    return { runId, count: reader.count, dim, provider: encoder.provider, modelSha256: stored.sha256, imagesPerSecond };
  } catch (err) {
    if (runId) {
      const cancelled = options.signal?.aborted ?? false;
      finishRun(
        workspace.db,
        runId,
        cancelled ? 'cancelled' : 'failed',
        cancelled ? 'cancelled' : err instanceof Error ? err.message : String(err),
      );
    }
    throw err;
  } finally {
    await encoder?.dispose();
    reader.close();
  }
}
