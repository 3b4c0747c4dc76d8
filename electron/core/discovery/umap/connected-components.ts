// Connected components of the fuzzy graph. Spectral initialisation needs them: a graph in
// several pieces has one trivial eigenvector per piece, so each piece is laid out on its own
// and the pieces are then placed side by side (umap-learn's multi_component_layout).
import type { FuzzyGraph } from './fuzzy-simplicial-set.js';

export interface Components {
  /** Component index per point, numbered from 0 by decreasing size. */
  labels: Int32Array;
  sizes: Int32Array;
}

export function connectedComponents(graph: FuzzyGraph): Components {
  const { count, rowStart, columns } = graph;
  const parent = new Int32Array(count);
  for (let i = 0; i < count; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]]; // path halving keeps the trees flat
      x = parent[x];
    }
    return x;
  };
  for (let i = 0; i < count; i++) {
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      const a = find(i);
      const b = find(columns[e]);
      if (a !== b) parent[a < b ? b : a] = a < b ? a : b;
    }
  }

  const rootSize = new Int32Array(count);
  for (let i = 0; i < count; i++) rootSize[find(i)]++;
  const roots: number[] = [];
  for (let i = 0; i < count; i++) if (rootSize[i] > 0) roots.push(i);
  roots.sort((x, y) => rootSize[y] - rootSize[x] || x - y);
  const labelOfRoot = new Int32Array(count);
  const sizes = new Int32Array(roots.length);
  roots.forEach((root, label) => {
    labelOfRoot[root] = label;
    sizes[label] = rootSize[root];
  });
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) labels[i] = labelOfRoot[find(i)];
  return { labels, sizes };
}
