// The vector index against its targets (recall@10 ≥ 0.95 and median query < 10 ms at
// 1M × 64 clustered vectors), with faiss's exact search as the reference in the same run.
// Also: usearch against hnswlib-node at 100k (why the index uses usearch), the kNN graph
// that UMAP and LOF consume, save/load, and where brute force stops paying (exactBelow).
//   SERENDIP_BENCH_ANN_N=100000   shrink the main run (default 1,000,000)
//   SERENDIP_BENCH_ANN_COMPARE=0  skip the library comparison
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import hnswlib from 'hnswlib-node';
import { Index, MetricKind, ScalarKind } from 'usearch';
import { buildVectorIndex, loadVectorIndex } from '../../electron/core/discovery/neighbours/open-index.js';
import {
  DEFAULT_SEARCH_EXPANSION,
  GRAPH_EXPANSION,
  HNSW_CONNECTIVITY,
  HNSW_EXPANSION_ADD,
} from '../../electron/core/discovery/neighbours/hnsw-index.js';
import { exactKnnGraph, exactSearchMany } from '../../electron/core/discovery/neighbours/exact-knn.js';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import type { VectorSet } from '../../electron/core/discovery/vectors.js';
import { benchScratchDir, printFigure, printHeading, runPythonReference, timeIt } from './bench-util.js';
import { clusteredVectors, writeVectorsNpy } from './clustered-data.js';
import { knnRecall } from '../helpers/knn-recall.js';

const DIM = 64;
const K = 10;
const GRAPH_K = 15;
const QUERIES = 500;
const COMPARE_ROWS = 100_000;

const FAISS_EXACT = `
import json, sys, time
import numpy as np, faiss
base = np.load(sys.argv[1]); queries = np.load(sys.argv[2]); k = int(sys.argv[3])
start = time.perf_counter()
index = faiss.IndexFlatL2(base.shape[1]); index.add(base)
_, found = index.search(queries, k)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "threads": faiss.omp_get_max_threads(),
                  "indices": found.astype(int).ravel().tolist()}))
`;

export async function run(): Promise<void> {
  const rows = Number(process.env.SERENDIP_BENCH_ANN_N ?? 1_000_000);
  const generated = await timeIt(() => clusteredVectors(rows + QUERIES, DIM, { seed: 17 }));
  // Copies, so neither array is a view at an offset into the other.
  const vectors: VectorSet = { data: generated.value.vectors.data.slice(0, rows * DIM), count: rows, dim: DIM };
  const queries = generated.value.vectors.data.slice(rows * DIM);

  if (process.env.SERENDIP_BENCH_ANN_COMPARE !== '0') compareLibraries(vectors, queries);

  printHeading(
    `ANN index (usearch HNSW, M=${HNSW_CONNECTIVITY}, ef_add=${HNSW_EXPANSION_ADD}, ` +
      `ef_search=${DEFAULT_SEARCH_EXPANSION}), ${rows} × ${DIM} clustered, ${QUERIES} held-out queries`,
  );
  printFigure('generate data', generated.seconds, 's');
  const built = await timeIt(() => buildVectorIndex(vectors, { exactBelow: 0 }));
  const index = built.value;
  printFigure('build', built.seconds, 's');
  printFigure('build rate', rows / built.seconds, 'rows/s');

  const exact = await timeIt(() => exactSearchMany(vectors, queries, K));
  printFigure(`exact search (ground truth), ours, ${QUERIES} queries`, exact.seconds, 's');
  printFigure('exact search rate, ours', QUERIES / exact.seconds, 'queries/s');
  faissExactReference(vectors, queries, exact.value.indices, exact.seconds);

  const latencies = new Float64Array(QUERIES);
  const found = new Int32Array(QUERIES * K);
  for (let q = 0; q < QUERIES; q++) {
    const start = performance.now();
    const result = index.search(queries.subarray(q * DIM, (q + 1) * DIM), K);
    latencies[q] = performance.now() - start;
    found.set(result.indices, q * K);
  }
  latencies.sort();
  const recallAt10 = knnRecall(found, exact.value.indices, QUERIES, K);
  printFigure('recall@10 against exact (target ≥ 0.95)', recallAt10);
  printFigure('query latency, median (target < 10 ms)', latencies[QUERIES >> 1], 'ms');
  printFigure('query latency, p99', latencies[Math.floor(QUERIES * 0.99)], 'ms');
  const batch = await timeIt(() => index.searchMany(queries, K));
  printFigure('batched search (all cores)', QUERIES / batch.seconds, 'queries/s');
  printFigure(
    'speed-up of one ANN query over one exact query, ours',
    exact.seconds / QUERIES / (latencies[QUERIES >> 1] / 1000),
    '×',
  );
  printFigure('targets met', recallAt10 >= 0.95 && latencies[QUERIES >> 1] < 10 ? 'yes' : 'NO');

  const graph = await timeIt(() => index.knnGraph(GRAPH_K));
  printFigure(
    `kNN graph k=${GRAPH_K} (ef=${Math.max(GRAPH_K + 1, GRAPH_EXPANSION)}), all ${rows} rows`,
    graph.seconds,
    's',
  );
  printFigure('kNN graph rate', rows / graph.seconds, 'rows/s');
  printFigure(
    `kNN graph recall@${GRAPH_K}, ${QUERIES} sampled rows`,
    graphRecall(vectors, graph.value.indices, GRAPH_K, QUERIES),
  );

  const scratch = benchScratchDir('ann');
  try {
    const path = join(scratch.dir, 'index.usearch');
    const saved = await timeIt(() => index.save(path));
    printFigure('save', saved.seconds, 's');
    printFigure('file size', statSync(path).size / 2 ** 20, 'MiB');
    const loaded = await timeIt(() => loadVectorIndex(path, vectors));
    printFigure('load', loaded.seconds, 's');
    for (const searchExpansion of [64, 128, 192, 256]) {
      const reloaded = loadVectorIndex(path, vectors, { searchExpansion });
      const measured = timeQueries(queries, (q) => Array.from(reloaded.search(q, K).indices));
      const recall = knnRecall(measured.found, exact.value.indices, QUERIES, K);
      const figure = `${recall.toFixed(4)} / ${measured.medianMs.toFixed(3)} ms`;
      printFigure(`ef_search=${searchExpansion}: recall@10 / median query`, figure);
    }
  } finally {
    scratch.dispose();
  }

  exactThreshold();
}

