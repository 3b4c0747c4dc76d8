// `similar`: the nearest objects to one object, or to the centroid of a chosen set, in the
// newest embedding of the objects' modality (spectra are compared with spectra, images with
// images, whichever was embedded last). The embedding and its index come through an
// EmbeddingCache: the service keeps one, so a repeated `similar` reads nothing from disk,
// and a collection whose graph index no job has built yet is searched exactly.
import type { Workspace } from '../../workspace/workspace.js';
import { findObjectByName } from '../../workspace/repositories/objects-repo.js';
import { similarToSet } from '../neighbours/similar-to-set.js';
import { vectorRow } from '../vectors.js';
import { EmbeddingCache } from './embedding-cache.js';

export interface Neighbour {
  id: number;
  distance: number;
}

export function similarObjects(
  workspace: Workspace,
  names: string[],
  k = 10,
  embeddingRun?: string,
  cache = new EmbeddingCache(),
): Neighbour[] {
  if (names.length === 0) throw new Error('name at least one object');
  const objects = names.map((name) => {
    const object = findObjectByName(workspace.db, name);
    if (!object) throw new Error(`no object named "${name}" in this workspace`);
    return object;
  });
  const modalities = new Set(objects.map((o) => o.modality));
  if (modalities.size > 1)
    throw new Error('similar compares objects of one modality: choose only images or only spectra');
  const embedding = cache.embedding(workspace, embeddingRun, embeddingRun ? undefined : objects[0].modality);
  const rows = objects.map((object, i) => {
    const name = names[i];
    const row = embedding.rowOf(object.id);
    if (row === undefined)
      throw new Error(
        `"${name}" is not in embedding ${embedding.run.id} (ingested after it? run \`serendip embed\` again)`,
      );
    return row;
  });
  const index = cache.index(workspace, embedding);
  const chosen = new Set(rows);
  const result =
    rows.length === 1
      ? index.search(vectorRow(embedding.vectors, rows[0]), Math.min(k + 1, embedding.vectors.count))
      : similarToSet(index, embedding.vectors, rows, k);
  const neighbours: Neighbour[] = [];
  for (let i = 0; i < result.indices.length && neighbours.length < k; i++) {
    const row = result.indices[i];
    if (row < 0 || chosen.has(row)) continue;
    neighbours.push({ id: embedding.ids[row], distance: result.distances[i] });
  }
  return neighbours;
}
