// Which edges the optimiser samples and how often (umap-learn's make_epochs_per_sample).
// An edge of weight w is sampled n_epochs·w/w_max times over the run, i.e. once every
// w_max/w epochs, so strong edges pull often and weak ones rarely. Edges too weak to be
// sampled even once (w < w_max/n_epochs) are dropped first, as umap-learn does before both
// the spectral initialisation and the optimisation. Schedules are float32, not float64 as in
// umap-learn: epochs count to a few hundred, and at a million points (~20M edges) it saves
// a quarter of a gigabyte.
import type { FuzzyGraph } from './fuzzy-simplicial-set.js';

export interface EdgeSchedule {
  /** Edge e pulls `head[e]` towards `tail[e]` (and `tail[e]` towards `head[e]`). */
  head: Int32Array;
  tail: Int32Array;
  /** Epochs between two samples of edge e (≥ 1). */
  epochsPerSample: Float32Array;
}

/** Where the schedule's arrays live: ordinary memory, or SharedArrayBuffers for worker threads. */
export type BufferAllocator = (bytes: number) => ArrayBufferLike;

/** The graph without edges lighter than max_weight / n_epochs. */
export function pruneWeakEdges(graph: FuzzyGraph, nEpochs: number): FuzzyGraph {
  const { count, rowStart, columns, weights } = graph;
  const threshold = maxOf(weights) / nEpochs;
  const keptRowStart = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) {
    let kept = 0;
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) if (weights[e] >= threshold && weights[e] > 0) kept++;
    keptRowStart[i + 1] = keptRowStart[i] + kept;
  }
  const keptColumns = new Int32Array(keptRowStart[count]);
  const keptWeights = new Float32Array(keptRowStart[count]);
  let out = 0;
  for (let e = 0; e < weights.length; e++) {
    if (!(weights[e] >= threshold && weights[e] > 0)) continue;
    keptColumns[out] = columns[e];
    keptWeights[out++] = weights[e];
  }
  return { count, rowStart: keptRowStart, columns: keptColumns, weights: keptWeights };
}

export function edgeSchedule(
  graph: FuzzyGraph,
  allocate: BufferAllocator = (bytes) => new ArrayBuffer(bytes),
): EdgeSchedule {
  const { count, rowStart, columns, weights } = graph;
  const maxWeight = maxOf(weights);
  const edges = weights.length;
  const head = new Int32Array(allocate(edges * Int32Array.BYTES_PER_ELEMENT));
  const tail = new Int32Array(allocate(edges * Int32Array.BYTES_PER_ELEMENT));
  const epochsPerSample = new Float32Array(allocate(edges * Float32Array.BYTES_PER_ELEMENT));
  for (let i = 0; i < count; i++) head.fill(i, rowStart[i], rowStart[i + 1]);
  tail.set(columns);
  for (let e = 0; e < edges; e++) epochsPerSample[e] = maxWeight / weights[e];
  return { head, tail, epochsPerSample };
}

function maxOf(values: Float32Array): number {
  let max = 0;
  for (let e = 0; e < values.length; e++) if (values[e] > max) max = values[e];
  return max;
}
