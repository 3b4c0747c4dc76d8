// `queue`: what to look at next, given every label so far.
// - discover: the anomaly ranking re-weighted by the labels (active/discover-ranking.ts);
// - like-labels: "more like the ones I marked", a few-shot classifier (active/like-labels.ts),
//   with its uncertainty for active learning;
// - uncertain: that classifier's least sure objects first (p nearest 0.5), active learning proper.
// The embedding, its scores and forest are loaded once per session and kept (QueueSession),
// so a re-rank after a keypress only redoes the label-dependent part. Neither mode reads a
// kNN graph (discover's default adaptive kernel widths measure their own neighbours), so a
// session opens without one: at a million rows building it takes minutes, a job's work.
// Discover's forest feedback needs every row's leaves (8 s at a million rows): on large sets
// a worker thread computes them while the queue already answers without that term, so no
// call waits on it; it joins the ranking as soon as it is ready. Likewise the relevance model's
// passes after many labels at once (a box selection): a call makes a few, and the rest are made
// one at a time between other work on this thread, so labelling never waits seconds for them.
import { existsSync, readFileSync } from 'node:fs';
import type { Workspace, WorkspacePaths } from '../../workspace/workspace.js';
import { listRuns, type RunRow } from '../../workspace/repositories/runs-repo.js';
import { listLabels } from '../../workspace/repositories/labels-repo.js';
import { IsolationForest } from '../anomaly/isolation-forest.js';
import { loadRunArray } from '../run-arrays.js';
import { DiscoverCache, discoverRanking, type DiscoverOptions } from '../active/discover-ranking.js';
import { likeLabels } from '../active/like-labels.js';
import { isInteresting, onlyLabelTarget, relevanceTarget } from '../active/relevance-target.js';
import type { LabelledRow } from '../active/labelled-row.js';
import { fitStandardiser, type ColumnStandardiser } from '../active/column-standardiser.js';
import type { CurrentEmbedding } from './current-embedding.js';
import { EmbeddingCache } from './embedding-cache.js';
import { forestPath } from './rank-anomalies.js';
import { placeByIds } from '../row-lookup.js';
import { openScoringRunner } from '../anomaly/scoring-runner.js';

import type { QueueMode } from '../../api/contract-lists.js';

export interface QueueEntry {
  id: number;
  /** discover: the re-weighted score; like-labels and uncertain: the probability of being wanted. */
  score: number;
  uncertainty?: number;
}

function newestScoreRun(runs: RunRow[], embeddingRun: string, method?: string): RunRow | undefined {
  return runs
    .filter((r) => r.status === 'done' && r.parent_run === embeddingRun && (!method || r.method === method))
    .sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id))
    .pop();
}

/** Rows from which the forest feedback's context is computed on a worker thread. */
export const BACKGROUND_LEAVES_ROWS = 100_000;

export interface QueueSessionOptions {
  /** Rows from which the forest feedback's context is computed in the background. Default BACKGROUND_LEAVES_ROWS. */
  backgroundLeavesFrom?: number;
  /** Discover's tuning (e.g. relevanceWorkPerCall); what is left out takes discoverRanking's defaults. */
  discover?: DiscoverOptions;
}

/** Everything the queue needs that does not change when a label does. */
export class QueueSession {
  private readonly cache = new DiscoverCache();
  private standardiser: ColumnStandardiser | null = null;
  /** Settles when a background leaf context is in the cache (or failed, and is computed inline). */
  readonly leavesReady: Promise<void>;
  private leavesPending = false;
  private relevanceCatchUp: Promise<void> | null = null;

  private constructor(
    readonly embedding: CurrentEmbedding,
    private readonly anomalyScores: Float64Array,
    private readonly forest: IsolationForest | null,
    background: { paths: WorkspacePaths; forestBytes: Uint8Array } | null,
    private readonly discoverOptions: DiscoverOptions | undefined,
  ) {
    this.leavesReady =
      background && forest
        ? this.computeLeavesInBackground(background.paths, forest, background.forestBytes)
        : Promise.resolve();
  }

  private async computeLeavesInBackground(
    paths: WorkspacePaths,
    forest: IsolationForest,
    forestBytes: Uint8Array,
  ): Promise<void> {
    const runner = openScoringRunner(paths, this.embedding);
    if (!runner.threaded) return runner.close(); // unbuilt project: computed inline on first use
    this.leavesPending = true;
    try {
      const { leafContext } = await runner.run({ kind: 'leaf-context', forest: forestBytes });
      if (leafContext) this.cache.setLeafContext(forest, this.embedding.vectors, { forest, ...leafContext });
    } catch {
      // Left to the first discover call after this, which computes it inline.
    } finally {
      this.leavesPending = false;
      await runner.close();
    }
  }

  /**
   * Whether discover's forest feedback context is in hand (else the next discover call computes it, or goes without
   * while it is computed in the background).
   */
  get forestFeedbackReady(): boolean {
    return this.forest !== null && this.cache.hasLeafContext(this.forest, this.embedding.vectors);
  }

