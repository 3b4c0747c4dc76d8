// "More like these": neighbours of a set of chosen objects, never the chosen objects
// themselves. Two ways to score a candidate:
// - centroid (default): distance to the mean of the chosen vectors. Right when the choices
//   are examples of one kind of object.
// - nearest-member: distance to the closest chosen vector. Right when the choices are
//   several kinds (two mergers and a lens), whose centroid lies in empty space between them.
import type { VectorSet } from '../vectors.js';
import type { NeighbourResult, VectorIndex } from './vector-index.js';

export interface SimilarToSetOptions {
  /** How a candidate is scored against the set; default 'centroid'. */
  mode?: 'centroid' | 'nearest-member';
}

/**
 * The k rows nearest to the set `rows` of `vectors` (which `index` was built on), excluding those rows, nearest first.
 */
export function similarToSet(
  index: VectorIndex,
  vectors: VectorSet,
  rows: number[],
  k: number,
  options: SimilarToSetOptions = {},
): NeighbourResult {
  const chosen = new Set(rows);
  if (chosen.size === 0) throw new RangeError('similarToSet needs at least one chosen row');
  for (const row of chosen) {
    if (!Number.isInteger(row) || row < 0 || row >= vectors.count)
      throw new RangeError(`row ${row} is outside 0..${vectors.count - 1}`);
  }
  // Ask for enough extra neighbours that dropping the chosen rows still leaves k.
  const wanted = Math.min(vectors.count, k + chosen.size);
  const found =
    options.mode === 'nearest-member'
      ? nearestToAnyMember(index, vectors, [...chosen], wanted)
      : nearestToCentroid(index, vectors, [...chosen], wanted);

  const indices = new Int32Array(k).fill(-1);
  const distances = new Float32Array(k).fill(Infinity);
  let written = 0;
  for (let j = 0; j < found.indices.length && written < k; j++) {
    const row = found.indices[j];
    if (row < 0 || chosen.has(row)) continue;
    indices[written] = row;
    distances[written] = found.distances[j];
    written++;
  }
  return { indices, distances };
}

function nearestToCentroid(index: VectorIndex, vectors: VectorSet, rows: number[], wanted: number): NeighbourResult {
  const { data, dim } = vectors;
  const sum = new Float64Array(dim);
  for (const row of rows) for (let d = 0; d < dim; d++) sum[d] += data[row * dim + d];
  const centroid = new Float32Array(dim);
  for (let d = 0; d < dim; d++) centroid[d] = sum[d] / rows.length;
  return index.search(centroid, wanted);
}

/** Searches from every member and keeps, for each candidate, its distance to the closest member. */
function nearestToAnyMember(index: VectorIndex, vectors: VectorSet, rows: number[], wanted: number): NeighbourResult {
  const { data, dim } = vectors;
  const queries = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => queries.set(data.subarray(row * dim, (row + 1) * dim), i * dim));
  const found = index.searchMany(queries, wanted);

  const best = new Map<number, number>();
  for (let j = 0; j < found.indices.length; j++) {
    const row = found.indices[j];
    if (row < 0) continue;
    const distance = found.distances[j];
    const previous = best.get(row);
    if (previous === undefined || distance < previous) best.set(row, distance);
  }
  const ranked = [...best.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  return {
    indices: Int32Array.from(ranked, ([row]) => row),
    distances: Float32Array.from(ranked, ([, distance]) => distance),
  };
}
