// One workspace, several writers at once, as when a user labels while jobs run: a labelling
// process committing labels as fast as it can while `ingest` (re-reading every file) and
// `embed` write to the same workspace from other processes. No writer may fail with
// "database is locked" (busy timeout, short IMMEDIATE transactions), and every label lands.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_PATH } from '../helpers/run-cli.js';
import { forgetSourceFileTimes, readWorkspaceDb } from '../helpers/workspace-db.js';
import { useDemoWorkspace } from '../helpers/demo-workspace.js';

const LABEL_BURST = fileURLToPath(new URL('../../dist/test/helpers/label-burst.js', import.meta.url));
const LABELS = 600;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 }));
  });
}

describe('concurrent writers on one workspace', () => {
  const { ws } = useDemoWorkspace('serendip-concurrent-', 200, 6);

  it('labels while ingest and embed write, with no lock errors and no label lost', async () => {
    forgetSourceFileTimes(ws); // every file is read again
    const [labelling, ingest, embed] = await Promise.all([
      run([LABEL_BURST, ws, '1', String(LABELS)]),
      run([CLI_PATH, 'ingest', ws, join(ws, 'demo-data')]),
      run([CLI_PATH, 'embed', ws, '--method', 'pca']),
    ]);
    for (const [name, result] of Object.entries({ labelling, ingest, embed })) {
      expect(result.stderr, name).not.toMatch(/locked|SQLITE_BUSY/i);
      expect(result.code, `${name}: ${result.stderr}`).toBe(0);
    }
    const committed = labelling.stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('labelled '));
    expect(committed).toHaveLength(LABELS);
    console.log(
      `concurrent writers: ${LABELS} labels in ${labelling.seconds.toFixed(1)} s ` +
        `(${(LABELS / labelling.seconds).toFixed(0)} labels/s, process start included) beside ` +
        `ingest (${ingest.seconds.toFixed(1)} s) and embed (${embed.seconds.toFixed(1)} s)`,
    );
    const countBurst = "SELECT count(*) FROM label_events WHERE label = 'burst-1'";
    const events = readWorkspaceDb(ws, (db) => db.prepare(countBurst).pluck().get() as number);
    expect(events).toBe(LABELS);
  }, 300_000);
});