/** usearch and hnswlib-node with the same graph parameters on the same rows: build, recall, latency. */
function compareLibraries(all: VectorSet, queries: Float32Array): void {
  const rows = Math.min(all.count, COMPARE_ROWS);
  const data = all.data.slice(0, rows * DIM);
  printHeading(`usearch vs hnswlib-node, ${rows} × ${DIM} clustered, M=16, ef_construction=128`);
  const truth = exactSearchMany({ data, count: rows, dim: DIM }, queries, K).indices;

  const keys = new BigUint64Array(rows);
  for (let i = 0; i < rows; i++) keys[i] = BigInt(i);
  const config = {
    dimensions: DIM,
    metric: MetricKind.L2sq,
    quantization: ScalarKind.F32,
    connectivity: 16,
    expansion_add: 128,
    multi: false,
  };
  const scratch = benchScratchDir('ann-compare');
  try {
    const path = join(scratch.dir, 'compare.usearch');
    let start = performance.now();
    const usearch = new Index({ ...config, expansion_search: 64 });
    usearch.add(keys, data, 0);
    printFigure('usearch build (all cores)', (performance.now() - start) / 1000, 's');
    usearch.save(path);
    for (const ef of [64, 128]) {
      // expansion_search is fixed at construction, so each setting loads the same graph afresh.
      const index = new Index({ ...config, expansion_search: ef });
      index.load(path);
      const measured = timeQueries(queries, (q) => Array.from(index.search(q, K, 1).keys, Number));
      printFigure(`usearch ef=${ef}: recall@10`, knnRecall(measured.found, truth, QUERIES, K));
      printFigure(`usearch ef=${ef}: median query`, measured.medianMs, 'ms');
      start = performance.now();
      index.search(queries, K, 0);
      printFigure(
        `usearch ef=${ef}: batched search (all cores)`,
        QUERIES / ((performance.now() - start) / 1000),
        'queries/s',
      );
    }
    start = performance.now();
    const graph = new Index({ ...config, expansion_search: 64 });
    graph.load(path);
    graph.search(data, GRAPH_K + 1, 0);
    printFigure(`usearch kNN graph k=${GRAPH_K} (ef=64, all cores)`, (performance.now() - start) / 1000, 's');
  } finally {
    scratch.dispose();
  }

  const index = new hnswlib.HierarchicalNSW('l2', DIM);
  index.initIndex(rows, 16, 128, 100);
  let start = performance.now();
  // hnswlib-node takes one point at a time, as a plain number[], on one thread.
  for (let i = 0; i < rows; i++) index.addPoint(Array.from(data.subarray(i * DIM, (i + 1) * DIM)), i);
  printFigure('hnswlib-node build (one thread, no batch API)', (performance.now() - start) / 1000, 's');
  for (const ef of [64, 128]) {
    index.setEf(ef);
    const measured = timeQueries(queries, (q) => index.searchKnn(Array.from(q), K).neighbors);
    printFigure(`hnswlib-node ef=${ef}: recall@10`, knnRecall(measured.found, truth, QUERIES, K));
    printFigure(`hnswlib-node ef=${ef}: median query`, measured.medianMs, 'ms');
  }
  start = performance.now();
  index.setEf(64);
  for (let i = 0; i < rows; i++) index.searchKnn(Array.from(data.subarray(i * DIM, (i + 1) * DIM)), GRAPH_K + 1);
  printFigure(`hnswlib-node kNN graph k=${GRAPH_K} (ef=64, one thread)`, (performance.now() - start) / 1000, 's');
}

