// `families`: the top-N anomalies of the newest ensemble score run (or the newest of any method)
// grouped into families of look-alikes, so a user sees "twelve of these are the same kind of
// thing" before reading them one by one, and labels the twelve at once. The clustering
// (families-clustering.ts) runs on the newest embedding of the modality together with the
// morphology features measured on the spot (object-features.ts, joined by family-features.ts),
// so that what the features name (shape, colour, quality) shapes the families as much as the
// embedding does. Each family names the features its members share against typical objects (those
// outside the top 5%, as explain's neighbours). Errors carry an API error code (codedError).
import type { Workspace } from '../../workspace/workspace.js';
import { getObject } from '../../workspace/repositories/objects-repo.js';
import type { EmbeddingCache } from '../pipeline/embedding-cache.js';
import { embeddingRunOf } from '../pipeline/current-embedding.js';
import { loadRunArray } from '../run-arrays.js';
import { codedError } from '../../util/coded-error.js';
import { vectorRows } from '../vectors.js';
import { clusterPoints, nearestToCentroid } from './families-clustering.js';
import { jointPoints, sharedFeatures, type SharedFeature } from './family-features.js';
import { objectFeatures, storeLayout } from './object-features.js';
import { newestScoreRuns, topIds, typicalityRun } from './scorer-places.js';

/** Top anomalies grouped when no N is given. */
export const DEFAULT_FAMILY_OBJECTS = 50;
/** The most objects grouped at once: the clustering keeps an N×N distance matrix. */
export const MAX_FAMILY_OBJECTS = 2000;
/** Typical objects measured as the yardstick of shared features: a spread to within ~5%, and few to measure. */
const TYPICAL_SAMPLE = 200;

export interface AnomalyFamily {
  /** 1-based, the largest family first. */
  family: number;
  /** The member nearest the family's centroid in the embedding. */
  exemplar: string;
  /** Member names, the highest score first. */
  members: string[];
  size: number;
  /** Morphology features every member differs in from typical objects the same way, the strongest first. */
  features: SharedFeature[];
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
  const topRows = order.slice(0, n);
  if (topRows.length === 0)
    throw codedError('conflict', `no scored object is in embedding ${embedding.run.id}: run \`serendip embed\` again`);
  const ids = topRows.map((i) => scores.ids[i]);
  const objects = ids.map((id) => getObject(workspace.db, id));

  const points = vectorRows(
    embedding.vectors,
    ids.map((id) => embedding.rowOf(id)!),
  );
  const store = objects.find((o) => o?.input_store)?.input_store;
  const typical = typicalSample(embedding.ids, topIds(workspace, scoredBy));
  const measured = store ? objectFeatures(workspace, storeLayout(store), [...ids, ...typical]) : null;
  const width = measured?.names.length ?? 0;
  // A member whose input is not in the store (another store, or none) sits at the features' mean: 0 once standardised.
  const features = new Float32Array(ids.length * width);
  const memberFeatures = ids.map((id, p) => {
    const own = measured?.byId.get(id);
    if (own) features.set(own, p * width);
    return own;
  });
  const clustered = width > 0 ? jointPoints(points, fillMissing(features, memberFeatures, width), width) : points;
  const typicalValues = measured ? typical.flatMap((id) => [...(measured.byId.get(id) ?? [])]) : [];
  const typicalCount = typicalValues.length / Math.max(width, 1);

  const nameOf = (p: number): string => objects[p]?.name ?? String(ids[p]);
  // Points are in score order, so ascending rows are members by score and the first row breaks size ties.
  return clusterPoints(clustered)
    .clusters.sort((a, b) => b.length - a.length || a[0] - b[0])
    .map((rows, k) => {
      const measuredRows = rows.map((r) => memberFeatures[r]).filter((f): f is Float32Array => f !== undefined);
      return {
        family: k + 1,
        exemplar: nameOf(nearestToCentroid(points, rows)),
        members: rows.map(nameOf),
        size: rows.length,
        features:
          measured && typicalCount >= 2
            ? sharedFeatures(measured.names, measuredRows, typicalValues, typicalCount)
            : [],
      };
    });
}

/** Up to TYPICAL_SAMPLE ids of the embedding outside `top`, evenly spaced (so the same every call). */
function typicalSample(ids: Float64Array, top: Set<number>): number[] {
  const typical = [...ids].filter((id) => !top.has(id));
  const step = Math.max(1, typical.length / TYPICAL_SAMPLE);
  const sample: number[] = [];
  for (let i = 0; i < typical.length && sample.length < TYPICAL_SAMPLE; i += step) sample.push(typical[Math.floor(i)]);
  return sample;
}

/** Rows of members without features get each column's mean over the measured members. */
function fillMissing(
  features: Float32Array,
  found: readonly (Float32Array | undefined)[],
  width: number,
): Float32Array {
  const measured = found.filter((f) => f !== undefined);
  if (measured.length === found.length) return features;
  found.forEach((f, p) => {
    if (f) return;
    for (let c = 0; c < width; c++)
      features[p * width + c] = measured.reduce((sum, m) => sum + m[c], 0) / Math.max(measured.length, 1);
  });
  return features;
}
