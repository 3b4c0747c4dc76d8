// The README's cluster recipe (docs/cluster/) run on a real Slurm: the demo collection in 4
// shards, fitted once on a sample, embedded and ranked in an array, merged and mapped. The
// merged workspace must equal one workspace of the same files given the same fitted models:
// the same names, vectors to 1e-5 (ONNX, fitted PCA, fitted features) and equal forest scores.
// A resubmitted array redoes nothing; a failed array task cancels the merge instead of leaving
// it pending; a label made in a shard survives the merge.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateDemoCollection } from '../../electron/core/demo/demo-collection.js';
import { loadRunArray } from '../../electron/core/discovery/run-arrays.js';
import { workspacePaths } from '../../electron/core/workspace/workspace.js';
import { denseEncoderModel } from '../helpers/onnx-model-builder.js';
import { runCliOk } from '../helpers/run-cli.js';
import { serendipOnPath, slurmAnswers, waitForJobs } from '../helpers/local-slurm.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';
import { readWorkspaceDb } from '../helpers/workspace-db.js';

const RECIPE = fileURLToPath(new URL('../../docs/cluster/', import.meta.url));
const OBJECTS = 120;
const SHARDS = 4;
const tempDir = useSharedTempDir('serendip-slurm-');

let data: Promise<string> | null = null;
function demoData(): Promise<string> {
  data ??= (async () => {
    const dir = join(tempDir(), 'data');
    await generateDemoCollection(dir, join(tempDir(), 'truth.csv'), { objects: OBJECTS, seed: 3 });
    return dir;
  })();
  return data;
}

function submit(work: string, env: Record<string, string>): string[] {
  const path = `${serendipOnPath(tempDir())}:${process.env.PATH}`;
  const result = spawnSync('bash', [join(RECIPE, 'submit.sh')], {
    encoding: 'utf8',
    env: { ...process.env, PATH: path, WORK: work, SHARDS: String(SHARDS), SAMPLE_OBJECTS: '60', ...env },
  });
  if (result.status !== 0) throw new Error(`submit.sh failed: ${result.stderr}`);
  return result.stdout.trim().split(/\s+/);
}

/** name → row of the latest done run of `kind` (its array read back by object id). */
function rowsByName(workspace: string, kind: 'embedding' | 'score' | 'map'): Map<string, Float32Array> {
  const { runId, names } = readWorkspaceDb(workspace, (db) => {
    const run = db
      .prepare(`SELECT id FROM runs WHERE kind = ? AND status = 'done' ORDER BY created DESC, id DESC LIMIT 1`)
      .get(kind) as { id: string } | undefined;
    if (!run) throw new Error(`${workspace} has no ${kind} run`);
    const rows = db.prepare('SELECT id, name FROM objects').all() as { id: number; name: string }[];
    return { runId: run.id, names: new Map(rows.map((r) => [r.id, r.name])) };
  });
  const folder = { embedding: 'embeddings', score: 'scores', map: 'maps' }[kind] as 'embeddings' | 'scores' | 'maps';
  const array = loadRunArray(workspacePaths(workspace)[folder], runId);
  const byName = new Map<string, Float32Array>();
  for (let r = 0; r < array.rows; r++)
    byName.set(names.get(array.ids[r])!, array.data.subarray(r * array.columns, (r + 1) * array.columns));
  return byName;
}

function expectClose(merged: Map<string, Float32Array>, single: Map<string, Float32Array>, tolerance: number): void {
  expect([...merged.keys()].sort()).toEqual([...single.keys()].sort());
  let worst = 0;
  for (const [name, row] of merged) {
    const other = single.get(name)!;
    for (let j = 0; j < row.length; j++) {
      const scale = Math.max(1, Math.abs(other[j]));
      worst = Math.max(worst, Math.abs(row[j] - other[j]) / scale);
    }
  }
  expect(worst).toBeLessThanOrEqual(tolerance);
}

/** One workspace of the same files with the same fitted models: what the merge must equal. */
function singleMachine(work: string, embed: string[]): string {
  const single = join(work, 'single');
  runCliOk(['ingest', single, join(tempDir(), 'data')]);
  runCliOk(['embed', single, ...embed]);
  runCliOk(['rank', single, '--forest', join(work, 'fitted', 'forest.fit')]);
  return single;
}

const slurm = slurmAnswers();

