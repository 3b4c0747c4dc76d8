// The throughput of one shard as a function of --cpus-per-task: a demo collection planned as
// one shard and ingested by the real CLI under an affinity mask of c cores, the mask Slurm's
// task/affinity plugin gives an array task with --cpus-per-task=c (os.availableParallelism()
// follows it, so ingest starts that many read workers). Objects/s and the ratio to one core.
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { generateDemoCollection } from '../../electron/core/demo/demo-collection.js';
import { printFigure } from './bench-util.js';

const CLI = fileURLToPath(new URL('../../electron/cli/serendip.js', import.meta.url));

function serendip(args: string[], cores: number): void {
  const mask = `0-${cores - 1}`;
  const result = spawnSync('taskset', ['-c', mask, process.execPath, CLI, ...args], { encoding: 'utf8' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`serendip ${args.join(' ')}: ${result.stderr}`);
}

export async function benchShardThroughput(dir: string, objects: number): Promise<void> {
  const data = join(dir, 'shard-data');
  await generateDemoCollection(data, join(dir, 'shard-truth.csv'), { objects, seed: 5 });
  serendip(['plan', data, '--shards', '1', '--out', join(dir, 'shard-plan')], 1);
  let one = 0;
  for (let cores = 1; cores <= availableParallelism(); cores *= 2) {
    const start = performance.now();
    serendip(['ingest', join(dir, `shard-c${cores}`), '--plan', join(dir, 'shard-plan'), '--shard', '0/1'], cores);
    const rate = objects / ((performance.now() - start) / 1000);
    one ||= rate;
    printFigure(`shard ingest, --cpus-per-task=${cores}`, `${rate.toFixed(0)} objects/s (×${(rate / one).toFixed(2)})`);
  }
}
