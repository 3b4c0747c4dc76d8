// `rank --forest` and `map --reference`: a forest or a map reference fitted elsewhere (on a
// sample workspace, exported with export-fitted) applied to every object of an embedding run,
// page by page (paged-apply.ts), so that score and map runs of different workspaces are
// comparable. Each refuses an embedding not made by the model the file was fitted on, and
// records params.fitted = { kind, sha256 } with the embedding run as its parent.
import { writeFileAtomicSync } from '../../util/atomic-write.js';
import type { Workspace } from '../../workspace/workspace.js';
import { finishRun, startRun, type RunRow } from '../../workspace/repositories/runs-repo.js';
import { encodeForest } from '../anomaly/isolation-forest-format.js';
import { embeddingRunOf } from '../pipeline/current-embedding.js';
import { forestPath } from '../pipeline/rank-anomalies.js';
import { checkEmbeddingIdentity } from './embedding-identity.js';
import { fittedParams, keepFittedCopy, readFittedFile, requireKind, type LoadedFit } from './fitted-store.js';
import { PAGE_BYTES, applyByPages, type PagedApplyJob, type PagedApplyOptions } from './paged-apply.js';

export interface FittedApplyOptions extends PagedApplyOptions {
  /** The embedding run to apply it to (default: the newest finished one). */
  embeddingRun?: string;
}

export interface FittedApplyResult {
  runId: string;
  embeddingRun: string;
  count: number;
  /** sha256 of the fitted file, as params.fitted records it. */
  sha256: string;
}

/** Rows per page of map placement: each row costs a search of the reference, so pages are smaller than for scoring. */
const PLACE_PAGE_ROWS = 4096;

/** Starts the run, applies by pages, keeps the file's copy and `besides`, then marks it done (or failed). */
async function applyAsRun(
  workspace: Workspace,
  fit: LoadedFit,
  embedding: RunRow,
  run: { kind: 'score' | 'map'; method: string; params: Record<string, unknown> },
  job: Omit<PagedApplyJob, 'embeddingRun' | 'embeddingsFolder' | 'folder' | 'runId'>,
  options: FittedApplyOptions,
  besides?: (runId: string) => void,
): Promise<FittedApplyResult> {
  const runId = startRun(workspace.db, {
    kind: run.kind,
    method: run.method,
    modality: embedding.modality,
    parentRun: embedding.id,
    params: { embeddingRun: embedding.id, fitted: fittedParams(fit), fitted_from: fit.model.source.run, ...run.params },
  });
  try {
    const folder = run.kind === 'score' ? workspace.paths.scores : workspace.paths.maps;
    const embeddingsFolder = workspace.paths.embeddings;
    const count = await applyByPages({ ...job, embeddingRun: embedding.id, embeddingsFolder, folder, runId }, options);
    keepFittedCopy(workspace, fit);
    besides?.(runId);
    finishRun(workspace.db, runId, 'done');
    return { runId, embeddingRun: embedding.id, count, sha256: fit.sha256 };
  } catch (err) {
    const cancelled = options.signal?.aborted ?? false;
    finishRun(
      workspace.db,
      runId,
      cancelled ? 'cancelled' : 'failed',
      cancelled ? 'cancelled' : (err as Error).message,
    );
    throw err;
  }
}

/** Scores every object of an embedding run with a fixed isolation forest: a score run of method iforest. */
export async function rankWithForest(
  workspace: Workspace,
  options: FittedApplyOptions & { forestFile: string },
): Promise<FittedApplyResult> {
  const fit = requireKind(readFittedFile(options.forestFile), 'forest');
  const embedding = embeddingRunOf(workspace, options.embeddingRun);
  const identity = checkEmbeddingIdentity(workspace, embedding, fit.model.embedding, fit.name, 'forest');
  const { forest } = fit.model;
  return applyAsRun(
    workspace,
    fit,
    embedding,
    { kind: 'score', method: 'iforest', params: { trees: forest.treeOffsets.length - 1 } },
    {
      columns: 1,
      attach: { kind: 'attach-forest', forest },
      work: 'score',
      pageRows: Math.floor(PAGE_BYTES / (4 * identity.dim)),
      stage: 'iforest (fitted)',
    },
    options,
    // Beside the run, as rank keeps its own: the discover queue re-weights its leaves.
    (runId) => writeFileAtomicSync(forestPath(workspace, runId), encodeForest(forest)),
  );
}

/** Places every object of an embedding run on a fixed map reference: a map run whose reference never moves. */
export async function mapWithReference(
  workspace: Workspace,
  options: FittedApplyOptions & { referenceFile: string },
): Promise<FittedApplyResult> {
  const fit = requireKind(readFittedFile(options.referenceFile), 'reference');
  const embedding = embeddingRunOf(workspace, options.embeddingRun);
  checkEmbeddingIdentity(workspace, embedding, fit.model.embedding, fit.name, 'map reference');
  const m = fit.model;
  const settings = { epochs: m.epochs, seed: m.seed };
  const reference = {
    vectors: { data: m.vectors, count: m.points, dim: m.embedding.dim },
    coords: m.coords,
    neighbours: m.neighbours,
    a: m.a,
    b: m.b,
  };
  return applyAsRun(
    workspace,
    fit,
    embedding,
    {
      kind: 'map',
      method: 'umap',
      params: { neighbours: m.neighbours, minDist: m.minDist, seed: settings.seed, epochs: settings.epochs },
    },
    {
      columns: 2,
      attach: { kind: 'attach-reference', reference, settings },
      work: 'place',
      pageRows: PLACE_PAGE_ROWS,
      stage: 'place on reference',
    },
    options,
  );
}
