// The active labelling queue against the demo collection's truth. A simulated user labels
// injected anomalies interesting and everything else not, for 50 looks: how many anomalies
// does `queue --mode discover` find, against the static `top` ranking (target: 2×)? Also
// each of the discover queue's two learners alone (why both are kept), the most a linear
// model of the embedding could find (a ceiling set by the embedding, not the queue),
// "more like these" precision from five examples, and the re-ranking time at 100k × 32.
//   SERENDIP_BENCH_QUEUE_DEMOS=1,2,3   demo collection seeds to run (default 1, the CLI's default)
//   SERENDIP_BENCH_QUEUE_N=100000      rows of the timing run
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_TRUTH_FILE, SerendipService } from '../../electron/core/api/serendip-service.js';
import {
  DiscoverCache,
  discoverRanking,
  type DiscoverOptions,
} from '../../electron/core/discovery/active/discover-ranking.js';
import { likeLabels } from '../../electron/core/discovery/active/like-labels.js';
import { descendingOrder, rowMask } from '../../electron/core/discovery/active/ranking-order.js';
import { simulateUser, type RankingPolicy } from '../../electron/core/discovery/active/simulated-user.js';
import { fitStandardiser, standardisedRows } from '../../electron/core/discovery/active/column-standardiser.js';
import { fitLogisticRegression } from '../../electron/core/discovery/active/logistic-regression.js';
import type { LabelledRow } from '../../electron/core/discovery/active/labelled-row.js';
import { IsolationForest } from '../../electron/core/discovery/anomaly/isolation-forest.js';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import type { KnnGraph, VectorSet } from '../../electron/core/discovery/vectors.js';
import { embeddingKnnGraph, loadEmbedding } from '../../electron/core/discovery/pipeline/current-embedding.js';
import { forestPath } from '../../electron/core/discovery/pipeline/rank-anomalies.js';
import { loadScores } from '../../electron/core/discovery/pipeline/top-anomalies.js';
import { getRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import { describeObjects } from '../../electron/core/workspace/repositories/objects-repo.js';
import { benchScratchDir, printFigure, printHeading, timeIt } from './bench-util.js';
import { clusteredVectors } from './clustered-data.js';
import { truthByName } from '../helpers/demo-truth.js';

const OBJECTS = 2000;
const LOOKS = 50;
/** `rank` is re-run with each seed: the forest, and so the static ranking, changes with it. */
const FOREST_SEEDS = [0, 1, 2, 3, 4];
/** The kNN graph `rank` builds for LOF; the queue reads the same cached one. */
const GRAPH_K = 15;
const TARGET_RATIO = 2;
const SHOTS = 5;
const SHOT_TRIALS = 5;

interface Collection {
  vectors: VectorSet;
  graph: KnnGraph;
  isAnomaly: Uint8Array;
  galaxyType: string[];
  runs: { prior: Float64Array; forest: IsolationForest }[];
}

export async function run(): Promise<void> {
  const demos = (process.env.SERENDIP_BENCH_QUEUE_DEMOS ?? '1').split(',').map(Number);
  const totals = { static: 0, discover: 0 };
  for (const demoSeed of demos) {
    const { dir, dispose } = benchScratchDir('queue');
    try {
      const prepared = await timeIt(() => prepareDemo(dir, demoSeed));
      const found = discoverAgainstTop(prepared.value, demoSeed, prepared.seconds);
      totals.static += found.static;
      totals.discover += found.discover;
      likeLabelsPrecision(prepared.value);
    } finally {
      dispose();
    }
  }
  if (demos.length > 1) {
    printHeading(`discover queue over ${demos.length} demo collections (seeds ${demos.join(', ')})`);
    printFigure('anomalies found in 50 looks, static top (sum of means)', totals.static);
    printFigure('anomalies found in 50 looks, discover (sum of means)', totals.discover);
    printFigure(`ratio (target >= ${TARGET_RATIO})`, totals.discover / totals.static);
  }
  await rerankTiming(Number(process.env.SERENDIP_BENCH_QUEUE_N ?? 100_000), 32);
}

/** demo → `embed --method features` → `rank` (ensemble) once per forest seed, all through the service. */
async function prepareDemo(dir: string, seed: number): Promise<Collection> {
  const service = SerendipService.open(dir, { create: true });
  try {
    await service.demo({ objects: OBJECTS, seed });
    await service.embed({ method: 'features' });
    const workspace = service.workspace;
    const embedding = loadEmbedding(workspace);
    const runs = [];
    for (const forestSeed of FOREST_SEEDS) {
      const rank = await service.rank({ method: 'ensemble', seed: forestSeed });
      const members = (JSON.parse(getRun(workspace.db, rank.runId)!.params) as { members: Record<string, string> })
        .members;
      const forest = IsolationForest.fromBytes(readFileSync(forestPath(workspace, members.iforest)));
      runs.push({ prior: Float64Array.from(loadScores(workspace, rank.runId).scores), forest });
    }
    const graph = embeddingKnnGraph(workspace, embedding, GRAPH_K);
    const names = describeObjects(workspace.db, Array.from(embedding.ids));
    const truth = readTruth(join(dir, DEMO_TRUTH_FILE));
    const rowsTruth = Array.from(embedding.ids, (id) => truth.get(names.get(id)!.name)!);
    return {
      vectors: embedding.vectors,
      graph,
      isAnomaly: Uint8Array.from(rowsTruth, (t) => (t.anomaly ? 1 : 0)),
      galaxyType: rowsTruth.map((t) => t.galaxyType),
      runs,
    };
  } finally {
    service.close();
  }
}

function readTruth(path: string): Map<string, { anomaly: string; galaxyType: string }> {
  return truthByName(path, (row) => ({ anomaly: row.anomaly, galaxyType: row.galaxy_type }));
}

function staticPolicy(prior: Float64Array): RankingPolicy {
  const order = descendingOrder(prior);
  return () => order;
}

function discoverPolicy(
  collection: Collection,
  run: Collection['runs'][number],
  options?: DiscoverOptions,
): RankingPolicy {
  const cache = new DiscoverCache();
  const { vectors, graph } = collection;
  return (labelled: readonly LabelledRow[]) =>
    discoverRanking({ vectors, anomalyScores: run.prior, labelled, forest: run.forest, graph, cache, options }).order;
}

function discoverAgainstTop(
  collection: Collection,
  demoSeed: number,
  prepareSeconds: number,
): { static: number; discover: number } {
  const { vectors, isAnomaly } = collection;
  const anomalies = isAnomaly.reduce((a, b) => a + b, 0);
  printHeading(
    `discover queue vs static top: demo seed ${demoSeed}, ${vectors.count} objects ` +
      `(${anomalies} injected anomalies), features embedding (${vectors.dim}-d), ${LOOKS} looks`,
  );
  printFigure('demo + ingest + embed + rank ×5', prepareSeconds, 's');
  const policies: [string, (run: Collection['runs'][number]) => RankingPolicy][] = [
    ['static top (rank --method ensemble)', (run) => staticPolicy(run.prior)],
    ['discover (default: leaf refit + relevance model)', (run) => discoverPolicy(collection, run)],
    ['discover, leaf refit only (AAD)', (run) => discoverPolicy(collection, run, { relevanceWeight: 0 })],
    [
      'discover, relevance model only (NeighbourScore-like)',
      (run) => discoverPolicy(collection, run, { leafWeight: 0 }),
    ],
    ['discover, one fixed kernel width', (run) => discoverPolicy(collection, run, { kernelWidth: 'fixed' })],
  ];
  const means: number[] = [];
  for (const [name, policy] of policies) {
    const found = collection.runs.map((run) => simulateUser(isAnomaly, policy(run), { looks: LOOKS }).found);
    const mean = found.reduce((a, b) => a + b, 0) / found.length;
    means.push(mean);
    printFigure(`${name}, forest seeds ${FOREST_SEEDS.join(',')}`, `${mean.toFixed(1)} (${found.join(' ')})`);
  }
  printFigure(`ratio discover / static top (target >= ${TARGET_RATIO})`, means[1] / means[0]);
  printFigure('random order, expected', (LOOKS * anomalies) / vectors.count);
  printFigure('ceiling: linear model fitted to the whole truth, top 50', linearCeiling(vectors, isAnomaly));
  return { static: means[0], discover: means[1] };
}

/**
 * Anomalies in the top 50 of a balanced logistic regression fitted to every row's truth: how
 * far labels could move a linear model of this embedding. When it is close to the static
 * top's count, the embedding does not separate the remaining anomalies and no queue can.
 */
function linearCeiling(vectors: VectorSet, isAnomaly: Uint8Array): number {
  const { count, dim } = vectors;
  const all = Int32Array.from({ length: count }, (_, i) => i);
  const standardiser = fitStandardiser(vectors);
  const features = standardisedRows(vectors, standardiser, all);
  const positives = isAnomaly.reduce((a, b) => a + b, 0);
  const weights = Float64Array.from(isAnomaly, (a) => (a ? 1 / positives : 1 / (count - positives)));
  const model = fitLogisticRegression(features, dim, isAnomaly, weights, { l2: 0.01 });
  const score = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let z = model.intercept;
    for (let d = 0; d < dim; d++) z += model.coefficients[d] * features[i * dim + d];
    score[i] = z;
  }
  const order = descendingOrder(score);
  let found = 0;
  for (let r = 0; r < LOOKS; r++) found += isAnomaly[order[r]];
  return found;
}

