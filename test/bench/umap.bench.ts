// UMAP map against umap-learn on the same clustered data (default 50k × 64; shrink it with
// SERENDIP_BENCH_UMAP_N). Ours is timed end to end: kNN graph from the ANN index, then the
// layout. umap-learn runs UMAP(n_neighbors=15) with its defaults in the same run; numba
// compiles its kernels on first use, so a small warm-up fit runs first and the timed fit is
// the warm one (the warm-up time is printed too). Both layouts are scored by sklearn's
// trustworthiness (k = 15) on the same 5,000-row subsample, inside the same python script.
// Targets: time ratio ours/umap-learn ≤ 1.0, and trustworthiness within 0.01 of umap-learn's.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildVectorIndex } from '../../electron/core/discovery/ann-index.js';
import { computeUmapLayout } from '../../electron/core/discovery/umap/index.js';
import { writeNpy } from '../../electron/core/formats/npy.js';
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

start = time.perf_counter()
umap.UMAP(n_neighbors=neighbours).fit_transform(X[:2000])
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

export async function run(): Promise<void> {
  const count = Number(process.env.SERENDIP_BENCH_UMAP_N ?? 50_000);
  printHeading(`UMAP layout: ${count} x ${DIM}, ${CLUSTERS} blobs, ours vs umap-learn`);
  const { vectors } = clusteredVectors(count, DIM, { clusters: CLUSTERS, seed: SEED });

  const stages: Record<string, number> = {};
  let stageStart = performance.now();
  let stage = '';
  const cpuStart = process.cpuUsage();
  const total = await timeIt(async () => {
    const graph = buildVectorIndex(vectors).knnGraph(GRAPH_K);
    stages['kNN graph (ANN index)'] = (performance.now() - stageStart) / 1000;
    stageStart = performance.now();
    return computeUmapLayout(graph, {
      vectors,
      onProgress: (_fraction, next) => {
        if (next === stage) return;
        if (stage) stages[stage] = (performance.now() - stageStart) / 1000;
        stage = next;
        stageStart = performance.now();
      },
    });
  });
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const layout = total.value;
  for (const [name, seconds] of Object.entries(stages)) printFigure(`ours: ${name}`, seconds, 's');
  printFigure('ours: total (kNN graph + layout)', total.seconds, 's');
  printFigure('ours: CPU time, all threads', cpuSeconds, 's');

  const { dir, dispose } = benchScratchDir('umap');
  try {
    writeNpy(join(dir, 'vectors.npy'), vectors.data, [count, DIM]);
    writeNpy(join(dir, 'ours.npy'), layout, [count, 2]);
    const reference = runPythonReference<ReferenceResult>(REFERENCE_SCRIPT, ['numpy', 'sklearn', 'umap'], [
      dir,
      String(UMAP_LEARN_NEIGHBOURS),
      String(TRUST_SAMPLE),
    ]);
    if (!reference) return;
    printFigure('umap-learn: numba warm-up fit (2,000 rows)', reference.warmupSeconds, 's');
    printFigure('umap-learn: total (warm)', reference.seconds, 's');
    printFigure('umap-learn: CPU time, all threads', reference.cpuSeconds, 's');
    printFigure('time ratio ours / umap-learn (target <= 1.0)', total.seconds / reference.seconds);
    printFigure('CPU time ratio ours / umap-learn', cpuSeconds / reference.cpuSeconds);
    printFigure('trustworthiness k=15, ours', reference.trustOurs);
    printFigure('trustworthiness k=15, umap-learn', reference.trustTheirs);
    printFigure('trustworthiness ours - umap-learn (target >= -0.01)', reference.trustOurs - reference.trustTheirs);
  } finally {
    dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
