// Kills the first crash-safety harness (crash-safety.test.ts) does not make: real CLI
// processes SIGKILLed at seeded random moments
// - while ingesting a folder never seen before (objects inserted, thumbnails and model-input
//   rows appended; two HDF5 files there hold hundreds of objects, one of them read, and
//   committed, in several slices of rows), after which every object points at a
//   model-input row that exists and is its own and at a whole thumbnail, and the
//   ingest run again ends with exactly the objects a clean ingest gives;
// - while training and encoding a learned embedding (autoencoder), after which no run
//   marked done lacks its arrays or networks, nothing in a model folder that a reader takes
//   as complete is half-written, and `embed --resume` (or the command again, when the kill
//   came before the run was recorded) finishes with a done run and whole arrays.
// Kill moments are spread over the length of a clean run measured on this machine (for half
// the learned kills, over what follows the last epoch's training), so the kills land in the
// middle of the work however fast the machine is.
// SERENDIP_CRASH_TRIALS sets the number of kills per scenario (default 4).
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../electron/core/discovery/seeded-random.js';
import { writeHdf5 } from '../../electron/core/formats/hdf5/file.js';
import { readNpyFile } from '../../electron/core/formats/arrays/npy.js';
import {
  checkModelFolders,
  checkObjectFiles,
  checkWorkspace,
  objectSources,
  runAndKill,
  runToEnd,
} from '../helpers/crash-checks.js';
import { CLI_PATH, runCliOk } from '../helpers/run-cli.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';
import { readWorkspaceDb } from '../helpers/workspace-db.js';

const TRIALS = Number(process.env.SERENDIP_CRASH_TRIALS ?? 4);
const RGB_ROWS = 120;
/** Three slices of rows (64, 64, 32). */
const DEEP_ROWS = 160;
const LEARNED = ['--method', 'autoencoder', '--epochs', '3', '--sample', '48', '--dim', '8', '--seed', '3'];
/** The progress line of the last epoch's training steps. */
const LAST_EPOCH = /train \(epoch 3\/3/;

interface Tally {
  trials: number;
  killed: number;
  failures: string[];
}

function summary(scenario: string, tally: Tally): string {
  return (
    `crash safety (more): ${tally.trials} trials, ${tally.failures.length} failures ` +
    `(${scenario}; ${tally.killed} killed mid-way)`
  );
}

/** A kill moment somewhere in a run that takes `cleanMs` from start to end. */
function killDelay(random: SeededRandom, cleanMs: number): number {
  return Math.round(cleanMs * (0.05 + 0.9 * random.nextFloat()));
}

/**
 * A kill moment after the last epoch's training step, denser near it: the checkpoint, the
 * saved networks and the dropped checkpoint follow each other within tens of milliseconds.
 */
function aimedDelay(random: SeededRandom, tailMs: number): number {
  return Math.round(tailMs * random.nextFloat() ** 2);
}

async function timed(args: string[]): Promise<number> {
  const started = performance.now();
  const failed = await runToEnd(args);
  if (failed) throw new Error(`${args.slice(1).join(' ')}: ${failed}`);
  return performance.now() - started;
}

/** A Galaxy10-like collection: `rows` uint8 RGB cutouts with names, ra and dec, each different. */
async function writeRgbCutouts(path: string, rows: number, side = 32): Promise<void> {
  const images = new Uint8Array(rows * side * side * 3);
  const random = new SeededRandom(77);
  for (let n = 0; n < rows; n++) {
    const cx = side / 2 + (random.nextFloat() - 0.5) * 8;
    const cy = side / 2 + (random.nextFloat() - 0.5) * 8;
    const width = 2 + random.nextFloat() * 6;
    for (let y = 0; y < side; y++)
      for (let x = 0; x < side; x++) {
        const glow = Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * width ** 2));
        for (let b = 0; b < 3; b++)
          images[((n * side + y) * side + x) * 3 + b] = Math.min(
            255,
            Math.round(8 + random.nextInt(6) + (80 + 50 * b) * glow),
          );
      }
  }
  await writeHdf5(path, (file) => {
    file.create_dataset({ name: 'images', data: images, shape: [rows, side, side, 3], dtype: '<B' });
    file.create_dataset({ name: 'ra', data: Float64Array.from({ length: rows }, (_, i) => 30 + i * 0.01) });
    file.create_dataset({ name: 'dec', data: Float64Array.from({ length: rows }, (_, i) => 5 - i * 0.01) });
    file.create_dataset({
      name: 'names',
      data: Array.from({ length: rows }, (_, i) => `CUT-${String(i).padStart(4, '0')}`),
    });
  });
}

