// A shard killed part-way is never published or merged: publish and merge refuse it, saying
// its ingest was interrupted. Ingesting the shard again finishes it (what was read is skipped);
// then it publishes whole, and publishing it again changes nothing.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemoCollection } from '../../electron/core/demo/demo-collection.js';
import { CLI_PATH, runCli, runCliOk } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { readWorkspaceDb } from '../helpers/workspace-db.js';

const tempDir = useTempDir();

function objectCount(workspace: string): number {
  if (!existsSync(join(workspace, 'serendip.db'))) return 0;
  try {
    return readWorkspaceDb(
      workspace,
      (db) => (db.prepare('SELECT COUNT(*) AS n FROM objects').get() as { n: number }).n,
    );
  } catch {
    return 0; // the schema is not there yet
  }
}

describe('a killed shard', () => {
  it('is refused by publish and merge until ingested again', async () => {
    const root = tempDir();
    await generateDemoCollection(join(root, 'data'), join(root, 'truth.csv'), { objects: 300, seed: 2 });
    runCliOk(['plan', join(root, 'data'), '--shards', '1', '--out', join(root, 'plan')]);
    const shard = join(root, 'local', 'shard-0000');
    const child = spawn(process.execPath, [CLI_PATH, 'ingest', shard, '--plan', join(root, 'plan'), '--shard', '0/1'], {
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Killed once the first batch of objects is committed, well before the 300th.
    while (objectCount(shard) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGKILL');
    await exited;
    expect(objectCount(shard)).toBeLessThan(300);

    const published = join(root, 'shards', 'shard-0000');
    const publish = runCli(['publish', shard, published]);
    expect(publish.status).not.toBe(0);
    expect(publish.stderr).toMatch(/is not finished, so it is not published: .*interrupted/);
    expect(existsSync(published)).toBe(false);
    expect(readdirSync(root)).not.toContain('shards');
    const merge = runCli(['merge', join(root, 'merged'), shard]);
    expect(merge.status).not.toBe(0);
    expect(merge.stderr).toMatch(/interrupted|killed|not finished/);

    const again = JSON.parse(
      runCliOk(['ingest', shard, '--plan', join(root, 'plan'), '--shard', '0/1', '--json']).stdout,
    );
    expect(again.added + again.updated + again.skipped).toBe(300);
    expect(objectCount(shard)).toBe(300);
    expect(runCliOk(['publish', shard, published]).stderr).toMatch(/publish: .* → /);
    expect(objectCount(published)).toBe(300);
    expect(runCliOk(['publish', shard, published]).stderr).toMatch(/already holds this shard; nothing copied/);
  });
});
