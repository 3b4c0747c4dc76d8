// computeUmapLayout: 2-D map coordinates for a kNN graph, following umap-learn 0.5 step by
// step (smooth kNN distances → fuzzy union → spectral start → epoch-scheduled SGD with
// negative sampling) on flat typed arrays, with the epochs optionally spread over worker
// threads. Progress is reported as one fraction across all stages; an AbortSignal stops it.
import { availableParallelism } from 'node:os';
import type { KnnGraph, VectorSet } from '../vectors.js';
import { SeededRandom } from '../seeded-random.js';
import { fitCurveParameters } from './curve-fit.js';
import { edgeSchedule, pruneWeakEdges } from './edge-schedule.js';
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
  /** The vectors the graph was built from; when given, disconnected parts start near similar parts. */
  vectors?: VectorSet;
}

/** Below this many points, starting workers costs more than the optimisation they share. */
export const PARALLEL_MIN_POINTS = 20_000;
const SMALL_DATA_POINTS = 10_000;
// Share of the progress bar per stage, from measured times at 50k points.
const GRAPH_SHARE = 0.04;
const INIT_SHARE = 0.06;

/** Resolves to count×2 coordinates (x0, y0, x1, y1, …). */
export async function computeUmapLayout(graph: KnnGraph, options: UmapLayoutOptions = {}): Promise<Float32Array> {
  const { signal } = options;
  const count = graph.count;
  const nEpochs = options.nEpochs ?? (count <= SMALL_DATA_POINTS ? 500 : 200);
  const minDist = options.minDist ?? 0.1;
  const spread = options.spread ?? 1;
  const negativeSampleRate = options.negativeSampleRate ?? 5;
  const seed = options.seed ?? 0;
  if (!(nEpochs >= 1) || !Number.isInteger(nEpochs)) throw new RangeError(`nEpochs must be a positive integer, got ${nEpochs}`);
  if (!(negativeSampleRate > 0)) throw new RangeError(`negativeSampleRate must be positive, got ${negativeSampleRate}`);

  let reported = 0;
  const report = (fraction: number, stage: string): void => {
    reported = Math.max(reported, Math.min(1, fraction));
    options.onProgress?.(reported, stage);
  };
  const checkpoint = async (): Promise<void> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
  };

  signal?.throwIfAborted();
  report(0, 'fuzzy graph');
  const { a, b } = fitCurveParameters(minDist, spread);
  const fuzzy = pruneWeakEdges(fuzzySimplicialSet(graph, smoothKnnScales(graph)), nEpochs);
  report(GRAPH_SHARE, 'spectral initialisation');
  await checkpoint();

  const start = initialLayout(fuzzy, { seed, vectors: options.vectors });
  report(GRAPH_SHARE + INIT_SHARE, 'optimising layout');
  await checkpoint();
  if (count < 2 || fuzzy.columns.length === 0) {
    report(1, 'done');
    return start;
  }

  const threads = chooseThreads(options.threads, count);
  const script = threads > 1 ? sgdWorkerScript() : null;
  const shared = script !== null;
  const schedule = edgeSchedule(fuzzy);
  const edges = schedule.head.length;
  const buffers: SgdBuffers = {
    embedding: copyInto(start, new Float32Array(allocate(start.byteLength, shared))),
    head: copyInto(schedule.head, new Int32Array(allocate(edges * 4, shared))),
    tail: copyInto(schedule.tail, new Int32Array(allocate(edges * 4, shared))),
    epochsPerSample: copyInto(schedule.epochsPerSample, new Float64Array(allocate(edges * 8, shared))),
    epochOfNextSample: new Float64Array(allocate(edges * 8, shared)),
    epochOfNextNegativeSample: new Float64Array(allocate(edges * 8, shared)),
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
    if (!(requested >= 1) || !Number.isInteger(requested)) throw new RangeError(`threads must be a positive integer, got ${requested}`);
    return requested;
  }
  return count >= PARALLEL_MIN_POINTS ? availableParallelism() : 1;
}

function allocate(bytes: number, shared: boolean): ArrayBufferLike {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

function copyInto<T extends Float32Array | Float64Array | Int32Array>(source: T, target: T): T {
  target.set(source as never);
  return target;
}
