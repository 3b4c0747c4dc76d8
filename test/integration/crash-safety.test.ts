// Nothing is lost when the process dies. Real CLI processes (and a labelling process that
// reports each label as its call returns) are killed with SIGKILL at seeded random moments
// during ingest, embedding, ranking, map building and rapid labelling. After every kill:
// the workspace opens and `PRAGMA integrity_check` is ok; every label reported as committed
// is in the labels table and its history; every run marked done has whole, readable
// arrays (and forest), and no array file on disk is half-written; and the interrupted command, run
// again, finishes. SERENDIP_CRASH_TRIALS sets the number of kills (default 16). The kill and
// the checks are shared with crash-safety-more.test.ts (test/helpers/crash-checks.ts).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import { checkWorkspace, runAndKill } from '../helpers/crash-checks.js';
import { CLI_PATH, runCliOk } from '../helpers/run-cli.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';
import { forgetSourceFileTimes } from '../helpers/workspace-db.js';

const TRIALS = Number(process.env.SERENDIP_CRASH_TRIALS ?? 16);
const LABEL_BURST = fileURLToPath(new URL('../../dist/test/helpers/label-burst.js', import.meta.url));
const OPERATIONS = ['ingest', 'embed-features', 'embed-pca', 'rank', 'map', 'label'] as const;
type Operation = (typeof OPERATIONS)[number];

function commandFor(operation: Operation, ws: string, data: string, trial: number): string[] {
  switch (operation) {
    case 'ingest':
      return [CLI_PATH, 'ingest', ws, data];
    case 'embed-features':
      return [CLI_PATH, 'embed', ws, '--method', 'features'];
    case 'embed-pca':
      return [CLI_PATH, 'embed', ws, '--method', 'pca', '--seed', String(trial)];
    case 'rank':
      return [CLI_PATH, 'rank', ws, '--seed', String(trial)];
    case 'map':
      return [CLI_PATH, 'map', ws];
    case 'label':
      return [LABEL_BURST, ws, String(trial), '100000'];
  }
}

describe('crash safety: SIGKILL at random moments', () => {
  const shared = useSharedTempDir('serendip-crash-')();
  const ws = join(shared, 'ws');
  const data = join(ws, 'demo-data');
  beforeAll(() => {
    runCliOk(['demo', ws, '--objects', '150', '--seed', '4']);
    runCliOk(['embed', ws, '--method', 'features']);
  });

  it(`loses nothing over ${TRIALS} kills during ingest, embed, rank, map and labelling`, async () => {
    const random = new SeededRandom(2026);
    const committed = new Map<string, string>();
    const tally = { trials: 0, killed: 0, finishedFirst: 0, failures: [] as string[] };
    for (let trial = 0; trial < TRIALS; trial++) {
      const operation = OPERATIONS[trial % OPERATIONS.length];
      if (operation === 'ingest') {
        // Make the ingest do work: forget every source file's size/mtime so all are read again.
        forgetSourceFileTimes(ws);
      }
      const labelling = operation === 'label';
      const delay = labelling ? random.nextInt(400) : 150 + random.nextInt(1500);
      const outcome = await runAndKill(commandFor(operation, ws, data, trial), delay, labelling);
      tally.trials++;
      if (outcome.finished === null) tally.killed++;
      else tally.finishedFirst++;
      for (const line of outcome.stdout.split('\n')) {
        const match = /^labelled (\S+) (\S+)$/.exec(line);
        if (match) committed.set(match[1], match[2]);
      }
      const problems = checkWorkspace(ws, committed);
      // The interrupted command, run again to the end, must finish and leave the workspace whole.
      if (operation !== 'label') {
        const again = await runAndKill(commandFor(operation, ws, data, trial), 600_000);
        if (again.finished !== 0) problems.push(`${operation} did not finish when run again (exit ${again.finished})`);
        problems.push(...checkWorkspace(ws, committed));
      }
      for (const problem of problems)
        tally.failures.push(`trial ${trial} (${operation}, kill after ${delay} ms): ${problem}`);
    }
    console.log(
      `crash safety: ${tally.trials} trials, ${tally.killed} killed mid-way, ` +
        `${tally.finishedFirst} finished before the kill, ${committed.size} committed labels ` +
        `checked, ${tally.failures.length} failures`,
    );
    expect(tally.failures).toEqual([]);
    expect(tally.killed).toBeGreaterThan(TRIALS / 2);
    expect(committed.size).toBeGreaterThan(0);
    const status = JSON.parse(runCliOk(['status', ws, '--json']).stdout) as { objects: number; labels: number };
    expect(status.objects).toBe(150);
    // A label can commit in the instant before its process is killed, unreported: never fewer.
    expect(status.labels).toBeGreaterThanOrEqual(committed.size);
  }, 900_000);
});