/**
 * Large single-band float32 cutouts (256 kB a row), so ingest reads the file in several
 * slices of rows (16 MiB each) and a kill can land between a file's slices.
 */
async function writeDeepCutouts(path: string, rows: number, side = 256): Promise<void> {
  const images = new Float32Array(rows * side * side);
  const random = new SeededRandom(78);
  for (let n = 0; n < rows; n++) {
    const c = side / 2 + (random.nextFloat() - 0.5) * 20;
    const width = 4 + random.nextFloat() * 20;
    for (let y = 0; y < side; y++)
      for (let x = 0; x < side; x++)
        images[(n * side + y) * side + x] =
          100 * Math.exp(-((x - c) ** 2 + (y - c) ** 2) / (2 * width ** 2)) + random.nextFloat();
  }
  await writeHdf5(path, (file) => {
    file.create_dataset({ name: 'images', data: images, shape: [rows, side, side], dtype: '<f' });
  });
}

function runIds(ws: string): Map<string, string> {
  const sql = "SELECT id, status FROM runs WHERE kind = 'embedding' AND method = 'autoencoder' ORDER BY created, id";
  const rows = readWorkspaceDb(ws, (db) => db.prepare(sql).all() as { id: string; status: string }[]);
  return new Map(rows.map((r) => [r.id, r.status]));
}

