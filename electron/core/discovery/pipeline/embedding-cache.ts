// The embeddings an open workspace's interactive calls (`similar`, the queue) read, kept
// between calls: at a million rows, reading a run's .npy and mapping its ids costs about
// half a second, and opening its saved vector index as much again, far over what one
// keypress may take. Runs never change once done, so a run id is a complete cache key.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Workspace } from '../../workspace/workspace.js';
import { getRun, latestDoneRun } from '../../workspace/repositories/runs-repo.js';
import { loadVectorIndex } from '../neighbours/open-index.js';
import type { VectorIndex } from '../neighbours/vector-index.js';
import { ExactIndex } from '../neighbours/exact-index.js';
import { loadEmbedding, type CurrentEmbedding } from './current-embedding.js';

/** Runs kept at once: an image and a spectrum embedding, without holding on to every old run. */
const KEPT_RUNS = 2;

export class EmbeddingCache {
  private readonly runs = new Map<
    string,
    { embedding: CurrentEmbedding; index: VectorIndex | null; exact: ExactIndex | null }
  >();

  /** loadEmbedding's answer, from memory when the run asked for (or the newest) was read before. */
  embedding(workspace: Workspace, runId?: string, modality?: string): CurrentEmbedding {
    const run = runId ? getRun(workspace.db, runId) : latestDoneRun(workspace.db, 'embedding', modality);
    const kept = run ? this.runs.get(run.id) : undefined;
    if (kept) {
      // Most recently used last, so the eviction below drops the least recently used.
      this.runs.delete(run!.id);
      this.runs.set(run!.id, kept);
      return kept.embedding;
    }
    const embedding = loadEmbedding(workspace, runId, modality);
    this.keep({ embedding, index: null, exact: null });
    return embedding;
  }

  private keep(entry: { embedding: CurrentEmbedding; index: VectorIndex | null; exact: ExactIndex | null }): void {
    this.runs.set(entry.embedding.run.id, entry);
    while (this.runs.size > KEPT_RUNS) this.runs.delete(this.runs.keys().next().value!);
  }

  /**
   * The run's saved vector index when a job (rank, map) has built one; otherwise an exact
   * index over the vectors. Never builds the graph index here: at a million rows that takes
   * minutes, which a job with progress and cancel must do, while one exact query takes tens
   * of milliseconds.
   */
  index(workspace: Pick<Workspace, 'paths'>, embedding: CurrentEmbedding): VectorIndex {
    let kept = this.runs.get(embedding.run.id);
    if (!kept || kept.embedding !== embedding) {
      kept = { embedding, index: null, exact: null };
      this.keep(kept);
    }
    if (!kept.index) {
      const path = join(workspace.paths.embeddings, `${embedding.run.id}.index`);
      if (existsSync(path)) kept.index = loadVectorIndex(path, embedding.vectors);
    }
    if (kept.index) return kept.index;
    kept.exact ??= new ExactIndex(embedding.vectors);
    return kept.exact;
  }
}
