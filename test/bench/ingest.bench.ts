// Ingest throughput on 424×424 RGB PNG cutouts (the Galaxy Zoo DECaLS format): model input
// + thumbnail + database rows, at several read concurrencies and read-thread counts, and as a
// whole `serendip ingest` process on 470 files (start-up included). Target ≥300/s.
import sharp from 'sharp';
import { spawnSync } from 'node:child_process';
import { linkSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { defaultReadWorkers, ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { benchScratchDir, printFigure, printHeading, timeIt } from './bench-util.js';

const SIDE = 424;
const CLI = fileURLToPath(new URL('../../electron/cli/serendip.js', import.meta.url));

/** A smooth galaxy-like blob plus sky noise, so PNG compression behaves like real cutouts. */
async function writeCutout(path: string, seed: number): Promise<void> {
  const pixels = Buffer.alloc(SIDE * SIDE * 3);
  let state = seed * 2654435761 + 1;
  const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const cx = SIDE / 2 + (random() - 0.5) * 10;
  const cy = SIDE / 2 + (random() - 0.5) * 10;
  const scale = 300 + random() * 1500;
  for (let y = 0; y < SIDE; y++)
    for (let x = 0; x < SIDE; x++) {
      const r2 = (x - cx) ** 2 + (y - cy) ** 2;
      const galaxy = 200 * Math.exp(-r2 / scale);
      for (let c = 0; c < 3; c++)
        pixels[(y * SIDE + x) * 3 + c] = Math.min(255, 12 + galaxy * (0.7 + 0.15 * c) + random() * 10);
    }
  await sharp(pixels, { raw: { width: SIDE, height: SIDE, channels: 3 } })
    .png()
    .toFile(path);
}

export async function run(): Promise<void> {
  const count = Number(process.env.SERENDIP_BENCH_INGEST_N ?? 1000);
  printHeading(`ingest: ${count} PNG cutouts ${SIDE}×${SIDE} RGB → 64×64×3 model inputs + 128 px WebP thumbnails`);
  const scratch = benchScratchDir('ingest');
  try {
    const data = join(scratch.dir, 'data');
    mkdirSync(data);
    const distinct = 50;
    for (let i = 0; i < distinct; i++) await writeCutout(join(data, `cutout-${String(i).padStart(6, '0')}.png`), i);
    // Copies of a few distinct images keep set-up short; every file is still decoded.
    const { copyFileSync } = await import('node:fs');
    for (let i = distinct; i < count; i++)
      copyFileSync(
        join(data, `cutout-${String(i % distinct).padStart(6, '0')}.png`),
        join(data, `cutout-${String(i).padStart(6, '0')}.png`),
      );

    let best = 0;
    const cores = availableParallelism();
    // Files in flight, decoded on the read threads (one per core, the default); then the
    // references: cores − 1 threads (the former default) and all on the calling thread.
    const settings = [1, 4, 8, 16].map((concurrency) => ({
      concurrency,
      readWorkers: undefined as number | undefined,
    }));
    settings.push({ concurrency: 8, readWorkers: Math.max(1, cores - 1) }, { concurrency: 8, readWorkers: 0 });
    for (const { concurrency, readWorkers } of settings) {
      const ws = Workspace.open(join(scratch.dir, `ws-${concurrency}-${readWorkers ?? 'w'}`), { create: true });
      const { value, seconds } = await timeIt(() => ingestPaths(ws, [data], { concurrency, readWorkers }));
      ws.close();
      if (value.added !== count)
        throw new Error(`expected ${count} added, got ${value.added} (${value.failed} failed)`);
      const rate = count / seconds;
      if (readWorkers === undefined) best = Math.max(best, rate);
      const threads = readWorkers ?? defaultReadWorkers();
      const label = threads === 0 ? 'decoded on the calling thread' : `${threads} read threads`;
      printFigure(`concurrency ${concurrency}, ${label}`, rate, 'objects/s');
    }
    const ws = Workspace.open(join(scratch.dir, 'ws-8-w'));
    const { seconds } = await timeIt(() => ingestPaths(ws, [data]));
    ws.close();
    printFigure('re-ingest, all unchanged (skip)', count / seconds, 'objects/s');
    printFigure('best / target 300 objects/s', best / 300, '×');

    // As a user runs it: a whole process, start-up and all.
    const files = Number(process.env.SERENDIP_BENCH_INGEST_PROCESS_N ?? 470);
    const folder = join(scratch.dir, 'process-data');
    mkdirSync(folder);
    for (let i = 0; i < files; i++) {
      const name = `cutout-${String(i % count).padStart(6, '0')}.png`;
      linkSync(join(data, name), join(folder, `p-${String(i).padStart(6, '0')}.png`));
    }
    const ingestSeconds = (cli: string, workspace: string): number => {
      const start = performance.now();
      const result = spawnSync(process.execPath, [cli, 'ingest', workspace, folder, '--json'], { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`serendip ingest failed: ${result.stderr}`);
      return (performance.now() - start) / 1000;
    };
    const processRate = files / ingestSeconds(CLI, join(scratch.dir, 'ws-process'));
    printFigure(`serendip ingest, ${files} files, whole process`, processRate, 'objects/s');
    printFigure(`  per core (${cores} cores)`, processRate / cores, 'objects/s');
    printFigure('  / target 300 objects/s', processRate / 300, '×');
    // SERENDIP_BENCH_BASELINE_CLI: another build's serendip.js, timed on the same files.
    const baseline = process.env.SERENDIP_BENCH_BASELINE_CLI;
    if (baseline) {
      const baselineRate = files / ingestSeconds(baseline, join(scratch.dir, 'ws-process-baseline'));
      printFigure('  baseline CLI', baselineRate, 'objects/s');
      printFigure('  this / baseline', processRate / baselineRate, '×');
    }
  } finally {
    scratch.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