  /** Settles when discover's relevance model has applied every label the last call asked for. */
  get relevanceReady(): Promise<void> {
    return this.relevanceCatchUp ?? Promise.resolve();
  }

  /** The relevance model's pending passes, one per turn of the event loop, until none are left. */
  private catchUpRelevance(): void {
    this.relevanceCatchUp ??= (async () => {
      do await new Promise((resolve) => setImmediate(resolve));
      while (!this.cache.continueRelevance(1));
    })()
      // Nothing waits on this but tests: a failure must not become an unhandled rejection. The
      // next discover call asks for the same labels again and so resumes the work.
      .catch(() => undefined)
      .finally(() => {
        this.relevanceCatchUp = null;
      });
  }

  /** `embeddings`: where the service keeps loaded runs, shared with `similar`. */
  static open(
    workspace: Workspace,
    embeddings = new EmbeddingCache(),
    options: QueueSessionOptions = {},
  ): QueueSession {
    const embedding = embeddings.embedding(workspace);
    const runs = listRuns(workspace.db, 'score');
    const scoreRun = newestScoreRun(runs, embedding.run.id, 'ensemble') ?? newestScoreRun(runs, embedding.run.id);
    if (!scoreRun)
      throw new Error('no anomaly scores for the current embedding yet: run `serendip rank <workspace>` first');
    const scores = loadRunArray(workspace.paths.scores, scoreRun.id);
    // Score files share the embedding's row order; map by id anyway so nothing depends on it.
    const anomalyScores = new Float64Array(embedding.vectors.count);
    placeByIds(anomalyScores, embedding.ids, embedding.rowOf, scores.ids, scores.data);
    const forestRun = newestScoreRun(runs, embedding.run.id, 'iforest');
    const forestFile = forestRun ? forestPath(workspace, forestRun.id) : null;
    const forestBytes = forestFile && existsSync(forestFile) ? new Uint8Array(readFileSync(forestFile)) : null;
    const forest = forestBytes ? IsolationForest.fromBytes(forestBytes) : null;
    const background =
      forestBytes && embedding.vectors.count >= (options.backgroundLeavesFrom ?? BACKGROUND_LEAVES_ROWS);
    return new QueueSession(
      embedding,
      anomalyScores,
      forest,
      background ? { paths: workspace.paths, forestBytes } : null,
      options.discover,
    );
  }

  /** The labels as learner targets, on this embedding's rows; labels of objects outside it are skipped. */
  labelledRows(workspace: Workspace, onlyLabel?: string): { labelled: LabelledRow[]; labelOf: Map<number, string> } {
    const labelled: LabelledRow[] = [];
    const labelOf = new Map<number, string>();
    // Oldest first, as discoverRanking reads them (its relevance model keeps the newest).
    const labels = listLabels(workspace.db).sort((a, b) => a.event_id - b.event_id);
    for (const label of labels) {
      const row = this.embedding.rowOf(label.object_id);
      if (row === undefined) continue;
      if (label.label !== null) labelOf.set(row, label.label);
      // More like one label: it is the positive; any other label, its negative ("not ring") included, a
      // negative; a relevance alone says nothing about what kind of object it is.
      const target = onlyLabel ? onlyLabelTarget(label.label, onlyLabel) : relevanceTarget(label);
      if (target !== null) labelled.push({ row, target });
    }
    return { labelled, labelOf };
  }

  next(workspace: Workspace, mode: QueueMode, n: number, onlyLabel?: string): QueueEntry[] {
    const { labelled } = this.labelledRows(workspace, onlyLabel);
    const ids = this.embedding.ids;
    if (mode === 'discover') {
      const { score, order, relevancePending } = discoverRanking({
        vectors: this.embedding.vectors,
        anomalyScores: this.anomalyScores,
        labelled,
        forest: this.forest,
        cache: this.cache,
        limit: n,
        computeLeaves: !this.leavesPending,
        options: this.discoverOptions,
      });
      if (relevancePending) this.catchUpRelevance();
      return Array.from(order, (row) => ({ id: ids[row], score: score[row] }));
    }
    const positives = labelled.filter((l) => isInteresting(l.target)).map((l) => l.row);
    const negatives = labelled.filter((l) => !isInteresting(l.target)).map((l) => l.row);
    if (positives.length === 0) {
      // uncertain asks the same classifier, so it needs the same labels; say which queue asked.
      const needs = mode === 'uncertain' ? 'the uncertain queue learns from your labels: ' : '';
      throw new Error(
        needs +
          (onlyLabel
            ? `no object is labelled "${onlyLabel}" yet`
            : 'label at least one object as interesting (relevance 3-5, or a label such as lens) first'),
      );
    }
    const vectors = this.embedding.vectors;
    this.standardiser ??= fitStandardiser(vectors);
    const { probability, uncertainty, order } = likeLabels({
      vectors,
      positives,
      negatives,
      standardiser: this.standardiser,
      limit: n,
      orderBy: mode === 'uncertain' ? 'uncertainty' : 'probability',
    });
    return Array.from(order, (row) => ({ id: ids[row], score: probability[row], uncertainty: uncertainty[row] }));
  }
}
