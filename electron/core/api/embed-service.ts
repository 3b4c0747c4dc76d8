// The embed, export-model and export-fitted methods of the API: a request checked and turned
// into the run that does the work (classical, learned, ONNX, or a fitted file applied), or a
// run's model written out, each refusal with its error code. The ONNX modules load when first
// asked for, to keep them off the start-up path.
import type { z } from 'zod';
import type { Workspace } from '../workspace/workspace.js';
import { getRun } from '../workspace/repositories/runs-repo.js';
import { runEmbedding } from '../discovery/embeddings/embedding-run.js';
import { inputStores } from '../discovery/embeddings/model-input-batches.js';
import { spectrumInputStoreName } from '../ingest/model-input-store.js';
import { SPECTRUM_GRID } from '../ingest/spectrum-grid.js';
import { exportFitted } from '../discovery/fitted/export-fitted.js';
import { runLearnedEmbedding } from '../discovery/embeddings/learned/learned-embedding-run.js';
import { describeSelection } from '../../../native-models/backends/backend-interface.js';
import { SerendipError } from './errors.js';
import { DEFAULT_EMBED_METHOD } from './contract-lists.js';
import {
  EmbedRequest,
  ExportFittedRequest,
  ExportModelRequest,
  LEARNED_EMBED_METHODS,
  isLearnedEmbedMethod,
  type CallOptions,
  type EmbedResult,
  type ExportFittedResult,
  type ExportModelResult,
} from './contract.js';

export async function embedCollection(
  workspace: Workspace,
  request: EmbedRequest,
  options: CallOptions = {},
): Promise<EmbedResult> {
  const r = EmbedRequest.parse(request);
  const method = r.method ?? DEFAULT_EMBED_METHOD[r.modality];
  if (r.fitted !== undefined && (r.model !== undefined || (method !== 'pca' && method !== 'features')))
    throw new SerendipError(
      'bad-request',
      '--fitted applies a pca or features model: use it with --method pca or features',
    );
  if (r.model !== undefined) return embedOnnx(workspace, r, options);
  const store = gridStore(workspace, r);
  const onProgress = (done: number, total: number, stage: string, detail?: string): void =>
    options.onProgress?.({ stage: `embed ${method}: ${stage}`, done, total, detail });
  if (isLearnedEmbedMethod(method)) {
    const result = await runLearnedEmbedding(workspace, {
      method,
      modality: r.modality,
      dim: r.dim,
      sample: r.sample,
      seed: r.seed,
      epochs: r.epochs,
      batchSize: r.batchSize,
      width: r.width,
      backend: r.backend,
      resume: r.resume,
      stability: r.stability,
      store,
      signal: options.signal,
      onProgress,
      onBackend: (selected) => onProgress(0, 1, describeSelection(selected)),
    });
    return {
      runId: result.runId,
      count: result.count,
      dim: result.dim,
      backend: result.backend.name,
      device: result.backend.device,
      reconstructionRun: result.reconstructionRun,
      encodedWith: result.encodedWith,
    };
  }
  if (r.modality === 'spectrum' && method !== 'pca') {
    const others = ['pca', ...LEARNED_EMBED_METHODS].join(', ');
    throw new SerendipError(
      'unsupported',
      `the ${method} embedding is for images; embed spectra with --method ${others}`,
    );
  }
  if (r.modality === 'spectrum' && r.fitted !== undefined)
    throw new SerendipError('unsupported', '--fitted applies image models; embed spectra with --method pca alone');
  const result = await runEmbedding(workspace, {
    method,
    modality: r.modality,
    dim: r.dim,
    sample: r.sample,
    seed: r.seed,
    fitted: r.fitted,
    store,
    signal: options.signal,
    onProgress,
  });
  return { runId: result.runId, count: result.count, dim: result.dim };
}

