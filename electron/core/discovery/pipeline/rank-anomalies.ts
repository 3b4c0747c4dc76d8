// `rank`: anomaly scores for the current embedding, one score run per method (so exports
// and the map can show each), and for `ensemble` the rank average of the others. The
// isolation forest is saved with its run: the discover queue re-weights its leaves; so is
// each object's rank interval across forests of other seeds (seed-rank-spread.ts), which
// exports carry as an uncertainty.
// The scorers themselves run on a worker thread (anomaly/scoring-runner.ts), so the caller's event
// loop keeps serving requests; runs and files are written here, between scorers.
import { join } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-write.js';
import type { Workspace } from '../../workspace/workspace.js';
import { finishRun, startRun } from '../../workspace/repositories/runs-repo.js';
import { saveRunArray } from '../run-arrays.js';
import { openScoringRunner } from '../anomaly/scoring-runner.js';
import { extraSeeds, seedSpreadName } from '../anomaly/seed-rank-spread.js';
import { loadEmbedding, type CurrentEmbedding } from './current-embedding.js';

import { RANK_SCORERS, type RankMethod, type RankScorer } from '../../api/contract-lists.js';

export interface RankOptions {
  method?: RankMethod;
  embeddingRun?: string;
  /** The newest embedding of this modality when no run is named (default: the newest of any). */
  modality?: string;
  seed?: number;
  onProgress?: (done: number, total: number, stage: string) => void;
  /** Stops the running scorer; each scorer's run is written whole or not at all. */
  signal?: AbortSignal;
  /** false: score on the calling thread (default: a worker thread when the project is built). */
  threaded?: boolean;
}

export interface RankResult {
  /** The score run of the method asked for (the ensemble's own run for `ensemble`). */
  runId: string;
  method: RankMethod;
  embeddingRun: string;
  count: number;
}

const LOF_NEIGHBOURS = 15;

/**
 * Writes a score run (and any files beside it, e.g. the forest) whole, then marks it done: a kill in between leaves an
 * unfinished run, never a done one with a missing or partial file.
 */
async function saveScores(
  workspace: Workspace,
  embedding: CurrentEmbedding,
  method: string,
  scores: Float64Array,
  params: Record<string, unknown>,
  besides?: (runId: string) => Promise<void>,
): Promise<string> {
  const runId = startRun(workspace.db, {
    kind: 'score',
    method,
    modality: embedding.run.modality,
    parentRun: embedding.run.id,
    params: { embeddingRun: embedding.run.id, ...params },
  });
  try {
    await saveRunArray(workspace.paths.scores, runId, {
      data: Float32Array.from(scores),
      rows: scores.length,
      columns: 1,
      ids: embedding.ids,
    });
    await besides?.(runId);
    finishRun(workspace.db, runId, 'done');
    return runId;
  } catch (err) {
    finishRun(workspace.db, runId, 'failed', (err as Error).message);
    throw err;
  }
}

export function forestPath(workspace: Workspace, scoreRunId: string): string {
  return join(workspace.paths.scores, `${scoreRunId}.forest`);
}

export async function rankAnomalies(workspace: Workspace, options: RankOptions = {}): Promise<RankResult> {
  const method = options.method ?? 'ensemble';
  const embedding = loadEmbedding(workspace, options.embeddingRun, options.modality);
  const progress = options.onProgress ?? (() => undefined);
  const wanted: RankScorer[] = method === 'ensemble' ? [...RANK_SCORERS] : [method];
  const scores = new Map<string, { runId: string; values: Float64Array }>();
  const { signal } = options;
  const runner = openScoringRunner(workspace.paths, embedding, { threaded: options.threaded });
  try {
    for (const m of wanted) {
      signal?.throwIfAborted();
      progress(0, 1, m);
      if (m === 'iforest') {
        const seed = options.seed ?? 0;
        const spreadSeeds = extraSeeds(seed);
        const onProgress = (d: number, t: number) => progress(d, t, `${m}: forests`);
        const { values, forest, trees, seedSpread } = await runner.run(
          { kind: 'iforest', seed, spreadSeeds },
          { signal, onProgress },
        );
        const params = { trees, seed, spreadSeeds };
        const runId = await saveScores(workspace, embedding, 'iforest', values, params, async (id) => {
          await writeFileAtomic(forestPath(workspace, id), forest!);
          const spread = { data: seedSpread!, rows: values.length, columns: 2, ids: embedding.ids };
          await saveRunArray(workspace.paths.scores, seedSpreadName(id), spread);
        });
        scores.set(m, { runId, values });
      } else {
        const onProgress = (d: number, t: number) => progress(d, t, `${m}: neighbours`);
        const { values } = await runner.run(
          { kind: 'neighbours', method: m, k: LOF_NEIGHBOURS },
          { signal, onProgress },
        );
        scores.set(m, {
          runId: await saveScores(workspace, embedding, m, values, { neighbours: LOF_NEIGHBOURS }),
          values,
        });
      }
      progress(1, 1, m);
    }
    signal?.throwIfAborted();
    if (method !== 'ensemble')
      return {
        runId: scores.get(method)!.runId,
        method,
        embeddingRun: embedding.run.id,
        count: embedding.vectors.count,
      };
    const { values: ensemble } = await runner.run(
      { kind: 'ensemble', members: [...scores.values()].map((s) => s.values) },
      { signal },
    );
    const runId = await saveScores(workspace, embedding, 'ensemble', ensemble, {
      members: Object.fromEntries([...scores].map(([m, s]) => [m, s.runId])),
    });
    return { runId, method, embeddingRun: embedding.run.id, count: embedding.vectors.count };
  } finally {
    await runner.close();
  }
}
