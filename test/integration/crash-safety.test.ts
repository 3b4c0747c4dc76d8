// Nothing is lost when the process dies. Real CLI processes (and a labelling process that
// reports each label as its call returns) are killed with SIGKILL at seeded random moments
// during ingest, embedding, ranking, map building and rapid labelling. After every kill:
// the workspace opens and `PRAGMA integrity_check` is ok; every label reported as committed
// is in the labels table and its history; every run marked done has whole, readable
// arrays (and forest), and no array file on disk is half-written; and the interrupted command, run
// again, finishes. SERENDIP_CRASH_TRIALS sets the number of kills (default 16).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNpyFile } from '../../electron/core/formats/npy.js';
import { IsolationForest } from '../../electron/core/discovery/isolation-forest.js';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import { CLI_PATH, runCliOk } from '../helpers/run-cli.js';

const TRIALS = Number(process.env.SERENDIP_CRASH_TRIALS ?? 16);
const LABEL_BURST = fileURLToPath(new URL('../../dist/test/helpers/label-burst.js', import.meta.url));
const OPERATIONS = ['ingest', 'embed-features', 'embed-pca', 'rank', 'map', 'label'] as const;
type Operation = (typeof OPERATIONS)[number];

interface Killed {
  /** Lines the process printed before it died. */
  stdout: string;
  /** Exit code when it finished before the kill came (null when killed). */
  finished: number | null;
}

/**
 * Starts `args` under node and SIGKILLs it `delayMs` after it starts, or, with `fromFirstOutput`,
 * after its first output (so a slow start on a loaded machine still leaves work to interrupt).
 */
function runAndKill(args: string[], delayMs: number, fromFirstOutput = false): Promise<Killed> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    let timer: NodeJS.Timeout | null = fromFirstOutput ? null : setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      timer ??= setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ stdout, finished: signal ? null : code });
    });
  });
}

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

/** Every check that must hold after a kill; returns what failed (empty when all is well). */
function checkWorkspace(ws: string, committedLabels: Map<string, string>): string[] {
  const problems: string[] = [];
  const db = new Database(join(ws, 'serendip.db'), { readonly: true });
  try {
    const integrity = db.prepare('PRAGMA integrity_check').pluck().get();
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const labelOf = db.prepare('SELECT l.label FROM labels l JOIN objects o ON o.id = l.object_id WHERE o.name = ?').pluck();
    const history = db.prepare("SELECT count(*) FROM label_events e JOIN objects o ON o.id = e.object_id WHERE o.name = ? AND e.label = ? AND e.action = 'set'").pluck();
    for (const [name, label] of committedLabels) {
      if (labelOf.get(name) === undefined) problems.push(`label of ${name} lost`);
      if ((history.get(name, label) as number) === 0) problems.push(`history of ${name} lost its ${label} event`);
    }
    const done = db.prepare("SELECT id, kind, method FROM runs WHERE status = 'done' AND kind IN ('embedding', 'score', 'map')").all() as { id: string; kind: string; method: string }[];
    for (const run of done) {
      const folder = join(ws, run.kind === 'embedding' ? 'embeddings' : run.kind === 'score' ? 'scores' : 'maps');
      for (const file of [`${run.id}.npy`, `${run.id}.ids.npy`]) {
        if (!existsSync(join(folder, file))) problems.push(`done run ${run.id} lacks ${file}`);
      }
      // The forest the discover queue re-weights is part of a done iforest run: whole and readable.
      if (run.method === 'iforest') {
        try {
          IsolationForest.fromBytes(new Uint8Array(readFileSync(join(folder, `${run.id}.forest`))));
        } catch (err) {
          problems.push(`done run ${run.id} has no whole forest: ${(err as Error).message}`);
        }
      }
    }
  } finally {
    db.close();
  }
  // No array file that a reader would pick up is ever half-written (temporary files are dotted).
  for (const folder of ['embeddings', 'scores', 'maps']) {
    const dir = join(ws, folder);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.npy') && !f.startsWith('.'))) {
      try {
        readNpyFile(join(dir, file));
      } catch (err) {
        problems.push(`${folder}/${file} is not a whole .npy: ${(err as Error).message}`);
      }
    }
  }
  return problems;
}

describe('crash safety: SIGKILL at random moments', () => {
  const shared = mkdtempSync(join(tmpdir(), 'serendip-crash-'));
  const ws = join(shared, 'ws');
  const data = join(ws, 'demo-data');
  beforeAll(() => {
    runCliOk(['demo', ws, '--objects', '150', '--seed', '4']);
    runCliOk(['embed', ws, '--method', 'features']);
  });
  afterAll(() => rmSync(shared, { recursive: true, force: true }));

  it(`loses nothing over ${TRIALS} kills during ingest, embed, rank, map and labelling`, async () => {
    const random = new SeededRandom(2026);
    const committed = new Map<string, string>();
    const tally = { trials: 0, killed: 0, finishedFirst: 0, failures: [] as string[] };
    for (let trial = 0; trial < TRIALS; trial++) {
      const operation = OPERATIONS[trial % OPERATIONS.length];
      if (operation === 'ingest') {
        // Make the ingest do work: forget every source file's size/mtime so all are read again.
        const db = new Database(join(ws, 'serendip.db'));
        db.prepare('UPDATE source_files SET mtime_ms = 0').run();
        db.close();
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
      for (const problem of problems) tally.failures.push(`trial ${trial} (${operation}, kill after ${delay} ms): ${problem}`);
    }
    console.log(`crash safety: ${tally.trials} trials, ${tally.killed} killed mid-way, ${tally.finishedFirst} finished before the kill, ${committed.size} committed labels checked, ${tally.failures.length} failures`);
    expect(tally.failures).toEqual([]);
    expect(tally.killed).toBeGreaterThan(TRIALS / 2);
    expect(committed.size).toBeGreaterThan(0);
    const status = JSON.parse(runCliOk(['status', ws, '--json']).stdout) as { objects: number; labels: number };
    expect(status.objects).toBe(150);
    // A label can commit in the instant before its process is killed, unreported: never fewer.
    expect(status.labels).toBeGreaterThanOrEqual(committed.size);
  }, 900_000);
});