describe('crash safety (more): SIGKILL at random moments', () => {
  const shared = useSharedTempDir('serendip-crash-more-')();
  // Never seen by the workspaces under test: FITS and PNG cutouts, spectra and two HDF5 collections.
  const fresh = join(shared, 'src', 'demo-data');
  const base = join(shared, 'base');
  beforeAll(async () => {
    runCliOk(['demo', join(shared, 'src'), '--objects', '48', '--spectra', '8', '--seed', '9']);
    mkdirSync(join(fresh, 'h5'));
    await writeRgbCutouts(join(fresh, 'h5', 'cutouts-rgb.h5'), RGB_ROWS);
    await writeDeepCutouts(join(fresh, 'h5', 'cutouts-deep.h5'), DEEP_ROWS);
    // The workspace the new folder is added to already holds objects, so rows are appended to existing stores.
    runCliOk(['demo', base, '--objects', '16', '--seed', '4']);
  }, 300_000);

  it(`ingest of a new folder: ${TRIALS} kills leave no dangling or duplicate object; ingest completes`, async () => {
    const clean = join(shared, 'clean');
    cpSync(base, clean, { recursive: true });
    const cleanMs = await timed([CLI_PATH, 'ingest', clean, fresh]);
    const expected = objectSources(clean);
    expect(expected.filter((s) => s.includes('cutouts-rgb.h5#'))).toHaveLength(RGB_ROWS);
    expect(expected.filter((s) => s.includes('cutouts-deep.h5#'))).toHaveLength(DEEP_ROWS);
    expect(checkObjectFiles(clean)).toEqual([]);

    const random = new SeededRandom(31);
    const tally: Tally = { trials: 0, killed: 0, failures: [] };
    // The clean run may have been timed on a busier machine: when an ingest beats its kill, aim earlier.
    let span = cleanMs;
    for (let trial = 0; trial < TRIALS; trial++) {
      const ws = join(shared, `ingest-${trial}`);
      cpSync(base, ws, { recursive: true });
      const delay = killDelay(random, span);
      const outcome = await runAndKill([CLI_PATH, 'ingest', ws, fresh], delay);
      tally.trials++;
      if (outcome.finished === null) tally.killed++;
      else span = Math.min(span, outcome.elapsedMs) * 0.8;
      const problems = [...checkWorkspace(ws), ...checkObjectFiles(ws)];
      const again = await runToEnd([CLI_PATH, 'ingest', ws, fresh]);
      if (again) problems.push(`ingest did not finish when run again (${again})`);
      problems.push(...checkWorkspace(ws), ...checkObjectFiles(ws));
      const got = objectSources(ws);
      if (got.length !== expected.length || got.some((s, i) => s !== expected[i])) {
        const missing = expected.filter((s) => !got.includes(s));
        const extra = got.filter((s) => !expected.includes(s));
        problems.push(
          `${got.length} objects where a clean ingest gives ${expected.length} (missing ` +
            `${missing.slice(0, 3).join(', ') || 'none'}; extra ` +
            `${extra.slice(0, 3).join(', ') || 'none'})`,
        );
      }
      for (const problem of problems)
        tally.failures.push(`trial ${trial} (ingest, kill after ${delay} ms): ${problem}`);
      rmSync(ws, { recursive: true, force: true });
    }
    console.log(summary('ingest of a new folder', tally));
    expect(tally.failures).toEqual([]);
    expect(tally.killed).toBeGreaterThan(0);
  }, 900_000);

  it(`learned embedding: ${TRIALS} kills in training and encoding leave whole models, a run that resumes`, async () => {
    const ws = join(shared, 'learned');
    // Small inputs and a small sample keep one training run to seconds on two cores.
    runCliOk(['ingest', ws, join(fresh, 'png'), join(fresh, 'fits'), '--input-size', '32']);
    // Half the kills are aimed at the end: the last epoch's checkpoint, saving the networks,
    // encoding and the arrays pass in a small part of the run.
    const clean = await runAndKill([CLI_PATH, 'embed', ws, ...LEARNED], 2 ** 31 - 1, LAST_EPOCH);
    if (clean.finished !== 0 || clean.armedMs === null)
      throw new Error(`embed exited with ${clean.finished}: ${clean.lastError}`);
    const tailMs = clean.elapsedMs - clean.armedMs;
    const objects = readNpyFile(join(ws, 'embeddings', `${[...runIds(ws).keys()][0]}.npy`)).shape[0];

    const random = new SeededRandom(47);
    const tally: Tally = { trials: 0, killed: 0, failures: [] };
    for (let trial = 0; trial < TRIALS; trial++) {
      const before = runIds(ws);
      const aimed = trial % 2 === 1;
      const delay = aimed ? aimedDelay(random, tailMs) : killDelay(random, clean.elapsedMs);
      const outcome = await runAndKill([CLI_PATH, 'embed', ws, ...LEARNED], delay, aimed ? LAST_EPOCH : false);
      tally.trials++;
      if (outcome.finished === null) tally.killed++;
      const problems = [...checkWorkspace(ws), ...checkModelFolders(ws)];
      // The run this trial started, if the kill came after it was recorded.
      const started = [...runIds(ws)].find(([id]) => !before.has(id));
      let finishedRun: string | undefined;
      if (started && started[1] !== 'done') {
        const again = await runToEnd([CLI_PATH, 'embed', ws, '--method', 'autoencoder', '--resume', started[0]]);
        if (again) problems.push(`embed --resume ${started[0]} did not finish (${again})`);
        finishedRun = started[0];
      } else if (!started) {
        const again = await runToEnd([CLI_PATH, 'embed', ws, ...LEARNED]);
        if (again) problems.push(`embed did not finish when run again (${again})`);
        finishedRun = [...runIds(ws)].find(([id]) => !before.has(id))?.[0];
      } else {
        finishedRun = started[0];
      }
      const status = finishedRun ? runIds(ws).get(finishedRun) : undefined;
      if (!finishedRun || status !== 'done')
        problems.push(`run ${finishedRun ?? '(none)'} is ${status ?? 'missing'} after the command finished`);
      else {
        try {
          const shape = readNpyFile(join(ws, 'embeddings', `${finishedRun}.npy`)).shape;
          if (shape[0] !== objects || shape[1] !== 8)
            problems.push(`embeddings/${finishedRun}.npy is ${shape.join('×')}, not ${objects}×8`);
          const log = JSON.parse(readFileSync(join(ws, 'models', finishedRun, 'training-log.json'), 'utf8')) as {
            epochs: { epoch: number }[];
            finished: boolean;
          };
          if (!log.finished || log.epochs.map((e) => e.epoch).join() !== '1,2,3')
            problems.push(
              `training log of ${finishedRun} records epochs ` +
                `${log.epochs.map((e) => e.epoch).join()} (finished: ${log.finished})`,
            );
        } catch (err) {
          problems.push(`run ${finishedRun}: ${(err as Error).message}`);
        }
      }
      problems.push(...checkWorkspace(ws), ...checkModelFolders(ws));
      for (const problem of problems)
        tally.failures.push(
          `trial ${trial} (embed autoencoder, kill ${delay} ms after ` +
            `${aimed ? 'the last epoch began' : 'start'}): ${problem}`,
        );
    }
    console.log(summary('learned embedding training and encoding', tally));
    expect(tally.failures).toEqual([]);
    expect(tally.killed).toBeGreaterThan(0);
  }, 900_000);
});
