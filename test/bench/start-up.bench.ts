// Whole-process start-up of the CLI: the time a user waits for `serendip --version`,
// `status`, `label` and `top` on a 20k-object workspace, against `node -e 0` (Node's own
// start) in the same run. Goal: `status --json` within 0.35 s of `node -e 0`. With
// SERENDIP_BENCH_BASELINE_CLI set to another build's serendip.js (e.g. a checkout of an
// earlier commit, built), that CLI is timed in the same run too, for the ratio.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { benchScratchDir, printFigure, printHeading } from './bench-util.js';
import { populateScaleWorkspace, scaleObjectName } from './scale-workspace.js';

const CLI = fileURLToPath(new URL('../../electron/cli/serendip.js', import.meta.url));
const RUNS = Number(process.env.SERENDIP_BENCH_START_RUNS ?? 9);
const GOAL_OVER_NODE_S = 0.35;

/** Median wall time of `node args…` over RUNS runs (one warm-up first, for the file cache). */
function medianSeconds(args: string[]): number {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
    const seconds = (performance.now() - start) / 1000;
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
    if (i > 0) times.push(seconds);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function run(): Promise<void> {
  const objects = Number(process.env.SERENDIP_BENCH_START_N ?? 20_000);
  printHeading(`CLI start-up, whole processes, median of ${RUNS}, on a ${objects}-object workspace`);
  const scratch = benchScratchDir('start-up');
  try {
    const ws = join(scratch.dir, 'ws');
    await populateScaleWorkspace(ws, objects, 32);
    // `top` reads a score run: one forest, not timed.
    const ranked = spawnSync(process.execPath, [CLI, 'rank', ws, '--method', 'iforest'], { encoding: 'utf8' });
    if (ranked.status !== 0) throw new Error(`serendip rank failed: ${ranked.stderr}`);
    const node = medianSeconds(['-e', '0']);
    printFigure('node -e 0 (reference)', node, 's');
    const commands: [string, string[]][] = [
      ['serendip --version', ['--version']],
      ['serendip status --json', ['status', ws, '--json']],
      ['serendip label', ['label', ws, scaleObjectName(7), 'lens', '--relevance', '4']],
      ['serendip top -n 20 --json', ['top', ws, '-n', '20', '--json']],
    ];
    const baseline = process.env.SERENDIP_BENCH_BASELINE_CLI;
    for (const [name, args] of commands) {
      const seconds = medianSeconds([CLI, ...args]);
      printFigure(name, seconds, 's');
      printFigure(`  over node -e 0`, seconds - node, 's');
      if (name.startsWith('serendip status')) {
        const met = seconds - node <= GOAL_OVER_NODE_S;
        printFigure(
          `  goal: within ${GOAL_OVER_NODE_S} s of node (met: ${met})`,
          (seconds - node) / GOAL_OVER_NODE_S,
          '× budget',
        );
      }
      if (baseline) {
        const before = medianSeconds([baseline, ...args]);
        printFigure(`  baseline CLI`, before, 's');
        printFigure(`  baseline / this`, before / seconds, '×');
      }
    }
  } finally {
    scratch.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
