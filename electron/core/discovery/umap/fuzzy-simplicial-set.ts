// The fuzzy simplicial set: each directed kNN edge i→j gets membership
// exp(-max(0, d_ij - rho_i) / sigma_i), and the two directions are combined by fuzzy union
// w = w_ij + w_ji - w_ij·w_ji (umap-learn's set_op_mix_ratio = 1). The result is a symmetric
// sparse graph in CSR form, each undirected edge stored once per direction as umap-learn's
// COO matrix does, so the optimiser moves both ends from either side.
import type { KnnGraph } from '../vectors.js';
import type { SmoothKnnScales } from './smooth-knn.js';

/** A symmetric weighted graph in compressed sparse rows: row i's edges are [rowStart[i], rowStart[i+1]). */
export interface FuzzyGraph {
  count: number;
  rowStart: Int32Array;
  columns: Int32Array;
  weights: Float32Array;
}

export function fuzzySimplicialSet(graph: KnnGraph, scales: SmoothKnnScales): FuzzyGraph {
  const { count, k, indices, distances } = graph;
  const { sigmas, rhos } = scales;

  const directed = new Float64Array(count * k);
  for (let i = 0; i < count; i++) {
    for (let e = i * k; e < (i + 1) * k; e++) {
      const j = indices[e];
      if (j < 0 || j === i || isDuplicateBefore(indices, i * k, e, j)) continue;
      const excess = distances[e] - rhos[i];
      directed[e] = excess <= 0 || sigmas[i] === 0 ? 1 : Math.exp(-excess / sigmas[i]);
    }
  }

  // Each row gets its own kNN edges plus the reverse of every edge j→i that i does not list,
  // so count those first and fill rows in one pass. Rows are only k long: a linear scan for
  // the reverse edge is cheaper than building a transpose.
  const reverseOf = new Int32Array(count * k).fill(-1);
  const rowLength = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    for (let e = i * k; e < (i + 1) * k; e++) {
      if (directed[e] === 0) continue;
      const j = indices[e];
      const back = findEdge(indices, directed, j * k, k, i);
      reverseOf[e] = back;
      rowLength[i]++;
      if (back < 0) rowLength[j]++;
    }
  }

  const rowStart = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) rowStart[i + 1] = rowStart[i] + rowLength[i];
  const columns = new Int32Array(rowStart[count]);
  const weights = new Float32Array(rowStart[count]);
  const fill = rowStart.slice(0, count);
  for (let i = 0; i < count; i++) {
    for (let e = i * k; e < (i + 1) * k; e++) {
      const w = directed[e];
      if (w === 0) continue;
      const j = indices[e];
      const back = reverseOf[e];
      const union = back >= 0 ? w + directed[back] - w * directed[back] : w;
      columns[fill[i]] = j;
      weights[fill[i]++] = union;
      if (back < 0) {
        columns[fill[j]] = i;
        weights[fill[j]++] = union;
      }
    }
  }
  return { count, rowStart, columns, weights };
}

/** The edge index in row [start, start+k) that points at `target` with non-zero weight, or -1. */
function findEdge(indices: Int32Array, directed: Float64Array, start: number, k: number, target: number): number {
  for (let e = start; e < start + k; e++) if (indices[e] === target && directed[e] !== 0) return e;
  return -1;
}

/** An index listed twice in one row (possible from an approximate index) is kept once. */
function isDuplicateBefore(indices: Int32Array, rowStart: number, e: number, j: number): boolean {
  for (let f = rowStart; f < e; f++) if (indices[f] === j) return true;
  return false;
}