describe.skipIf(!slurm)('the cluster recipe on a real Slurm', () => {
  const cases: { method: string; env: () => Record<string, string>; embed: (work: string) => string[] }[] = [
    {
      method: 'pca',
      env: () => ({ METHOD: 'pca' }),
      embed: (work) => ['--method', 'pca', '--fitted', join(work, 'fitted', 'embedding.fit')],
    },
    {
      method: 'features',
      env: () => ({ METHOD: 'features' }),
      embed: (work) => ['--method', 'features', '--fitted', join(work, 'fitted', 'embedding.fit')],
    },
    {
      method: 'onnx',
      env: () => ({ ENCODER: encoderFile() }),
      embed: () => ['--model', encoderFile()],
    },
  ];

  function encoderFile(): string {
    const file = join(tempDir(), 'encoder.onnx');
    if (!existsSync(file))
      writeFileSync(file, denseEncoderModel({ layout: 'nhwc', size: 64, bands: 3, dim: 16, batch: 'N' }));
    return file;
  }

  it.each(cases)('merges 4 shards into what one machine computes ($method)', async ({ method, env, embed }) => {
    const work = join(tempDir(), `work-${method}`);
    const jobs = submit(work, { DATA: await demoData(), ...env() });
    const states = await waitForJobs(jobs);
    expect(states.filter((s) => s.state !== 'COMPLETED')).toEqual([]);
    const merged = join(work, 'merged');
    const single = singleMachine(work, embed(work));
    expectClose(rowsByName(merged, 'embedding'), rowsByName(single, 'embedding'), 1e-5);
    expectClose(rowsByName(merged, 'score'), rowsByName(single, 'score'), 1e-6);
    // Every object is on the map, placed against the sample's reference.
    expect(rowsByName(merged, 'map').size).toBe(OBJECTS);
  });

  it('redoes nothing when the array is resubmitted', async () => {
    const work = join(tempDir(), 'work-pca');
    const shards = join(work, 'shards');
    const before = readdirSync(shards).map((s) => statSync(join(shards, s, 'serendip.db')).mtimeMs);
    const path = `${serendipOnPath(tempDir())}:${process.env.PATH}`;
    const again = spawnSync(
      'sbatch',
      ['--parsable', `--array=0-${SHARDS - 1}`, '--chdir', work, join(RECIPE, 'shard.sbatch')],
      { encoding: 'utf8', env: { ...process.env, PATH: path, METHOD: 'pca' } },
    );
    expect(again.status).toBe(0);
    const states = await waitForJobs([again.stdout.trim()]);
    expect(states.every((s) => s.state === 'COMPLETED')).toBe(true);
    expect(readdirSync(shards).map((s) => statSync(join(shards, s, 'serendip.db')).mtimeMs)).toEqual(before);
    const logs = readdirSync(join(work, 'logs')).filter((f) => f.startsWith('shard-'));
    expect(logs.length).toBe(SHARDS);
  });

  it('keeps a label made in a shard through the merge', () => {
    const work = join(tempDir(), 'work-pca');
    const shard = join(work, 'shards', 'shard-0001');
    const name = readWorkspaceDb(
      shard,
      (db) => (db.prepare('SELECT name FROM objects LIMIT 1').get() as { name: string }).name,
    );
    runCliOk(['label', shard, name, 'lens', '--relevance', '4']);
    const merged = join(work, 'merged-again');
    runCliOk(['merge', merged, ...readdirSync(join(work, 'shards')).map((s) => join(work, 'shards', s))]);
    const label = readWorkspaceDb(
      merged,
      (db) =>
        db
          .prepare('SELECT l.label, l.relevance FROM labels l JOIN objects o ON o.id = l.object_id WHERE o.name = ?')
          .get(name) as { label: string; relevance: number },
    );
    expect(label).toEqual({ label: 'lens', relevance: 4 });
  });

  it('cancels the merge when an array task fails, instead of leaving it pending', async () => {
    const work = join(tempDir(), 'work-failing');
    const jobs = submit(work, { DATA: await demoData(), METHOD: 'pca' });
    // The array is held until the fit (which reads every shard's list) is done; then shard 2's
    // list vanishes, so that task, and it alone, fails.
    const [fit, array] = jobs;
    expect(spawnSync('scontrol', ['hold', array]).status).toBe(0);
    expect((await waitForJobs([fit]))[0].state).toBe('COMPLETED');
    unlinkSync(join(work, 'plan', 'shard-0002.jsonl'));
    expect(spawnSync('scontrol', ['release', array]).status).toBe(0);
    const states = await waitForJobs(jobs);
    const [, , merge, map] = jobs;
    expect(states.find((s) => s.id === `${array}_2`)?.state).toBe('FAILED');
    expect(states.filter((s) => s.id.startsWith(`${array}_`) && s.state === 'COMPLETED')).toHaveLength(3);
    expect(states.find((s) => s.id === merge)).toMatchObject({ state: 'CANCELLED' });
    expect(states.find((s) => s.id === map)).toMatchObject({ state: 'CANCELLED' });
    expect(existsSync(join(work, 'merged'))).toBe(false);
    expect(existsSync(join(work, 'shards', 'shard-0002'))).toBe(false);
  });
});
