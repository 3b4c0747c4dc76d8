// The starting layout: umap-learn's spectral initialisation. Each connected component is
// drawn with the two eigenvectors of its normalised Laplacian that follow the trivial one
// (coordinates that vary smoothly along the graph), components are placed around their
// anchors, and the whole is scaled to [0, 10] with a little noise so that no two points
// coincide. Starting from graph structure rather than at random preserves global shape and
// lets 200 epochs suffice for large data.
import type { VectorSet } from '../vectors.js';
import { SeededRandom } from '../seeded-random.js';
import { anchorRadius, componentAnchors } from './component-placement.js';
import type { Pause } from './cooperative-pause.js';
import { connectedComponents } from './connected-components.js';
import type { FuzzyGraph } from './fuzzy-simplicial-set.js';
import { lanczosLargest } from './lanczos.js';
import { symmetricEigen } from './symmetric-eigen.js';

export interface InitialLayoutOptions {
  seed: number;
  /** The vectors the graph came from: places disconnected components by their centroids. */
  vectors?: VectorSet;
  /** Awaited between pieces of work so that the caller can yield and cancel. */
  pause?: Pause;
}

/** Components this small (or smaller) are solved densely instead of by Lanczos. */
const DENSE_LIMIT = 64;
/** umap-learn lays out components of fewer than 2·dim points at random. */
const RANDOM_BELOW = 4;
// Basis vectors per Lanczos cycle: at 50k points 24 needed no more cycles than 40 and half the time.
const LANCZOS_BASIS = 24;
const LANCZOS_MAX_CYCLES = 40;
/** umap-learn's ARPACK tolerance; eigenvalues are near 1, so absolute and relative agree. */
const LANCZOS_TOLERANCE = 1e-4;
const NOISE_SCALE = 1e-4;
const LAYOUT_EXTENT = 10;

/** count×2 starting coordinates in [0, 10]². */
export async function initialLayout(graph: FuzzyGraph, options: InitialLayoutOptions): Promise<Float32Array> {
  const random = new SeededRandom(options.seed);
  const pause = options.pause ?? (async () => {});
  const layout = await spectralCoordinates(graph, options.vectors, random, pause);
  let largest = 0;
  for (let i = 0; i < layout.length; i++) largest = Math.max(largest, Math.abs(layout[i]));
  if (!(largest > 0) || !Number.isFinite(largest)) {
    for (let i = 0; i < layout.length; i++) layout[i] = random.nextFloat() * 20 - 10;
    largest = 10;
  }
  const expansion = LAYOUT_EXTENT / largest;
  for (let i = 0; i < layout.length; i++) layout[i] = layout[i] * expansion + NOISE_SCALE * random.nextGaussian();
  return rescaleColumns(layout, graph.count);
}

async function spectralCoordinates(
  graph: FuzzyGraph,
  vectors: VectorSet | undefined,
  random: SeededRandom,
  pause: Pause,
): Promise<Float64Array> {
  const { count } = graph;
  const components = connectedComponents(graph);
  const componentCount = components.sizes.length;
  const layout = new Float64Array(count * 2);
  const members = membersByComponent(components.labels, components.sizes);

  if (componentCount === 1) {
    const only = await componentEigenvectors(graph, members[0], pause);
    if (only) return only;
    for (let i = 0; i < layout.length; i++) layout[i] = random.nextFloat() * 20 - 10;
    return layout;
  }

  const anchors = componentAnchors(components, vectors);
  for (let c = 0; c < componentCount; c++) {
    const radius = anchorRadius(anchors, c);
    const ax = anchors[c * 2];
    const ay = anchors[c * 2 + 1];
    const points = members[c];
    const local = points.length >= RANDOM_BELOW ? await componentEigenvectors(graph, points, pause) : null;
    if (local) {
      let largest = 0;
      for (let i = 0; i < local.length; i++) largest = Math.max(largest, Math.abs(local[i]));
      const scale = largest > 0 ? radius / largest : 0;
      for (let p = 0; p < points.length; p++) {
        layout[points[p] * 2] = ax + local[p * 2] * scale;
        layout[points[p] * 2 + 1] = ay + local[p * 2 + 1] * scale;
      }
    } else {
      for (let p = 0; p < points.length; p++) {
        layout[points[p] * 2] = ax + (random.nextFloat() * 2 - 1) * radius;
        layout[points[p] * 2 + 1] = ay + (random.nextFloat() * 2 - 1) * radius;
      }
    }
  }
  return layout;
}

