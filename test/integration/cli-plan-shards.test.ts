// A plan divides a folder between shards; each shard is ingested on its own and together they
// hold exactly what one ingest of the folder holds, under the same names, whichever order the
// shards ran in. A large HDF5 collection is split by rows, a damaged file is recorded once, a
// rerun skips what is there, `--shard auto` follows the job array, and a sample of the plan
// keeps the plan's names.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliOk } from '../helpers/run-cli.js';
import { useSharedTempDir } from '../helpers/temp-dir.js';
import { writePngFolder } from '../helpers/png-folder.js';
import { writeGalaxy10Like } from '../fixtures/hdf5/cutout-fixture.js';
import { readWorkspaceDb } from '../helpers/workspace-db.js';

const tempDir = useSharedTempDir();
const ROWS = 60;

interface ObjectRow {
  name: string;
  path: string;
  item_index: number;
}

function objectsOf(workspace: string): ObjectRow[] {
  return readWorkspaceDb(
    workspace,
    (db) =>
      db
        .prepare(
          'SELECT o.name, f.path, o.item_index FROM objects o JOIN source_files f ON f.id = o.file_id ORDER BY o.name',
        )
        .all() as ObjectRow[],
  );
}

function errorsOf(workspace: string): string[] {
  return readWorkspaceDb(workspace, (db) =>
    (db.prepare('SELECT path FROM ingest_errors').all() as { path: string }[]).map((r) => r.path),
  );
}

let made: Promise<string> | null = null;

/** The collection the tests share, written once. */
function collection(): Promise<string> {
  made ??= writeCollection();
  return made;
}

async function writeCollection(): Promise<string> {
  const data = join(tempDir(), 'data');
  await writePngFolder(join(data, 'a'), 12, 32);
  mkdirSync(join(data, 'h5'));
  await writeGalaxy10Like(join(data, 'h5', 'galaxy10.h5'), ROWS, 32);
  writeFileSync(join(data, 'a', 'broken.fits'), 'SIMPLE  = T but nothing else');
  writeFileSync(join(data, 'a', 'notes.md'), 'not an image');
  return data;
}

describe('serendip plan → ingest --plan --shard', () => {
  it('shards together equal one ingest of the same files, names and all', async () => {
    const data = await collection();
    const root = tempDir();
    const plan = join(root, 'plan');
    const planned = JSON.parse(runCliOk(['plan', data, '--shards', '3', '--out', plan, '--json']).stdout);
    expect(planned).toMatchObject({ shards: 3, files: 14, objects: 12 + ROWS + 1, ignored: 1 });
    expect(runCli(['plan', data, '--shards', '3', '--out', plan]).stderr).toMatch(/exists/);

    // Shards run in reverse order: names must not depend on it.
    for (const i of [2, 1, 0]) runCliOk(['ingest', join(root, `shard-${i}`), '--plan', plan, '--shard', `${i}/3`]);
    const single = join(root, 'single');
    runCliOk(['ingest', single, data]);

    const sharded = [0, 1, 2].flatMap((i) => objectsOf(join(root, `shard-${i}`)));
    const key = (o: ObjectRow) => `${o.name} ${o.path} ${o.item_index}`;
    expect(sharded.map(key).sort()).toEqual(objectsOf(single).map(key).sort());
    // The collection's own names column names its rows, in shards as in one workspace.
    expect(sharded.filter((o) => o.name.startsWith('G10-'))).toHaveLength(ROWS);
    // The collection is split by rows between shards, each range whole.
    const holding = [0, 1, 2].filter((i) => objectsOf(join(root, `shard-${i}`)).some((o) => o.path.endsWith('.h5')));
    expect(holding.length).toBeGreaterThan(1);
    // The damaged file is recorded once, by the shard whose unit it is.
    const errors = [0, 1, 2].flatMap((i) => errorsOf(join(root, `shard-${i}`)));
    expect(errors).toEqual([expect.stringMatching(/broken\.fits$/)]);

    const again = JSON.parse(
      runCliOk(['ingest', join(root, 'shard-1'), '--plan', plan, '--shard', '1/3', '--json']).stdout,
    );
    expect(again.added + again.updated).toBe(0);
    expect(again.skipped).toBe(again.total);
  });

  it('takes the shard from a Slurm array or an Indexed Job, and refuses a mismatched array', async () => {
    const data = join(tempDir(), 'few');
    await writePngFolder(data, 4, 24);
    const plan = join(tempDir(), 'plan-auto');
    runCliOk(['plan', data, '--shards', '2', '--out', plan]);
    const slurm = { SLURM_ARRAY_TASK_ID: '11', SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_COUNT: '2' };
    const fromSlurm = JSON.parse(
      runCliOk(['ingest', join(tempDir(), 'auto-1'), '--plan', plan, '--shard', 'auto', '--json'], slurm).stdout,
    );
    expect(fromSlurm.shard).toEqual({ index: 1, count: 2, name: 'shard-0001' });
    const fromK8s = JSON.parse(
      runCliOk(['ingest', join(tempDir(), 'auto-0'), '--plan', plan, '--shard', 'auto', '--json'], {
        JOB_COMPLETION_INDEX: '0',
      }).stdout,
    );
    expect(fromK8s.shard.index).toBe(0);
    const wrong = runCli(['ingest', join(tempDir(), 'auto-x'), '--plan', plan, '--shard', 'auto'], {
      ...slurm,
      SLURM_ARRAY_TASK_COUNT: '4',
    });
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toMatch(/4 tasks but the plan has 2 shards: submit the array with --array=0-1/);
    const none = runCli(['ingest', join(tempDir(), 'auto-y'), '--plan', plan, '--shard', 'auto'], {
      SLURM_ARRAY_TASK_ID: '',
      JOB_COMPLETION_INDEX: '',
    });
    expect(none.stderr).toMatch(/--shard auto needs a job array/);
  });

  it('samples the whole plan with the names the shards give', async () => {
    const data = await collection();
    const plan = join(tempDir(), 'plan-sample');
    runCliOk(['plan', data, '--shards', '4', '--out', plan]);
    const sample = join(tempDir(), 'sample');
    const result = JSON.parse(runCliOk(['sample', plan, sample, '--objects', '20', '--seed', '5', '--json']).stdout);
    expect(result.sample).toEqual({ objects: 20, planned: 12 + ROWS + 1 });
    const sampled = objectsOf(sample);
    // The damaged file may be drawn: it becomes an error, not an object.
    expect(sampled.length + errorsOf(sample).length).toBe(20);
    const single = join(tempDir(), 'single');
    const names = new Map(objectsOf(single).map((o) => [`${o.path} ${o.item_index}`, o.name]));
    for (const o of sampled) expect(o.name).toBe(names.get(`${o.path} ${o.item_index}`));
  });
});