/** The model-input store of `grid` (spectra only), checked to hold some; undefined: the default store. */
function gridStore(workspace: Workspace, r: z.output<typeof EmbedRequest>): string | undefined {
  if (r.grid === undefined) return undefined;
  if (r.modality !== 'spectrum')
    throw new SerendipError('bad-request', '--grid picks a spectrum grid: add --modality spectrum');
  const store = spectrumInputStoreName(SPECTRUM_GRID.length, r.grid);
  const present = inputStores(workspace.db, 'spectrum');
  if (!present.some((s) => s.name === store)) {
    const grids = present.map((s) => `${s.name} (${s.objects})`).join(', ') || 'none';
    throw new SerendipError('not-found', `no spectra are on the ${r.grid} grid; the spectrum stores are: ${grids}`);
  }
  return store;
}

/** `embed` with `model`: a pretrained ONNX encoder over the image inputs. */
async function embedOnnx(
  workspace: Workspace,
  r: z.output<typeof EmbedRequest>,
  options: CallOptions,
): Promise<EmbedResult> {
  if (r.method !== undefined && r.method !== 'features') {
    throw new SerendipError('bad-request', `--model runs a pretrained encoder; leave out --method ${r.method}`);
  }
  if (r.modality !== 'image') {
    throw new SerendipError('unsupported', '--model runs an image encoder; spectra are not supported');
  }
  let provider = '';
  const { normalisationFrom, runOnnxEmbedding } = await import('../discovery/embeddings/onnx/onnx-embedding-run.js');
  const result = await runOnnxEmbedding(workspace, {
    model: r.model!,
    inputSize: r.inputSize,
    output: r.output,
    provider: r.provider,
    normalisation: normalisationFrom(r.normalise, r.mean, r.std),
    signal: options.signal,
    onProgress: (done, total, stage) => options.onProgress?.({ stage: `embed onnx: ${stage}`, done, total }),
    onProvider: (line) => {
      provider = line;
      options.onProgress?.({ stage: `embed onnx: ${line}`, done: 0, total: 1 });
    },
  });
  return { runId: result.runId, count: result.count, dim: result.dim, provider, modelSha256: result.modelSha256 };
}

/** A learned run's encoder as an ONNX file; the run is checked here so each refusal has its code. */
export async function exportRunModel(
  workspace: Workspace,
  request: ExportModelRequest,
  options: CallOptions = {},
): Promise<ExportModelResult> {
  const r = ExportModelRequest.parse(request);
  const run = getRun(workspace.db, r.run);
  if (!run) throw new SerendipError('not-found', `no run ${r.run} in this workspace`);
  if (run.kind !== 'embedding' || !isLearnedEmbedMethod(run.method)) {
    const learned = LEARNED_EMBED_METHODS.join(' and ');
    const what = `run ${r.run} (${run.kind}, method ${run.method})`;
    throw new SerendipError('unsupported', `${what} has no encoder to export; only ${learned} embedding runs do`);
  }
  if (run.status !== 'done') {
    throw new SerendipError('conflict', `run ${r.run} is ${run.status}; only a finished run's encoder exports`);
  }
  options.signal?.throwIfAborted();
  options.onProgress?.({ stage: `export-model ${r.run}`, done: 0, total: 1 });
  const { exportRunEncoder } = await import('../discovery/embeddings/onnx/onnx-export.js');
  const result = await exportRunEncoder(workspace, r.run, r.out);
  options.onProgress?.({ stage: `export-model ${r.run}`, done: 1, total: 1 });
  return result;
}

/** A finished run's model as a fitted file (pca, features, forest or map reference). */
export async function exportRunFitted(
  workspace: Workspace,
  request: ExportFittedRequest,
  options: CallOptions = {},
): Promise<ExportFittedResult> {
  const r = ExportFittedRequest.parse(request);
  options.signal?.throwIfAborted();
  options.onProgress?.({ stage: `export-fitted ${r.run}`, done: 0, total: 1 });
  const result = await exportFitted(workspace, r);
  options.onProgress?.({ stage: `export-fitted ${r.run}`, done: 1, total: 1 });
  return result;
}
