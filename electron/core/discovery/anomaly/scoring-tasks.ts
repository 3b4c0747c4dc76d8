// The CPU-heavy half of `rank` as plain tasks: fit and score the isolation forest (and the
// rank spread across more seeds), build
// (or read back) the kNN graph and turn it into LOF / kNN-distance scores, and average
// ranks for the ensemble; also `map`'s kNN graph and the discover queue's forest leaves.
// The same service runs on the scoring worker thread or on the calling thread
// (scoring-runner.ts). Database writes
// stay with the caller: a task only reads the embedding and writes the graph cache files.
import type { TaskService } from '../../util/worker-tasks.js';
import type { WorkspacePaths } from '../../workspace/workspace.js';
import { loadRunArray } from '../run-arrays.js';
import type { RunRow } from '../../workspace/repositories/runs-repo.js';
import { embeddingKnnGraph, type CurrentEmbedding } from '../pipeline/current-embedding.js';
import { IsolationForest } from './isolation-forest.js';
import { knnDistanceScore, localOutlierFactor } from './knn-scores.js';
import { ensembleByRank } from './rank-ensemble.js';
import { scoreWithSeeds, seedRankSpread } from './seed-rank-spread.js';
import { leafFeedbackContext, type LeafFeedbackContext } from '../active/leaf-weight-feedback.js';

export type ScoringTask =
  /** The forest from `seed`, and the rank spread across it and one more forest per `spreadSeeds` (seed-rank-spread). */
  | { kind: 'iforest'; seed: number; spreadSeeds?: number[] }
  /** LOF or mean kNN distance over the embedding's k-nearest-neighbour graph (cached beside the run). */
  | { kind: 'neighbours'; method: 'lof' | 'knn'; k: number }
  | { kind: 'ensemble'; members: Float64Array[] }
  /** The discover queue's forest feedback context (every row's leaves, inverted): seconds at a million rows. */
  | { kind: 'leaf-context'; forest: Uint8Array }
  /**
   * Only builds and caches the kNN graph beside the run (for `map`, when `rank` has not): minutes at a million rows.
   */
  | { kind: 'knn-graph'; k: number };

export interface ScoringResult {
  /** One score per embedding row, higher = more anomalous. */
  values: Float64Array;
  /** iforest only: the fitted forest (isolation-forest-format), saved beside its score run; else null. */
  forest: Uint8Array | null;
  /** iforest only: its tree count; else null. */
  trees: number | null;
  /** iforest with spreadSeeds only: per row [best, worst] rank across the forests (seedRankSpread). */
  seedSpread?: Float32Array;
  /** leaf-context only: the context's arrays (leafFeedbackContext, less the forest itself). */
  leafContext?: Omit<LeafFeedbackContext, 'forest'>;
}

/** Which embedding a task scores: the worker loads it from the run's files. */
export interface ScoringTarget {
  paths: WorkspacePaths;
  run: RunRow;
}

export type ScoringEmbedding = Pick<CurrentEmbedding, 'run' | 'vectors'>;

/** A task as posted to a scoring thread: the embedding it scores, and what to do. */
export interface ScoringRequest {
  target: ScoringTarget;
  task: ScoringTask;
}

/** Progress of a long task: [done, total]. */
export type ScoringProgress = [done: number, total: number];

export function performScoringTask(
  embedding: ScoringEmbedding,
  paths: WorkspacePaths,
  task: ScoringTask,
  onProgress: (done: number, total: number) => void = () => undefined,
): ScoringResult {
  switch (task.kind) {
    case 'iforest': {
      const forest = IsolationForest.fit(embedding.vectors, { seed: task.seed });
      const values = forest.score(embedding.vectors);
      const seeds = task.spreadSeeds ?? [];
      onProgress(1, seeds.length + 1);
      // Grown like the saved forest (same tree count), so the spread is that of the ranking it gave.
      const others = scoreWithSeeds(embedding.vectors, seeds, {
        trees: forest.treeCount,
        onForest: (done) => onProgress(done + 1, seeds.length + 1),
      });
      const seedSpread = seeds.length > 0 ? seedRankSpread([values, ...others], embedding.vectors.count) : undefined;
      return { values, forest: forest.toBytes(), trees: forest.treeCount, seedSpread };
    }
    case 'neighbours': {
      const graph = embeddingKnnGraph({ paths }, embedding, task.k, onProgress);
      const values = task.method === 'lof' ? localOutlierFactor(graph) : knnDistanceScore(graph, { aggregate: 'mean' });
      return { values, forest: null, trees: null };
    }
    case 'ensemble':
      return { values: ensembleByRank(task.members), forest: null, trees: null };
    case 'knn-graph':
      embeddingKnnGraph({ paths }, embedding, task.k, onProgress);
      return { values: new Float64Array(0), forest: null, trees: null };
    case 'leaf-context': {
      const forest = IsolationForest.fromBytes(task.forest);
      const { forest: _forest, ...leafContext } = leafFeedbackContext(forest, forest.leafIndices(embedding.vectors));
      return { values: new Float64Array(0), forest: null, trees: null, leafContext };
    }
  }
}

/** The buffers of a result, to transfer rather than copy across threads. */
export function resultBuffers(result: ScoringResult): ArrayBuffer[] {
  const context = result.leafContext ? Object.values(result.leafContext).map((a) => a.buffer) : [];
  const buffers = [result.values.buffer, result.forest?.buffer, result.seedSpread?.buffer, ...context].filter(
    (b): b is ArrayBuffer => b instanceof ArrayBuffer,
  );
  return [...new Set(buffers)];
}

/**
 * A thread's scoring service. It loads the embedding it is pointed at once per run (the
 * calling thread's service starts with the caller's embedding in memory).
 */
export function createScoringService(
  preloaded: ScoringEmbedding | null = null,
): TaskService<ScoringRequest, ScoringResult, ScoringProgress> {
  let loaded = preloaded;
  return {
    perform({ target, task }, context) {
      if (loaded?.run.id !== target.run.id) {
        const array = loadRunArray(target.paths.embeddings, target.run.id);
        loaded = { run: target.run, vectors: { data: array.data, count: array.rows, dim: array.columns } };
      }
      return performScoringTask(loaded, target.paths, task, (done, total) => context.emit([done, total]));
    },
    transferOf: resultBuffers,
  };
}
