// "The current embedding": the newest finished embedding run (of a modality, when asked),
// loaded with everything derived from it and cached beside it in embeddings/: the vector
// index (<run>.index) and the k-nearest-neighbour graph (<run>.knn<k>.*.npy) that LOF,
// UMAP and the queue share, so each is computed once per run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '../../workspace/workspace.js';
import { getRun, latestDoneRun, type RunRow } from '../../workspace/repositories/runs-repo.js';
import { loadRunArray } from '../run-arrays.js';
import { buildVectorIndex, loadVectorIndex } from '../neighbours/open-index.js';
import type { VectorIndex } from '../neighbours/vector-index.js';
import type { KnnGraph, VectorSet } from '../vectors.js';
import { readNpyFile, writeNpy } from '../../formats/arrays/npy.js';
import { rowLookup, type RowLookup } from '../row-lookup.js';

export class NoEmbeddingError extends Error {
  override name = 'NoEmbeddingError';
  /** An ErrorCode of the API contract (a field, so this module imports nothing of the api layer): 409 over HTTP. */
  readonly code = 'conflict';
  constructor(modality?: string) {
    super(
      modality === 'spectrum'
        ? 'no spectrum embedding yet: run `serendip embed <workspace> --modality spectrum` first'
        : `no ${modality ? `${modality} ` : ''}embedding yet: run \`serendip embed <workspace>\` first`,
    );
  }
}

export interface CurrentEmbedding {
  run: RunRow;
  vectors: VectorSet;
  /** Object id of each row. */
  ids: Float64Array;
  /** Row of an object id (undefined when the run has none). */
  rowOf: RowLookup;
}

/** A named run that is missing or is not a finished embedding; `code` as NoEmbeddingError's. */
export class EmbeddingRunError extends Error {
  override name = 'EmbeddingRunError';
  constructor(
    message: string,
    readonly code: 'not-found' | 'conflict',
  ) {
    super(message);
  }
}

/** The run loadEmbedding reads (the newest finished embedding, or the one named), found without reading it. */
export function embeddingRunOf(workspace: Workspace, runId?: string, modality?: string): RunRow {
  const run = runId ? getRun(workspace.db, runId) : latestDoneRun(workspace.db, 'embedding', modality);
  if (!run)
    throw runId
      ? new EmbeddingRunError(`no run ${runId} in this workspace`, 'not-found')
      : new NoEmbeddingError(modality);
  if (run.kind !== 'embedding' || run.status !== 'done')
    throw new EmbeddingRunError(`run ${run.id} is not a finished embedding`, 'conflict');
  return run;
}

export function loadEmbedding(workspace: Workspace, runId?: string, modality?: string): CurrentEmbedding {
  const run = embeddingRunOf(workspace, runId, modality);
  const array = loadRunArray(workspace.paths.embeddings, run.id);
  return {
    run,
    vectors: { data: array.data, count: array.rows, dim: array.columns },
    ids: array.ids,
    rowOf: rowLookup(array.ids),
  };
}

export function embeddingIndex(
  workspace: Pick<Workspace, 'paths'>,
  embedding: Pick<CurrentEmbedding, 'run' | 'vectors'>,
  onProgress?: (done: number, total: number) => void,
): VectorIndex {
  const path = join(workspace.paths.embeddings, `${embedding.run.id}.index`);
  if (existsSync(path)) return loadVectorIndex(path, embedding.vectors);
  const index = buildVectorIndex(embedding.vectors, { onProgress });
  index.save(path);
  return index;
}

// Only the workspace's paths and the run's vectors are read, so a worker thread can call these too.
function knnGraphFiles(
  workspace: Pick<Workspace, 'paths'>,
  runId: string,
  k: number,
): { indicesPath: string; distancesPath: string } {
  const base = join(workspace.paths.embeddings, `${runId}.knn${k}`);
  return { indicesPath: `${base}.indices.npy`, distancesPath: `${base}.distances.npy` };
}

/** Whether embeddingKnnGraph would read the graph from its cache rather than build it. */
export function knnGraphCached(workspace: Pick<Workspace, 'paths'>, runId: string, k = 15): boolean {
  const { indicesPath, distancesPath } = knnGraphFiles(workspace, runId, k);
  return existsSync(indicesPath) && existsSync(distancesPath);
}

export function embeddingKnnGraph(
  workspace: Pick<Workspace, 'paths'>,
  embedding: Pick<CurrentEmbedding, 'run' | 'vectors'>,
  k = 15,
  onProgress?: (done: number, total: number) => void,
): KnnGraph {
  const { indicesPath, distancesPath } = knnGraphFiles(workspace, embedding.run.id, k);
  if (knnGraphCached(workspace, embedding.run.id, k)) {
    return {
      count: embedding.vectors.count,
      k,
      indices: readNpyFile(indicesPath).data as Int32Array,
      distances: readNpyFile(distancesPath).data as Float32Array,
    };
  }
  // Building the index is half the work at a million rows (minutes on two cores): progress
  // covers it too, as the first half, so a job never sits silent through it.
  const count = embedding.vectors.count;
  const building = !existsSync(join(workspace.paths.embeddings, `${embedding.run.id}.index`));
  const index = embeddingIndex(
    workspace,
    embedding,
    building && onProgress ? (done) => onProgress(done, 2 * count) : undefined,
  );
  const graph = index.knnGraph(k, {
    onProgress: building && onProgress ? (done) => onProgress(count + done, 2 * count) : onProgress,
  });
  writeNpy(distancesPath, graph.distances, [graph.count, k]);
  writeNpy(indicesPath, graph.indices, [graph.count, k]);
  return graph;
}