function timeQueries(
  queries: Float32Array,
  search: (query: Float32Array) => number[],
): { found: Int32Array; medianMs: number } {
  const found = new Int32Array(QUERIES * K).fill(-1);
  const latencies = new Float64Array(QUERIES);
  for (let q = 0; q < QUERIES; q++) {
    const start = performance.now();
    const result = search(queries.subarray(q * DIM, (q + 1) * DIM));
    latencies[q] = performance.now() - start;
    found.set(result.slice(0, K), q * K);
  }
  latencies.sort();
  return { found, medianMs: latencies[QUERIES >> 1] };
}

function faissExactReference(vectors: VectorSet, queries: Float32Array, ours: Int32Array, oursSeconds: number): void {
  const scratch = benchScratchDir('ann-faiss');
  try {
    const basePath = join(scratch.dir, 'base.npy');
    const queryPath = join(scratch.dir, 'queries.npy');
    writeVectorsNpy(basePath, vectors);
    writeVectorsNpy(queryPath, { data: queries, count: QUERIES, dim: DIM });
    const reference = runPythonReference<{ seconds: number; threads: number; indices: number[] }>(
      FAISS_EXACT,
      ['numpy', 'faiss'],
      [basePath, queryPath, String(K)],
    );
    if (!reference) return;
    printFigure(
      `exact search, faiss IndexFlatL2 (${reference.threads} threads), ${QUERIES} queries`,
      reference.seconds,
      's',
    );
    printFigure('exact search time ratio ours/faiss', oursSeconds / reference.seconds);
    const agreement = knnRecall(ours, Int32Array.from(reference.indices), QUERIES, K);
    printFigure('ground truth agreement ours vs faiss (top-10 sets)', agreement);
  } finally {
    scratch.dispose();
  }
}

/** Recall of the graph on sampled rows: exact search from each row, its own row dropped. */
function graphRecall(vectors: VectorSet, graph: Int32Array, k: number, samples: number): number {
  const rows = new SeededRandom(3).sampleWithoutReplacement(vectors.count, Math.min(samples, vectors.count));
  const queries = new Float32Array(rows.length * DIM);
  rows.forEach((row, i) => queries.set(vectors.data.subarray(row * DIM, (row + 1) * DIM), i * DIM));
  const exact = exactSearchMany(vectors, queries, k + 1).indices;
  const truth = new Int32Array(rows.length * k);
  const approx = new Int32Array(rows.length * k);
  rows.forEach((row, i) => {
    truth.set(
      exact
        .subarray(i * (k + 1), (i + 1) * (k + 1))
        .filter((n) => n !== row)
        .subarray(0, k),
      i * k,
    );
    approx.set(graph.subarray(row * k, (row + 1) * k), i * k);
  });
  return knnRecall(approx, truth, rows.length, k);
}

/** Brute-force kNN graph against build + graph with usearch, around the default exactBelow. */
function exactThreshold(): void {
  printHeading(`where brute force stops paying: kNN graph k=${GRAPH_K}, ${DIM} dims`);
  for (const rows of [5_000, 10_000, 20_000]) {
    const { vectors } = clusteredVectors(rows, DIM, { seed: 23 });
    let start = performance.now();
    exactKnnGraph(vectors, GRAPH_K);
    const exactSeconds = (performance.now() - start) / 1000;
    start = performance.now();
    buildVectorIndex(vectors, { exactBelow: 0 }).knnGraph(GRAPH_K);
    const annSeconds = (performance.now() - start) / 1000;
    printFigure(
      `${rows} rows: exact (one core) / HNSW build + graph`,
      `${exactSeconds.toFixed(2)} s / ${annSeconds.toFixed(2)} s`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