/** "More like these" from five random examples of one class, no negatives: precision in the first `at` of the queue. */
function likeLabelsPrecision(collection: Collection): void {
  const { vectors, galaxyType, isAnomaly } = collection;
  printHeading(`like-labels: ${SHOTS} examples, no negatives, mean of ${SHOT_TRIALS} draws (informational)`);
  const classes: [string, (row: number) => boolean, number][] = [
    ...[...new Set(galaxyType)]
      .filter((t) => galaxyType.filter((g) => g === t).length >= 50)
      .sort()
      .map((type): [string, (row: number) => boolean, number] => [
        `galaxy type ${type}`,
        (row) => galaxyType[row] === type,
        50,
      ]),
    ['any injected anomaly', (row) => isAnomaly[row] === 1, 30],
  ];
  for (const [name, member, at] of classes) {
    const members = Array.from({ length: vectors.count }, (_, i) => i).filter(member);
    const random = new SeededRandom(7);
    let precision = 0;
    for (let trial = 0; trial < SHOT_TRIALS; trial++) {
      const positives = Array.from(random.sampleWithoutReplacement(members.length, SHOTS), (j) => members[j]);
      const { order } = likeLabels({ vectors, positives, negatives: [] });
      let hits = 0;
      for (let r = 0; r < at; r++) hits += member(order[r]) ? 1 : 0;
      precision += hits / at / SHOT_TRIALS;
    }
    const baseRate = (members.length - SHOTS) / (vectors.count - SHOTS);
    printFigure(`${name}: precision@${at} (base rate ${baseRate.toFixed(3)})`, precision);
  }
}

