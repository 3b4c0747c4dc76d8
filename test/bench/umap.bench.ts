// UMAP map against umap-learn on the same clustered data (default 50k × 64; shrink it with
// SERENDIP_BENCH_UMAP_N). Ours is timed end to end: kNN graph from the ANN index, then the
// layout. umap-learn runs UMAP(n_neighbors=15) with its defaults in the same run; numba
// compiles its kernels on first use, so a 5,000-row warm-up fit runs first and the timed fit
// is the warm one (the warm-up time is printed too). Both layouts are scored by sklearn's
// trustworthiness (k = 15) on the same 5,000-row subsample, inside the same python script.
// Targets: time ratio ours/umap-learn ≤ 1.0, and trustworthiness within 0.01 of umap-learn's.
// The layout then runs again on one thread, to show what the worker threads gain.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildVectorIndex } from '../../electron/core/discovery/neighbours/open-index.js';
import { computeUmapLayout, PARALLEL_MIN_POINTS } from '../../electron/core/discovery/umap/index.js';
import type { KnnGraph, VectorSet } from '../../electron/core/discovery/vectors.js';
import { writeNpy } from '../../electron/core/formats/arrays/npy.js';
import { clusteredVectors } from './clustered-data.js';
import { benchScratchDir, printFigure, printHeading, runPythonReference, timeIt } from './bench-util.js';

const DIM = 64;
const CLUSTERS = 20;
const SEED = 11;
// umap-learn's n_neighbors counts the point itself; our graphs exclude it.
const UMAP_LEARN_NEIGHBOURS = 15;
const GRAPH_K = UMAP_LEARN_NEIGHBOURS - 1;
const TRUST_SAMPLE = 5000;

const REFERENCE_SCRIPT = `
import json, sys, time, warnings
import numpy as np
warnings.filterwarnings('ignore')
import umap
from sklearn.manifold import trustworthiness

folder, neighbours, sample = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
X = np.load(folder + '/vectors.npy')
ours = np.load(folder + '/ours.npy')

# Above 4,095 rows umap-learn switches from exact distances to NN-descent: warm up on a
# sample that large so that NN-descent is compiled too.
start = time.perf_counter()
umap.UMAP(n_neighbors=neighbours).fit_transform(X[:5000])
warmup_seconds = time.perf_counter() - start

start, cpu_start = time.perf_counter(), time.process_time()
theirs = umap.UMAP(n_neighbors=neighbours).fit_transform(X)
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start

rows = np.random.default_rng(0).choice(X.shape[0], size=min(sample, X.shape[0]), replace=False)
print(json.dumps({
  'seconds': seconds,
  'cpuSeconds': cpu_seconds,
  'warmupSeconds': warmup_seconds,
  'trustOurs': float(trustworthiness(X[rows], ours[rows], n_neighbors=15)),
  'trustTheirs': float(trustworthiness(X[rows], theirs[rows], n_neighbors=15)),
}))
`;

interface ReferenceResult {
  seconds: number;
  cpuSeconds: number;
  warmupSeconds: number;
  trustOurs: number;
  trustTheirs: number;
}

/** Runs the layout and times each of its stages from the progress reports. */
async function timedLayout(
  graph: KnnGraph,
  vectors: VectorSet,
  threads?: number,
): Promise<{ layout: Float32Array; stages: Map<string, number> }> {
  const stages = new Map<string, number>();
  let stage = '';
  let stageStart = performance.now();
  const layout = await computeUmapLayout(graph, {
    vectors,
    threads,
    onProgress: (_fraction, next) => {
      if (next === stage) return;
      if (stage) stages.set(stage, (performance.now() - stageStart) / 1000);
      stage = next;
      stageStart = performance.now();
    },
  });
  return { layout, stages };
}

/** User plus system CPU seconds of the whole process (every thread) since `start`. */
function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

export async function run(): Promise<void> {
  const count = Number(process.env.SERENDIP_BENCH_UMAP_N ?? 50_000);
  printHeading(`UMAP layout: ${count} x ${DIM}, ${CLUSTERS} blobs, ours vs umap-learn`);
  const { vectors } = clusteredVectors(count, DIM, { clusters: CLUSTERS, seed: SEED });

  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const graph = await timeIt(() => buildVectorIndex(vectors).knnGraph(GRAPH_K));
  const graphCpuSeconds = cpuSecondsSince(cpuStart);
  const { layout, stages } = await timedLayout(graph.value, vectors);
  const totalSeconds = (performance.now() - started) / 1000;
  const cpuSeconds = cpuSecondsSince(cpuStart);
  printFigure('ours: kNN graph (ANN index)', graph.seconds, 's');
  for (const [name, seconds] of stages) printFigure(`ours: ${name}`, seconds, 's');
  printFigure('ours: total (kNN graph + layout)', totalSeconds, 's');
  printFigure('ours: CPU time, all threads', cpuSeconds, 's');
  printFigure(
    'ours: CPU time of the kNN graph / of the layout',
    `${graphCpuSeconds.toFixed(1)} s / ${(cpuSeconds - graphCpuSeconds).toFixed(1)} s`,
  );

  // Whether the worker threads pay for themselves: the same optimisation on one thread.
  const single = await timedLayout(graph.value, vectors, 1);
  const threads = count >= PARALLEL_MIN_POINTS ? availableParallelism() : 1;
  printFigure(`ours: optimisation, ${threads} thread(s) (default)`, stages.get('optimising layout') ?? NaN, 's');
  printFigure('ours: optimisation, 1 thread', single.stages.get('optimising layout') ?? NaN, 's');

  const { dir, dispose } = benchScratchDir('umap');
  try {
    writeNpy(join(dir, 'vectors.npy'), vectors.data, [count, DIM]);
    writeNpy(join(dir, 'ours.npy'), layout, [count, 2]);
    const reference = runPythonReference<ReferenceResult>(
      REFERENCE_SCRIPT,
      ['numpy', 'sklearn', 'umap'],
      [dir, String(UMAP_LEARN_NEIGHBOURS), String(TRUST_SAMPLE)],
    );
    if (!reference) return;
    printFigure('umap-learn: numba warm-up fit (5,000 rows)', reference.warmupSeconds, 's');
    printFigure('umap-learn: total (warm)', reference.seconds, 's');
    printFigure('umap-learn: CPU time, all threads', reference.cpuSeconds, 's');
    printFigure('time ratio ours / umap-learn (target <= 1.0)', totalSeconds / reference.seconds);
    printFigure('CPU time ratio ours / umap-learn', cpuSeconds / reference.cpuSeconds);
    printFigure('trustworthiness k=15, ours', reference.trustOurs);
    printFigure('trustworthiness k=15, umap-learn', reference.trustTheirs);
    printFigure('trustworthiness ours - umap-learn (target >= -0.01)', reference.trustOurs - reference.trustTheirs);
  } finally {
    dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
