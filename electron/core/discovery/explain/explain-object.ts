// `explain`: why an image object is odd. Where each scorer ranks it (scorer-places.ts), which
// ordinary objects look most like it (typical-neighbours.ts), and how its morphology features
// differ from theirs in σ of their spread (object-features.ts, feature-contrast.ts), and maps of
// where on its model input it is odd (where/where-maps.ts). Errors
// carry an API error code (codedError), so this module imports nothing of the api layer.
import type { Workspace } from '../../workspace/workspace.js';
import { findObjectByName, getObject } from '../../workspace/repositories/objects-repo.js';
import type { EmbeddingCache } from '../pipeline/embedding-cache.js';
import { embeddingRunOf } from '../pipeline/current-embedding.js';
import { notInRun } from '../pipeline/similar-objects.js';
import { codedError } from '../../util/coded-error.js';
import { contrastFeatures, type FeatureContrast } from './feature-contrast.js';
import { objectFeatures, storeLayout } from './object-features.js';
import { newestScoreRuns, scorerPlaces, topIds, typicalityRun, type ScorerPlace } from './scorer-places.js';
import { typicalNeighbours } from './typical-neighbours.js';
import { whereMaps } from './where/where-maps.js';
import type { ExplainMap } from './where/explain-map.js';
import { vectorRow } from '../vectors.js';

export type { ExplainMap } from './where/explain-map.js';

/** Typical neighbours compared with when no k is given. */
export const DEFAULT_EXPLAIN_NEIGHBOURS = 10;

export interface Explanation {
  id: number;
  name: string;
  modality: string;
  /** The embedding run the neighbours are nearest in. */
  embeddingRun: string;
  /** The score run whose top 5% are not typical (the ensemble, when there is one). */
  typicalBy: { runId: string; method: string };
  /** The object's place in the newest score run of each method, the most recently run first. */
  scorers: ScorerPlace[];
  /** Morphology features against the typical neighbours', the most different first. */
  features: FeatureContrast[];
  /** The typical neighbours, nearest first (distance in the embedding). */
  neighbours: { id: number; name: string; distance: number }[];
  /** Images that show where the object is odd, on its model input grid (image objects). */
  maps: ExplainMap[];
  /**
   * A line saying why a kind of map is missing (e.g. "no saliency: imported embeddings cannot embed a masked
   * input"), or [].
   */
  notes: string[];
}

export function explainObject(
  workspace: Workspace,
  name: string,
  cache: EmbeddingCache,
  k = DEFAULT_EXPLAIN_NEIGHBOURS,
): Explanation {
  const { db } = workspace;
  const object = findObjectByName(db, name);
  if (!object) throw codedError('not-found', `no object named "${name}" in this workspace`);
  if (object.modality !== 'image')
    throw codedError('unsupported', `explain is for images for now: "${name}" is a ${object.modality}`);
  if (!object.input_store) throw codedError('conflict', `"${name}" has no model input to measure: ingest it again`);
  const runs = newestScoreRuns(workspace, object.modality);
  const typicalBy = typicalityRun(runs);
  if (!typicalBy) throw codedError('conflict', 'no image anomaly scores yet: run `serendip rank <workspace>` first');

  const embedding = cache.embedding(workspace, embeddingRunOf(workspace, undefined, object.modality).id);
  const row = embedding.rowOf(object.id);
  if (row === undefined) throw notInRun(name, embedding.run);
  const top = topIds(workspace, typicalBy);
  const found = typicalNeighbours(embedding, cache.index(workspace, embedding), row, k, (id) => !top.has(id));
  const measured = objectFeatures(workspace, storeLayout(object.input_store), [object.id, ...found.map((n) => n.id)]);
  const own = measured.byId.get(object.id);
  if (!own) throw codedError('conflict', `"${name}"'s model input is missing from its store: ingest it again`);
  // Neighbours whose input is in another store (an imported embedding across stores) cannot be compared.
  const neighbours = found.filter((n) => measured.byId.has(n.id));
  if (neighbours.length < 2)
    throw codedError('conflict', `"${name}" has fewer than 2 typical neighbours to compare with: embed more objects`);
  const width = measured.names.length;
  const values = new Float32Array(neighbours.length * width);
  neighbours.forEach((n, i) => values.set(measured.byId.get(n.id)!, i * width));
  const dim = embedding.vectors.dim;
  const neighbourVectors = new Float32Array(neighbours.length * dim);
  neighbours.forEach((n, i) => neighbourVectors.set(vectorRow(embedding.vectors, embedding.rowOf(n.id)!), i * dim));
  const where = whereMaps(workspace, {
    run: embedding.run,
    input: measured.inputs.get(object.id)!,
    store: storeLayout(object.input_store),
    neighbours: { vectors: neighbourVectors, count: neighbours.length },
  });

  return {
    id: object.id,
    name: object.name,
    modality: object.modality,
    embeddingRun: embedding.run.id,
    typicalBy: { runId: typicalBy.id, method: typicalBy.method },
    scorers: scorerPlaces(workspace, runs, object.id),
    features: contrastFeatures(measured.names, own, values, neighbours.length),
    neighbours: neighbours.map((n) => ({
      id: n.id,
      name: getObject(db, n.id)?.name ?? String(n.id),
      distance: n.distance,
    })),
    maps: where.maps,
    notes: where.notes,
  };
}
