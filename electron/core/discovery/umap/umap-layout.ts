// computeUmapLayout: 2-D map coordinates for a kNN graph, following umap-learn 0.5 step by
// step (smooth kNN distances → fuzzy union → spectral start → epoch-scheduled SGD with
// negative sampling) on flat typed arrays, with the epochs optionally spread over worker
// threads. Progress is reported as one fraction across all stages; an AbortSignal stops it.
import { availableParallelism } from 'node:os';
import type { KnnGraph, VectorSet } from '../vectors.js';
import { SeededRandom } from '../seeded-random.js';
import { createPause } from './cooperative-pause.js';
import { fitCurveParameters } from './curve-fit.js';
import { edgeSchedule, pruneWeakEdges, type BufferAllocator } from './edge-schedule.js';
import { fuzzySimplicialSet } from './fuzzy-simplicial-set.js';
import { initialiseSchedule, type SgdBuffers, type SgdSettings } from './sgd-epoch.js';
import { optimiseInProcess, optimiseInWorkers, sgdWorkerScript } from './sgd-runners.js';
import { smoothKnnScales } from './smooth-knn.js';
import { initialLayout } from './spectral-layout.js';

export interface UmapLayoutOptions {
  /** Optimisation epochs; default 500 up to 10,000 points and 200 above (umap-learn's rule). */
  nEpochs?: number;
  /** Smallest distance between points in the layout; default 0.1. */
  minDist?: number;
  /** Scale of the layout's clusters; default 1.0. */
  spread?: number;
  /** Random repulsive samples per attractive one; default 5. */
  negativeSampleRate?: number;
  /** Seeds the initial noise and negative sampling; default 0. Deterministic only with threads = 1. */
  seed?: number;
  /** Called with a fraction in [0, 1] that never decreases, and the stage it is in. */
  onProgress?: (fraction: number, stage: string) => void;
  /** Aborting rejects the promise with the signal's reason (an AbortError) and stops any workers. */
  signal?: AbortSignal;
  /**
   * Threads for the optimisation; default: all cores from PARALLEL_MIN_POINTS points up, else 1.
   * Falls back to 1 when the compiled worker script is missing.
   */
  threads?: number;
  /**
   * The vectors the graph was built from. Optional: used only to place the graph's disconnected
   * parts at the start, near parts with similar centroids (else they start on a spiral).
   */
  vectors?: VectorSet;
}

/** Below this many points, starting workers costs more than the optimisation they share. */
export const PARALLEL_MIN_POINTS = 20_000;
const SMALL_DATA_POINTS = 10_000;
// Share of the progress bar per stage, roughly as the stages' times at 50k points.
const GRAPH_SHARE = 0.04;
const INIT_SHARE = 0.1;

/** Resolves to count×2 coordinates (x0, y0, x1, y1, …). */
export async function computeUmapLayout(graph: KnnGraph, options: UmapLayoutOptions = {}): Promise<Float32Array> {
  const { signal } = options;
  const count = graph.count;
  const nEpochs = options.nEpochs ?? (count <= SMALL_DATA_POINTS ? 500 : 200);
  const minDist = options.minDist ?? 0.1;
  const spread = options.spread ?? 1;
  const negativeSampleRate = options.negativeSampleRate ?? 5;
  const seed = options.seed ?? 0;
  if (!(nEpochs >= 1) || !Number.isInteger(nEpochs))
    throw new RangeError(`nEpochs must be a positive integer, got ${nEpochs}`);
  if (!(negativeSampleRate > 0)) throw new RangeError(`negativeSampleRate must be positive, got ${negativeSampleRate}`);
  const threads = chooseThreads(options.threads, count);

  let reported = 0;
  const report = (fraction: number, stage: string): void => {
    reported = Math.max(reported, Math.min(1, fraction));
    options.onProgress?.(reported, stage);
  };
  const pause = createPause(signal);

  signal?.throwIfAborted();
  report(0, 'fuzzy graph');
  const { a, b } = fitCurveParameters(minDist, spread);
  const fuzzy = pruneWeakEdges(fuzzySimplicialSet(graph, smoothKnnScales(graph)), nEpochs);
  report(GRAPH_SHARE, 'spectral initialisation');
  await pause();

  const start = await initialLayout(fuzzy, { seed, vectors: options.vectors, pause });
  report(GRAPH_SHARE + INIT_SHARE, 'optimising layout');
  await pause();
  if (count < 2 || fuzzy.columns.length === 0) {
    report(1, 'done');
    return start;
  }

  const script = threads > 1 ? sgdWorkerScript() : null;
  const shared = script !== null;
  const allocate: BufferAllocator = shared
    ? (bytes) => new SharedArrayBuffer(bytes)
    : (bytes) => new ArrayBuffer(bytes);
  const schedule = edgeSchedule(fuzzy, allocate);
  const edges = schedule.head.length;
  const embedding = shared ? new Float32Array(allocate(start.byteLength)) : start;
  if (embedding !== start) embedding.set(start);
  const buffers: SgdBuffers = {
    embedding,
    ...schedule,
    epochOfNextSample: new Float32Array(allocate(edges * Float32Array.BYTES_PER_ELEMENT)),
    epochOfNextNegativeSample: new Float32Array(allocate(edges * Float32Array.BYTES_PER_ELEMENT)),
  };
  initialiseSchedule(buffers, negativeSampleRate);
  const settings: SgdSettings = { count, nEpochs, a, b, gamma: 1, initialAlpha: 1, negativeSampleRate };
  const optimiseStart = GRAPH_SHARE + INIT_SHARE;
  const hooks = {
    onEpochs: (done: number) => report(optimiseStart + ((1 - optimiseStart) * done) / nEpochs, 'optimising layout'),
    signal,
  };

  const random = new SeededRandom(seed ^ 0x5bd1e995);
  const rngSeed = (): number => random.nextUint32() | 1; // xorshift must not start at 0
  if (script) {
    await optimiseInWorkers(script, buffers, settings, Array.from({ length: threads }, rngSeed), hooks);
  } else {
    await optimiseInProcess(buffers, settings, rngSeed(), hooks);
  }
  report(1, 'done');
  // Hand back an ordinary (transferable) buffer rather than the shared one.
  return shared ? buffers.embedding.slice() : buffers.embedding;
}

function chooseThreads(requested: number | undefined, count: number): number {
  if (requested !== undefined) {
    if (!(requested >= 1) || !Number.isInteger(requested))
      throw new RangeError(`threads must be a positive integer, got ${requested}`);
    return requested;
  }
  return count >= PARALLEL_MIN_POINTS ? availableParallelism() : 1;
}
