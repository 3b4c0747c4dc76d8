import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { writePng } from '../helpers/image-fixtures.js';

const tempDir = useTempDir();

async function workspaceWith(names: string[]): Promise<string> {
  const root = tempDir();
  mkdirSync(join(root, 'data'));
  for (const [i, name] of names.entries()) await writePng(join(root, 'data', `${name}.png`), 64, 64, i);
  const ws = join(root, 'ws');
  expect(runCli(['ingest', ws, join(root, 'data')]).status).toBe(0);
  return ws;
}

describe('serendip label', () => {
  it('labels, undoes and clears through the CLI; status counts labels', async () => {
    const ws = await workspaceWith(['g1', 'g2']);
    const set = runCli(['label', ws, 'g1', 'lens', '--relevance', '5', '--note', 'arc at 2"', '--json']);
    expect(set.status, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ name: 'g1', label: 'lens', relevance: 5, note: 'arc at 2"' });
    expect(runCli(['label', ws, 'g2', 'artefact']).status).toBe(0);
    expect(JSON.parse(runCli(['status', ws, '--json']).stdout).labels).toBe(2);

    const undo = runCli(['label', ws, '--undo', '--json']);
    expect(JSON.parse(undo.stdout)).toEqual({ name: 'g2', label: null, relevance: null, note: null, changes: 1 });
    expect(JSON.parse(runCli(['label', ws, 'g1', '--clear', '--json']).stdout).label).toBeNull();
    expect(JSON.parse(runCli(['status', ws, '--json']).stdout).labels).toBe(0);
  });

  it('rates an object without labelling it: a relevance, not a label', async () => {
    const ws = await workspaceWith(['g1']);
    const rated = runCli(['label', ws, 'g1', '--relevance', '0']);
    expect(rated.status, rated.stderr).toBe(0);
    expect(rated.stderr.trim()).toBe('g1: relevance 0, no label');
    expect(JSON.parse(runCli(['status', ws, '--json']).stdout).labels).toBe(0);
    const neither = runCli(['label', ws, 'g1']);
    expect(neither.status).not.toBe(0);
    expect(neither.stderr).toMatch(/give a label for g1, or a relevance alone with --relevance 0-5/);
  });

  it('rejects bad input with a reason and changes nothing', async () => {
    const ws = await workspaceWith(['g1']);
    const unknown = runCli(['label', ws, 'nope', 'lens']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/no object named "nope"/);
    const relevance = runCli(['label', ws, 'g1', 'lens', '--relevance', '7']);
    expect(relevance.stderr).toMatch(/relevance must be an integer from 0 to 5/);
    expect(JSON.parse(runCli(['status', ws, '--json']).stdout).labels).toBe(0);
  });

  it('imports a label CSV whole, or refuses it whole, and undoes it whole', async () => {
    const ws = await workspaceWith(['g1', 'g2', 'g3']);
    const good = join(ws, '..', 'labels.csv');
    writeFileSync(good, 'name,label,relevance\ng1,ring,4\ng2,artefact,0\ng3,interesting,\n');
    expect(runCli(['label', ws, '--from', good]).stderr).toMatch(/3 labels imported/);

    const bad = join(ws, '..', 'bad.csv');
    writeFileSync(bad, 'name,label,relevance\ng1,merger,3\nghost,lens,5\ng2,lens,9\n');
    const refused = runCli(['label', ws, '--from', bad]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(
      /nothing imported, 2 bad row\(s\): line 3: no object named "ghost"; line 4: relevance must be 0-5/,
    );
    const status = JSON.parse(runCli(['status', ws, '--json']).stdout);
    expect(status.labels).toBe(3);
    const undone = runCli(['label', ws, '--undo', '--json']);
    expect(JSON.parse(undone.stdout)).toMatchObject({ name: 'g3', label: null, changes: 3 });
    expect(JSON.parse(runCli(['status', ws, '--json']).stdout).labels).toBe(0);
    runCli(['label', ws, '--from', good]);
    expect(runCli(['label', ws, '--undo']).stderr.trim()).toBe('undone: g3: no label and 2 more label changes');
  });
});
