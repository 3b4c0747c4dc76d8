// The crash-safety harnesses' shared pieces: a process killed with SIGKILL at a chosen
// moment, and the checks that must hold in a workspace after any kill. Each check returns
// what it found wrong (empty when all is well), so a harness can tally failures over many
// trials and report them all at once rather than stopping at the first.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseNpyHeader, readNpyFile } from '../../electron/core/formats/arrays/npy.js';
import { IsolationForest } from '../../electron/core/discovery/anomaly/isolation-forest.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { openWorkspaceDb } from './workspace-db.js';

export interface Killed {
  /** Lines the process printed before it died. */
  stdout: string;
  /** Exit code when it finished before the kill came (null when killed). */
  finished: number | null;
  /** Milliseconds from start to exit, and to the moment the kill timer started (choosing later kill points only). */
  elapsedMs: number;
  armedMs: number | null;
  /** The last line it wrote to stderr (why a run that should finish did not). */
  lastError: string;
}

/**
 * Starts `args` under node and SIGKILLs it `delayMs` after it starts; with `armAt` true, after
 * its first output on stdout (so a slow start on a loaded machine still leaves work to
 * interrupt); with `armAt` a pattern, after the first stderr progress line that matches it
 * (to aim kills at one stage of a command); with `armAt` null, never (it runs to the end).
 */
export function runAndKill(args: string[], delayMs: number, armAt: boolean | RegExp | null = false): Promise<Killed> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    let armedMs: number | null = null;
    const arm = (): void => {
      if (timer) return;
      armedMs = performance.now() - started;
      timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    };
    if (armAt === false) arm();
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (armAt === true) arm();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      // Only the tail is kept: a match never spans more than a line.
      stderr = (stderr + chunk.toString()).slice(-4096);
      if (armAt instanceof RegExp && armAt.test(stderr)) arm();
    });
    // 'close', not 'exit': stderr is read to its end first.
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const lastError = stderr.trimEnd().split('\n').at(-1) ?? '';
      resolve({ stdout, finished: signal ? null : code, elapsedMs: performance.now() - started, armedMs, lastError });
    });
  });
}

/** Runs `args` under node to the end; null when it finished with exit code 0, else what went wrong. */
export async function runToEnd(args: string[]): Promise<string | null> {
  const outcome = await runAndKill(args, 2 ** 31 - 1, null);
  return outcome.finished === 0 ? null : `exit ${outcome.finished}: ${outcome.lastError}`;
}

/**
 * Every check that must hold after a kill: no run left showing as running once the workspace
 * is opened again, integrity, committed labels and their history,
 * every done run's arrays (and forest), a done run's parent done too, and no array file that
 * a reader would pick up half-written.
 */
export function checkWorkspace(ws: string, committedLabels: ReadonlyMap<string, string> = new Map()): string[] {
  const problems: string[] = [];
  // Opened as the app opens it: the killed process's runs must no longer show as running.
  if (existsSync(join(ws, 'serendip.db'))) Workspace.open(ws).close();
  const db = openWorkspaceDb(ws);
  try {
    const stranded = db.prepare("SELECT id FROM runs WHERE status = 'running'").pluck().all() as string[];
    for (const id of stranded) problems.push(`run ${id} still shows as running after its process was killed`);
    const integrity = db.prepare('PRAGMA integrity_check').pluck().get();
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const labelOf = db
      .prepare('SELECT l.label FROM labels l JOIN objects o ON o.id = l.object_id WHERE o.name = ?')
      .pluck();
    const history = db
      .prepare(
        'SELECT count(*) FROM label_events e JOIN objects o ON o.id = e.object_id ' +
          "WHERE o.name = ? AND e.label = ? AND e.action = 'set'",
      )
      .pluck();
    for (const [name, label] of committedLabels) {
      if (labelOf.get(name) === undefined) problems.push(`label of ${name} lost`);
      if ((history.get(name, label) as number) === 0) problems.push(`history of ${name} lost its ${label} event`);
    }
    const done = db
      .prepare("SELECT id, kind, method FROM runs WHERE status = 'done' AND kind IN ('embedding', 'score', 'map')")
      .all() as { id: string; kind: string; method: string }[];
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
    // A derived run shown as done (a score of an embedding) must not outlive an unfinished parent.
    const orphans = db
      .prepare(
        'SELECT c.id, p.id AS parent, p.status FROM runs c JOIN runs p ON p.id = c.parent_run ' +
          "WHERE c.status = 'done' AND p.status != 'done'",
      )
      .all() as { id: string; parent: string; status: string }[];
    for (const o of orphans) problems.push(`done run ${o.id} belongs to run ${o.parent}, which is ${o.status}`);
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

/** Rows of a model-input row file that a reader may use: those both counted and fully on disk. */
function usableRows(path: string): number {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, 65536 + 12));
    readSync(fd, head, 0, head.length, 0);
    const header = parseNpyHeader(head);
    const rowBytes = header.shape.slice(1).reduce((a, b) => a * b, 1) * (header.dtype === '<f2' ? 2 : 4);
    return Math.min(header.shape[0], Math.floor((size - header.dataOffset) / rowBytes));
  } finally {
    closeSync(fd);
  }
}

