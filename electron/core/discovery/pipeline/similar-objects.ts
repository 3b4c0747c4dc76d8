// `similar`: the nearest objects to one object, or to the centroid of a chosen set, in the
// newest embedding of the objects' modality (spectra are compared with spectra, images with
// images, whichever was embedded last). The embedding and its index come through an
// EmbeddingCache: the service keeps one, so a repeated `similar` reads nothing from disk,
// and a collection whose graph index no job has built yet is searched exactly. A run too large
// to load (100M × 32 is 12.8 GB) is scanned exactly from its files instead, page by page, with
// the same answer the exact index gives.
import { existsSync } from 'node:fs';
import type { Workspace } from '../../workspace/workspace.js';
import { findObjectByName, type ObjectWithPath } from '../../workspace/repositories/objects-repo.js';
import type { RunRow } from '../../workspace/repositories/runs-repo.js';
import { openNpyPages } from '../../formats/arrays/npy-pages.js';
import { similarToSet } from '../neighbours/similar-to-set.js';
import { centroidOf, findRowsOfIds, idsAtRows, pagedExactSearch, readRowsAt } from '../neighbours/paged-knn.js';
import { runArrayPaths } from '../run-arrays.js';
import { vectorRow } from '../vectors.js';
import { EmbeddingCache } from './embedding-cache.js';
import { embeddingRunOf } from './current-embedding.js';
import { codedError } from '../../util/coded-error.js';

/** Runs of more values than this (rows × dim; 1 GiB of float32) are scanned from disk, not loaded. */
export const PAGED_SIMILAR_VALUES = 2 ** 28;

export interface Neighbour {
  id: number;
  distance: number;
}

export interface SimilarOptions {
  /** Runs of more values than this are scanned page by page; default PAGED_SIMILAR_VALUES. */
  pagedAbove?: number;
}

export function similarObjects(
  workspace: Workspace,
  names: string[],
  k = 10,
  embeddingRun?: string,
  cache = new EmbeddingCache(),
  options: SimilarOptions = {},
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
  const run = embeddingRunOf(workspace, embeddingRun, embeddingRun ? undefined : objects[0].modality);
  const files = runArrayPaths(workspace.paths.embeddings, run.id);
  // Missing files go the loading way, whose message says so.
  if (
    existsSync(files.data) &&
    existsSync(files.ids) &&
    valuesIn(files.data) > (options.pagedAbove ?? PAGED_SIMILAR_VALUES)
  )
    return similarByScan(files, run, names, objects, k);

  const embedding = cache.embedding(workspace, run.id);
  const rows = objects.map((object, i) => {
    const row = embedding.rowOf(object.id);
    if (row === undefined) throw notInRun(names[i], run);
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

/** Coded 'conflict' like NoEmbeddingError: the app answers both with a button that computes the embedding again. */
export function notInRun(name: string, run: RunRow): Error {
  return codedError(
    'conflict',
    `"${name}" is not in embedding ${run.id} (ingested after it? run \`serendip embed\` again)`,
  );
}

function valuesIn(path: string): number {
  const reader = openNpyPages(path);
  reader.close();
  return reader.rows * reader.rowLength;
}

/**
 * The exact index's answer from the run's files: the query is the one object's vector, or the
 * centroid of the distinct chosen rows (as similarToSet takes it); as many rows as there are
 * chosen ones are asked for beyond k, so dropping them still leaves k.
 */
function similarByScan(
  files: { data: string; ids: string },
  run: RunRow,
  names: string[],
  objects: ObjectWithPath[],
  k: number,
): Neighbour[] {
  const rowOfId = findRowsOfIds(
    files.ids,
    objects.map((o) => o.id),
  );
  const rows = objects.map((object, i) => {
    const row = rowOfId.get(object.id);
    if (row === undefined) throw notInRun(names[i], run);
    return row;
  });
  const chosen = [...new Set(rows)];
  const reader = openNpyPages(files.data);
  let query: Float32Array;
  let count: number;
  try {
    count = reader.rows;
    query = centroidOf(readRowsAt(reader, chosen), reader.rowLength);
  } finally {
    reader.close();
  }
  const found = pagedExactSearch(files.data, query, Math.min(count, k + chosen.length));
  const isChosen = new Set(chosen);
  const kept: { row: number; distance: number }[] = [];
  for (let i = 0; i < found.rows.length && kept.length < k; i++)
    if (!isChosen.has(found.rows[i])) kept.push({ row: found.rows[i], distance: found.distances[i] });
  const ids = idsAtRows(
    files.ids,
    kept.map((n) => n.row),
  );
  return kept.map((n, i) => ({ id: ids[i], distance: n.distance }));
}
