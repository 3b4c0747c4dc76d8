// `families`: the top-N anomalies of the newest ensemble score run (or the newest of any method)
// grouped into families of look-alikes by average-linkage clustering in the newest embedding of
// the modality (families-clustering.ts), so a user sees "twelve of these are the same kind of
// thing" before reading them one by one. Errors carry an API error code (codedError).
import type { Workspace } from '../../workspace/workspace.js';
import { getObject } from '../../workspace/repositories/objects-repo.js';
import type { EmbeddingCache } from '../pipeline/embedding-cache.js';
import { embeddingRunOf } from '../pipeline/current-embedding.js';
import { loadRunArray } from '../run-arrays.js';
import { codedError } from '../../util/coded-error.js';
import { vectorRow, type VectorSet } from '../vectors.js';
import { clusterPoints, nearestToCentroid } from './families-clustering.js';
import { newestScoreRuns, typicalityRun } from './scorer-places.js';

/** Top anomalies grouped when no N is given. */
export const DEFAULT_FAMILY_OBJECTS = 50;
/** The most objects grouped at once: the clustering keeps an N×N distance matrix. */
export const MAX_FAMILY_OBJECTS = 2000;

export interface AnomalyFamily {
  /** 1-based, the largest family first. */
  family: number;
  /** The member nearest the family's centroid in the embedding. */
  exemplar: string;
  /** Member names, the highest score first. */
  members: string[];
  size: number;
}

/** The top `n` anomalies of `modality`, grouped into families, the largest first. */
export function anomalyFamilies(
  workspace: Workspace,
  cache: EmbeddingCache,
  n = DEFAULT_FAMILY_OBJECTS,
  modality = 'image',
): AnomalyFamily[] {
  if (modality !== 'image') throw codedError('unsupported', `families are for images for now, not ${modality}s`);
  const scoredBy = typicalityRun(newestScoreRuns(workspace, modality));
  if (!scoredBy) throw codedError('conflict', 'no image anomaly scores yet: run `serendip rank <workspace>` first');
  const embedding = cache.embedding(workspace, embeddingRunOf(workspace, undefined, modality).id);

  // The n highest finite scores among objects the embedding holds (ties by id, so runs agree).
  const scores = loadRunArray(workspace.paths.scores, scoredBy.id);
  const order: number[] = [];
  for (let i = 0; i < scores.ids.length; i++)
    if (Number.isFinite(scores.data[i]) && embedding.rowOf(scores.ids[i]) !== undefined) order.push(i);
  order.sort((a, b) => scores.data[b] - scores.data[a] || scores.ids[a] - scores.ids[b]);
  const top = order.slice(0, n);
  if (top.length === 0)
    throw codedError('conflict', `no scored object is in embedding ${embedding.run.id}: run \`serendip embed\` again`);

  const dim = embedding.vectors.dim;
  const points: VectorSet = { data: new Float32Array(top.length * dim), count: top.length, dim };
  top.forEach((i, p) => points.data.set(vectorRow(embedding.vectors, embedding.rowOf(scores.ids[i])!), p * dim));
  const nameOf = (p: number): string => {
    const id = scores.ids[top[p]];
    return getObject(workspace.db, id)?.name ?? String(id);
  };
  // Points are in score order, so ascending rows are members by score and the first row breaks size ties.
  return clusterPoints(points)
    .clusters.sort((a, b) => b.length - a.length || a[0] - b[0])
    .map((rows, k) => ({
      family: k + 1,
      exemplar: nameOf(nearestToCentroid(points, rows)),
      members: rows.map(nameOf),
      size: rows.length,
    }));
}