/**
 * The second and third eigenvectors (by decreasing eigenvalue) of D^-1/2·W·D^-1/2 on one
 * component, as points.length×2 coordinates; null when the component is too small or the
 * solver produced nothing finite.
 */
async function componentEigenvectors(
  graph: FuzzyGraph,
  points: Int32Array,
  pause: Pause,
): Promise<Float64Array | null> {
  const m = points.length;
  if (m < 3) return null;
  const localIndex = new Map<number, number>();
  const isWhole = m === graph.count;
  if (!isWhole) points.forEach((p, local) => localIndex.set(p, local));
  const toLocal = (global: number): number => (isWhole ? global : (localIndex.get(global) as number));

  const rowStart = new Int32Array(m + 1);
  for (let p = 0; p < m; p++) rowStart[p + 1] = rowStart[p] + graph.rowStart[points[p] + 1] - graph.rowStart[points[p]];
  const columns = new Int32Array(rowStart[m]);
  const weights = new Float64Array(rowStart[m]);
  const degree = new Float64Array(m);
  for (let p = 0; p < m; p++) {
    let out = rowStart[p];
    for (let e = graph.rowStart[points[p]]; e < graph.rowStart[points[p] + 1]; e++) {
      columns[out] = toLocal(graph.columns[e]);
      weights[out++] = graph.weights[e];
      degree[p] += graph.weights[e];
    }
  }
  const inverseRoot = degree.map((d) => (d > 0 ? 1 / Math.sqrt(d) : 0));
  for (let p = 0; p < m; p++) {
    for (let e = rowStart[p]; e < rowStart[p + 1]; e++) weights[e] *= inverseRoot[p] * inverseRoot[columns[e]];
  }

  let first: Float64Array;
  let second: Float64Array;
  if (m <= DENSE_LIMIT) {
    const dense = new Float64Array(m * m);
    for (let p = 0; p < m; p++)
      for (let e = rowStart[p]; e < rowStart[p + 1]; e++) dense[p * m + columns[e]] += weights[e];
    const { vectors } = symmetricEigen(dense, m);
    first = vectors.subarray(m, 2 * m);
    second = vectors.subarray(2 * m, 3 * m);
  } else {
    // The trivial eigenvector (eigenvalue 1) is sqrt(degree); the search skips it.
    const trivial = degree.map(Math.sqrt);
    const norm = Math.sqrt(trivial.reduce((s, x) => s + x * x, 0));
    for (let p = 0; p < m; p++) trivial[p] /= norm;
    const multiply = (x: Float64Array, y: Float64Array): void => {
      for (let p = 0; p < m; p++) {
        let s = 0;
        for (let e = rowStart[p]; e < rowStart[p + 1]; e++) s += weights[e] * x[columns[e]];
        y[p] = s;
      }
    };
    const result = await lanczosLargest(multiply, m, {
      wanted: 2,
      basisSize: LANCZOS_BASIS,
      tolerance: LANCZOS_TOLERANCE,
      maxCycles: LANCZOS_MAX_CYCLES,
      deflate: [trivial],
      start: new Float64Array(m).fill(1), // umap-learn starts ARPACK from the ones vector
      pause,
    });
    if (result.vectors.length < 2) return null;
    [first, second] = result.vectors;
  }

  const coordinates = new Float64Array(m * 2);
  for (let p = 0; p < m; p++) {
    coordinates[p * 2] = first[p];
    coordinates[p * 2 + 1] = second[p];
  }
  return coordinates.every(Number.isFinite) ? coordinates : null;
}

function membersByComponent(labels: Int32Array, sizes: Int32Array): Int32Array[] {
  const members = Array.from(sizes, (size) => new Int32Array(size));
  const filled = new Int32Array(sizes.length);
  for (let i = 0; i < labels.length; i++) members[labels[i]][filled[labels[i]]++] = i;
  return members;
}

/** Each axis mapped onto [0, 10] independently, as umap-learn does before optimising. */
function rescaleColumns(layout: Float64Array, count: number): Float32Array {
  const out = new Float32Array(count * 2);
  for (let axis = 0; axis < 2; axis++) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < count; i++) {
      min = Math.min(min, layout[i * 2 + axis]);
      max = Math.max(max, layout[i * 2 + axis]);
    }
    const span = max - min > 0 ? max - min : 1;
    for (let i = 0; i < count; i++) out[i * 2 + axis] = (LAYOUT_EXTENT * (layout[i * 2 + axis] - min)) / span;
  }
  return out;
}
