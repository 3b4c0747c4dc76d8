// The proof of the learned image models on the demo collection (2,000 objects, seed 1, the
// CLI's defaults): for `pca` (the baseline), `autoencoder` and `contrastive`, each run
// through the service as a user would (`embed` then `rank`), it prints
//   (a) recall of the injected anomalies in the top 2% of the anomaly ranking (the ensemble
//       of the embedding's scorers; for the autoencoder also its reconstruction error, and
//       both combined by rank),
//   (b) kNN purity of the generated galaxy types (k = 10, ordinary galaxies only),
// and the wall time, training images/s and encoding images/s with the backend and device.
//   SERENDIP_BENCH_LEARNED_METHODS=autoencoder,contrastive   which learned methods to run
//   SERENDIP_BENCH_LEARNED_EPOCHS=n                          override the default epochs
//   SERENDIP_BENCH_LEARNED_OBJECTS=2000                      demo size
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_TRUTH_FILE, SerendipService } from '../../electron/core/api/serendip-service.js';
import { exactKnnGraph } from '../../electron/core/discovery/neighbours/exact-knn.js';
import { ensembleByRank } from '../../electron/core/discovery/anomaly/rank-ensemble.js';
import { loadEmbedding } from '../../electron/core/discovery/pipeline/current-embedding.js';
import { loadScores } from '../../electron/core/discovery/pipeline/top-anomalies.js';
import { describeObjects } from '../../electron/core/workspace/repositories/objects-repo.js';
import { getRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import { benchScratchDir, printFigure, printHeading, timeIt } from './bench-util.js';
import { truthByName } from '../helpers/demo-truth.js';

const OBJECTS = Number(process.env.SERENDIP_BENCH_LEARNED_OBJECTS ?? 2000);
const DEMO_SEED = 1;
const TOP_FRACTION = 0.02;
const PURITY_K = 10;
const LEARNED = (process.env.SERENDIP_BENCH_LEARNED_METHODS ?? 'autoencoder,contrastive').split(',') as (
  'autoencoder' | 'contrastive'
)[];
const EPOCHS = process.env.SERENDIP_BENCH_LEARNED_EPOCHS
  ? Number(process.env.SERENDIP_BENCH_LEARNED_EPOCHS)
  : undefined;

interface Truth {
  isAnomaly: boolean;
  galaxyType: string;
}

function readTruth(path: string): Map<string, Truth> {
  return truthByName(path, (row) => ({ isAnomaly: row.is_anomaly === '1', galaxyType: row.galaxy_type }));
}

/** Injected anomalies among the top `fraction` of `scores` (rows aligned with `truth`). */
export function recallAtTop(
  scores: ArrayLike<number>,
  isAnomaly: ArrayLike<boolean>,
  fraction: number,
): { found: number; total: number } {
  const n = Math.max(1, Math.round(fraction * scores.length));
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let found = 0;
  let total = 0;
  for (let i = 0; i < scores.length; i++) if (isAnomaly[i]) total++;
  for (const i of order.slice(0, n)) if (isAnomaly[i]) found++;
  return { found, total };
}

/** Share of each ordinary galaxy's k nearest ordinary neighbours that have its type. */
export function knnPurity(data: Float32Array, dim: number, types: string[], keep: boolean[], k: number): number {
  const rows = keep.flatMap((kept, i) => (kept ? [i] : []));
  const subset = new Float32Array(rows.length * dim);
  rows.forEach((row, j) => subset.set(data.subarray(row * dim, (row + 1) * dim), j * dim));
  const graph = exactKnnGraph({ data: subset, count: rows.length, dim }, k);
  let same = 0;
  for (let j = 0; j < rows.length; j++)
    for (let m = 0; m < k; m++) if (types[rows[graph.indices[j * k + m]]] === types[rows[j]]) same++;
  return same / (rows.length * k);
}

async function evaluate(
  service: SerendipService,
  truth: Map<string, Truth>,
  method: string,
  embed: () => Promise<{ runId: string; reconstructionRun?: string | null }>,
): Promise<void> {
  printHeading(`${method} on the demo collection (${OBJECTS} objects, seed ${DEMO_SEED})`);
  const embedded = await timeIt(embed);
  const rank = await service.rank({ method: 'ensemble' });
  const workspace = service.workspace;
  const embedding = loadEmbedding(workspace, embedded.value.runId);
  const names = describeObjects(workspace.db, Array.from(embedding.ids));
  const rows = Array.from(embedding.ids, (id) => truth.get(names.get(id)!.name)!);
  const isAnomaly = rows.map((t) => t.isAnomaly);
  const aligned = (runId: string): Float32Array => {
    const { ids, scores } = loadScores(workspace, runId);
    const at = new Map(Array.from(ids, (id, i) => [id, i]));
    return Float32Array.from(embedding.ids, (id) => scores[at.get(id)!]);
  };
  const ensemble = aligned(rank.runId);
  const params = JSON.parse(getRun(workspace.db, embedded.value.runId)!.params) as Record<string, unknown>;
  printFigure('embed wall time', embedded.seconds, 's');
  if (params.backend) {
    printFigure('backend', `${String(params.backend)} (${String(params.device)})`);
    printFigure('epochs × sample', `${String(params.epochs)} × ${String(params.sample)}`);
    printFigure('training images/s', Number(params.train_images_per_second));
    printFigure('encoding images/s', Number(params.encode_images_per_second));
    printFigure('final training loss', Number(params.final_loss).toPrecision(4));
  }
  const report = (label: string, scores: ArrayLike<number>): void => {
    const { found, total } = recallAtTop(scores, isAnomaly, TOP_FRACTION);
    printFigure(`(a) anomalies in the top 2%, ${label}`, `${found} of ${total}`);
  };
  report('rank ensemble', ensemble);
  if (embedded.value.reconstructionRun) {
    const reconstruction = aligned(embedded.value.reconstructionRun);
    report('reconstruction error', reconstruction);
    report('ensemble + reconstruction', ensembleByRank([ensemble, reconstruction]));
  }
  const purity = knnPurity(
    embedding.vectors.data,
    embedding.vectors.dim,
    rows.map((t) => t.galaxyType),
    isAnomaly.map((a) => !a),
    PURITY_K,
  );
  printFigure(`(b) kNN purity of galaxy types (k=${PURITY_K})`, purity.toFixed(3));
}

export async function run(): Promise<void> {
  const { dir, dispose } = benchScratchDir('learned');
  const service = SerendipService.open(dir, { create: true });
  try {
    await service.demo({ objects: OBJECTS, seed: DEMO_SEED });
    const truth = readTruth(join(dir, DEMO_TRUTH_FILE));
    await evaluate(service, truth, 'pca (baseline)', () => service.embed({ method: 'pca' }));
    for (const method of LEARNED)
      await evaluate(service, truth, method, () => service.embed({ method, epochs: EPOCHS }));
  } finally {
    service.close();
    dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
