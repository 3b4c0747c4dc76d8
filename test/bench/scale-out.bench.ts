// `npm run bench -- scale-out`: Serendip past one machine, without pixels. A synthetic
// collection of 10M objects (SERENDIP_BENCH_SCALE_OUT_N) × 32 dimensions is written as 8
// shard workspaces (as a plan's array would leave them, their inputs skipped), each with the
// same imported embedding; models are fitted on a 20,000-object sample. Then, each by the
// real CLI in its own process, timed with its peak RSS against the 4 GB ceiling:
//   merge OUT SHARD…, rank OUT --forest, map OUT --reference.
// Last, the throughput of one shard's ingest as a function of --cpus-per-task (scale-out-shard.ts).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { saveRunArray } from '../../electron/core/discovery/run-arrays.js';
import { inTransaction } from '../../electron/core/workspace/database.js';
import { insertObject } from '../../electron/core/workspace/repositories/objects-repo.js';
import { upsertSourceFile } from '../../electron/core/workspace/repositories/source-files-repo.js';
import { finishRun, startRun } from '../../electron/core/workspace/repositories/runs-repo.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { benchScratchDir, printFigure, printHeading } from './bench-util.js';
import { clusteredVectors } from './clustered-data.js';
import { benchShardThroughput } from './scale-out-shard.js';

const N = Number(process.env.SERENDIP_BENCH_SCALE_OUT_N ?? 10_000_000);
const SHARDS = 8;
const DIM = 32;
const SAMPLE = 20_000;
/** Reference points of the map: each placed object searches them all (placement time grows with them). */
const REFERENCE_POINTS = Number(process.env.SERENDIP_BENCH_REFERENCE_POINTS ?? 2_000);
const MEMORY_CEILING_GB = 4;
const CLI = fileURLToPath(new URL('../../electron/cli/serendip.js', import.meta.url));
/** The identity every shard's embedding shares, as one imported file's sha256 would give. */
const EMBEDDING_SHA256 = 'b'.repeat(64);
const PLAN_SHA256 = 'a'.repeat(64);

/** One shard: `count` objects named from `first`, an ingest run of a plan, and the shared embedding. */
async function writeShard(dir: string, index: number, first: number, count: number, prefix = 'OBJ'): Promise<void> {
  const workspace = Workspace.open(dir, { create: true });
  try {
    const at = new Date().toISOString();
    const ingest = startRun(workspace.db, { kind: 'ingest', method: 'plan', params: {} });
    const fileId = upsertSourceFile(workspace.db, {
      path: `/survey/part-${index}.h5`,
      size: count,
      mtime_ms: 1,
      format: 'hdf5',
      ingested_at: at,
    });
    const ids = new Float64Array(count);
    const base = { modality: 'image' as const, file_id: fileId, hdu: null, width: 64, height: 64, bands: 3 };
    const chunk = 100_000;
    for (let start = 0; start < count; start += chunk) {
      inTransaction(workspace.db, () => {
        for (let i = start; i < Math.min(count, start + chunk); i++) {
          const g = first + i;
          ids[i] = insertObject(
            workspace.db,
            {
              ...base,
              name: `${prefix}-${String(g).padStart(9, '0')}`,
              item_index: i,
              ra: (g * 0.000359) % 360,
              dec: ((g * 0.000173) % 180) - 90,
              input_store: null,
              input_row: null,
              thumb: null,
            },
            at,
          );
        }
      });
    }
    finishRun(workspace.db, ingest, 'done', undefined, { plan: PLAN_SHA256, shard: index, shards: SHARDS });
    const { data } = clusteredVectors(count, DIM, { clusters: 64, seed: 100 + index }).vectors;
    const run = startRun(workspace.db, {
      kind: 'embedding',
      method: 'imported',
      modality: 'image',
      params: { sha256: EMBEDDING_SHA256, file: 'survey-embedding.npy' },
    });
    await saveRunArray(workspace.paths.embeddings, run, { data, rows: count, columns: DIM, ids });
    finishRun(workspace.db, run, 'done');
  } finally {
    workspace.close();
  }
}

/** Runs the CLI under /usr/bin/time: seconds and peak RSS (GB). */
function timedCli(args: string[]): { seconds: number; peakGb: number; stderr: string } {
  const start = performance.now();
  const result = spawnSync('/usr/bin/time', ['-f', 'peak-rss-kb %M', process.execPath, CLI, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  const seconds = (performance.now() - start) / 1000;
  if (result.status !== 0) throw new Error(`serendip ${args.join(' ')}: ${result.stderr.slice(-2000)}`);
  const kb = Number(/peak-rss-kb (\d+)/.exec(result.stderr)?.[1] ?? NaN);
  return { seconds, peakGb: kb / 2 ** 20, stderr: result.stderr };
}

function report(name: string, run: { seconds: number; peakGb: number }, objects: number): void {
  const ok = run.peakGb <= MEMORY_CEILING_GB ? 'within' : 'OVER';
  printFigure(
    name,
    `${run.seconds.toFixed(1)} s (${Math.round(objects / run.seconds).toLocaleString('en')} objects/s), ` +
      `peak RSS ${run.peakGb.toFixed(2)} GB (${ok} ${MEMORY_CEILING_GB} GB)`,
  );
}

export async function run(): Promise<void> {
  printHeading(`scale-out: ${N.toLocaleString('en')} objects × ${DIM} in ${SHARDS} shards, no pixels`);
  const { dir, dispose } = benchScratchDir('scale-out');
  try {
    const made = performance.now();
    const shards: string[] = [];
    for (let s = 0; s < SHARDS; s++) {
      const first = Math.floor((s * N) / SHARDS);
      const next = Math.floor(((s + 1) * N) / SHARDS);
      shards.push(join(dir, `shard-${s}`));
      await writeShard(shards[s], s, first, next - first);
    }
    printFigure('write the shards (setup)', (performance.now() - made) / 1000, 's');
    // The sample the models are fitted on: the same distribution, as `serendip sample` would give.
    const sample = join(dir, 'sample');
    await writeShard(sample, 0, 0, SAMPLE, 'SAMPLE');
    for (const args of [
      ['rank', sample, '--method', 'iforest'],
      ['export-fitted', sample, 'score', join(dir, 'forest.fit')],
      ['map', sample],
      ['export-fitted', sample, 'map', join(dir, 'reference.fit'), '--max-reference', String(REFERENCE_POINTS)],
    ])
      timedCli(args);
    const merged = join(dir, 'merged');
    report('merge 8 shards', timedCli(['merge', merged, ...shards]), N);
    report('rank --forest (fitted on the sample)', timedCli(['rank', merged, '--forest', join(dir, 'forest.fit')]), N);
    report(
      `map --reference (${REFERENCE_POINTS.toLocaleString('en')} reference points)`,
      timedCli(['map', merged, '--reference', join(dir, 'reference.fit')]),
      N,
    );
    printHeading('scale-out: one shard, by --cpus-per-task');
    await benchShardThroughput(dir, Number(process.env.SERENDIP_BENCH_SHARD_OBJECTS ?? 400));
  } finally {
    dispose();
  }
}