/** A WebP's RIFF size field states the file's length: a truncated thumbnail disagrees. */
function wholeWebp(path: string): boolean {
  const bytes = readFileSync(path);
  return (
    bytes.length >= 12 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP' &&
    bytes.readUInt32LE(4) + 8 === bytes.length
  );
}

/**
 * Every object points at a model-input row that exists and is its own (no two objects share
 * a row), and at a whole thumbnail.
 */
export function checkObjectFiles(ws: string): string[] {
  const problems: string[] = [];
  const db = openWorkspaceDb(ws);
  let objects: { name: string; input_store: string | null; input_row: number | null; thumb: string | null }[];
  try {
    objects = db.prepare('SELECT name, input_store, input_row, thumb FROM objects').all() as typeof objects;
  } finally {
    db.close();
  }
  const rowsIn = new Map<string, number>();
  const owner = new Map<string, string>();
  for (const o of objects) {
    if (o.input_store === null || o.input_row === null) problems.push(`${o.name} has no model input`);
    else {
      const path = join(ws, 'inputs', o.input_store);
      if (!rowsIn.has(o.input_store)) rowsIn.set(o.input_store, existsSync(path) ? usableRows(path) : -1);
      const rows = rowsIn.get(o.input_store)!;
      if (rows < 0) problems.push(`${o.name}: inputs/${o.input_store} is missing`);
      else if (o.input_row < 0 || o.input_row >= rows)
        problems.push(`${o.name}: row ${o.input_row} of inputs/${o.input_store}, which holds ${rows}`);
      const slot = `${o.input_store}#${o.input_row}`;
      if (owner.has(slot)) problems.push(`${o.name} and ${owner.get(slot)} share ${slot}`);
      owner.set(slot, o.name);
    }
    if (o.thumb === null) problems.push(`${o.name} has no thumbnail`);
    else if (!existsSync(join(ws, o.thumb))) problems.push(`${o.name}: thumbnail ${o.thumb} is missing`);
    else if (!wholeWebp(join(ws, o.thumb))) problems.push(`${o.name}: thumbnail ${o.thumb} is not a whole WebP`);
  }
  return problems;
}

/** Every (source file, item) the workspace holds an object for, sorted, to compare with a clean ingest. */
export function objectSources(ws: string): string[] {
  const db = openWorkspaceDb(ws);
  try {
    return db
      .prepare("SELECT f.path || '#' || o.item_index FROM objects o JOIN source_files f ON f.id = o.file_id ORDER BY 1")
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

const DTYPE_BYTES: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  float16: 2,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int64: 8,
  float64: 8,
};

/** A tfjs model.json and its weights.bin, as a loader reads them: null when whole. */
function networkProblem(dir: string): string | null {
  try {
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
      weightsManifest: { weights: { shape: number[]; dtype: string }[] }[];
    };
    const expected = json.weightsManifest
      .flatMap((g) => g.weights)
      .reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * (DTYPE_BYTES[w.dtype] ?? NaN), 0);
    const actual = statSync(join(dir, 'weights.bin')).size;
    return actual === expected ? null : `weights.bin has ${actual} bytes; model.json describes ${expected}`;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * The model folders of learned runs: every file a reader takes as complete is whole (JSON
 * parses, weights match their manifest, the checkpoint index names a binary of its size),
 * and a done run has both trained networks.
 */
export function checkModelFolders(ws: string): string[] {
  const problems: string[] = [];
  const models = join(ws, 'models');
  const db = openWorkspaceDb(ws);
  let status: Map<string, string>;
  try {
    status = new Map(
      (
        db
          .prepare("SELECT id, status FROM runs WHERE kind = 'embedding' AND method IN ('autoencoder', 'contrastive')")
          .all() as { id: string; status: string }[]
      ).map((r) => [r.id, r.status]),
    );
  } finally {
    db.close();
  }
  for (const [id, state] of status) {
    const dir = join(models, id);
    if (state === 'done') {
      for (const net of ['encoder', 'head']) {
        if (!existsSync(join(dir, net, 'model.json'))) problems.push(`done run ${id} lacks its ${net}`);
      }
    }
  }
  for (const id of existsSync(models) ? readdirSync(models) : []) {
    const dir = join(models, id);
    if (!statSync(dir).isDirectory()) continue;
    for (const net of ['encoder', 'head']) {
      if (!existsSync(join(dir, net, 'model.json'))) continue;
      const problem = networkProblem(join(dir, net));
      if (problem) problems.push(`models/${id}/${net}: ${problem}`);
    }
    for (const file of ['training-log.json', 'checkpoint.json']) {
      if (!existsSync(join(dir, file))) continue;
      try {
        const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { file?: string; bytes?: number };
        if (file === 'checkpoint.json') {
          const bin = join(dir, String(parsed.file));
          if (!existsSync(bin)) problems.push(`models/${id}/checkpoint.json names ${parsed.file}, which is missing`);
          else if (statSync(bin).size !== parsed.bytes)
            problems.push(
              `models/${id}/${parsed.file} has ${statSync(bin).size} bytes; its index says ${parsed.bytes}`,
            );
        }
      } catch (err) {
        problems.push(`models/${id}/${file} does not parse: ${(err as Error).message}`);
      }
    }
  }
  return problems;
}