/** Cost of re-ranking after one more label, as the UI does after every keypress, with a kept cache. */
async function rerankTiming(count: number, dim: number): Promise<void> {
  printHeading(`re-ranking time, ${count} × ${dim} clustered vectors, 100 trees`);
  const { vectors, isOutlier } = clusteredVectors(count, dim, { seed: 5 });
  const forest = IsolationForest.fit(vectors, { seed: 0 });
  const prior = forest.score(vectors);
  const random = new SeededRandom(9);
  const labelled: LabelledRow[] = [];
  const addLabel = (): void => {
    let row = random.nextInt(count);
    while (labelled.some((l) => l.row === row)) row = random.nextInt(count);
    labelled.push({ row, target: isOutlier[row] ? 1 : random.nextFloat() < 0.5 ? 1 : 0 });
  };
  const cache = new DiscoverCache();
  addLabel();
  const first = await seconds(() => discoverRanking({ vectors, anomalyScores: prior, labelled, forest, cache }));
  printFigure('discover, first call (builds the cache: leaves, ranks, width)', first, 's');
  for (const target of [10, 100, 1000]) {
    while (labelled.length < target - 1) {
      addLabel();
      if (labelled.length % 100 === 0 || labelled.length === target - 1)
        discoverRanking({ vectors, anomalyScores: prior, labelled, forest, cache });
    }
    addLabel();
    const time = await seconds(() => discoverRanking({ vectors, anomalyScores: prior, labelled, forest, cache }));
    printFigure(`discover, one more label, ${target} labelled`, time * 1000, 'ms');
  }
  const cold = await seconds(() =>
    discoverRanking({ vectors, anomalyScores: prior, labelled: labelled.slice(0, 100), forest }),
  );
  printFigure('discover, 100 labelled, no cache', cold, 's');
  const positives = labelled
    .filter((l) => l.target === 1)
    .slice(0, 5)
    .map((l) => l.row);
  const negatives = labelled
    .filter((l) => l.target === 0)
    .slice(0, 20)
    .map((l) => l.row);
  const like = await seconds(() => likeLabels({ vectors, positives, negatives }));
  printFigure('like-labels, 5 positives + 20 negatives', like * 1000, 'ms');
  const sortOnly = await seconds(() =>
    descendingOrder(
      prior,
      rowMask(
        count,
        labelled.map((l) => l.row),
      ),
    ),
  );
  printFigure('of which: ordering the unlabelled rows (one sort)', sortOnly * 1000, 'ms');
}

async function seconds(fn: () => unknown): Promise<number> {
  return (await timeIt(fn)).seconds;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
