// `map`: UMAP coordinates of the current embedding, laid out on the same kNN graph the
// anomaly scores use, saved as a map run (maps/<run>.npy, N×2, with ids).
import type { Workspace } from '../../workspace/workspace.js';
import { finishRun, startRun } from '../../workspace/repositories/runs-repo.js';
import { computeUmapLayout } from '../umap/index.js';
import { saveRunArray } from '../run-arrays.js';
import { embeddingKnnGraph, knnGraphCached, loadEmbedding } from './current-embedding.js';
import { openScoringRunner } from '../anomaly/scoring-runner.js';

export interface MapOptions {
  embeddingRun?: string;
  /** The newest embedding of this modality when no run is named (default: the newest of any). */
  modality?: string;
  neighbours?: number;
  minDist?: number;
  seed?: number;
  onProgress?: (done: number, total: number, stage: string) => void;
  signal?: AbortSignal;
}

export async function buildMap(
  workspace: Workspace,
  options: MapOptions = {},
): Promise<{ runId: string; count: number; embeddingRun: string }> {
  const embedding = loadEmbedding(workspace, options.embeddingRun, options.modality);
  const neighbours = options.neighbours ?? 15;
  const params = {
    embeddingRun: embedding.run.id,
    neighbours,
    minDist: options.minDist ?? 0.1,
    seed: options.seed ?? 0,
  };
  const runId = startRun(workspace.db, {
    kind: 'map',
    method: 'umap',
    modality: embedding.run.modality,
    parentRun: embedding.run.id,
    params,
  });
  try {
    const onNeighbours = (d: number, t: number): void => options.onProgress?.(d, t, 'neighbours');
    if (!knnGraphCached(workspace, embedding.run.id, neighbours)) {
      // Built on the scoring worker (and cached) when `rank` has not built it: minutes at a
      // million rows, which on this thread would stall the window, and could not be cancelled.
      const runner = openScoringRunner(workspace.paths, embedding);
      try {
        await runner.run({ kind: 'knn-graph', k: neighbours }, { signal: options.signal, onProgress: onNeighbours });
      } finally {
        await runner.close();
      }
    }
    const graph = embeddingKnnGraph(workspace, embedding, neighbours, onNeighbours);
    const layout = await computeUmapLayout(graph, {
      minDist: params.minDist,
      seed: params.seed,
      vectors: embedding.vectors,
      signal: options.signal,
      onProgress: (fraction, stage) => options.onProgress?.(Math.round(fraction * 1000), 1000, `umap: ${stage}`),
    });
    await saveRunArray(workspace.paths.maps, runId, {
      data: layout,
      rows: embedding.vectors.count,
      columns: 2,
      ids: embedding.ids,
    });
    finishRun(workspace.db, runId, 'done');
    return { runId, count: embedding.vectors.count, embeddingRun: embedding.run.id };
  } catch (err) {
    finishRun(workspace.db, runId, options.signal?.aborted ? 'cancelled' : 'failed', (err as Error).message);
    throw err;
  }
}
