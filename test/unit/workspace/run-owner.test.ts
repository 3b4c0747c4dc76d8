import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../../electron/core/workspace/workspace.js';
import {
  currentRunOwner,
  markInterruptedRuns,
  ownerStopped,
} from '../../../electron/core/workspace/repositories/run-owner.js';
import { finishRun, getRun, reopenRun, startRun } from '../../../electron/core/workspace/repositories/runs-repo.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();

/** The pid of a process that has run and exited (and been reaped). */
function stoppedPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('run owners: a killed process leaves no run showing as running', () => {
  it('records the host and pid of the process that starts or resumes a run', () => {
    const ws = Workspace.open(join(tempDir(), 'ws'), { create: true });
    const id = startRun(ws.db, { kind: 'embedding', method: 'pca' });
    expect(getRun(ws.db, id)!.owner).toBe(`${hostname()} ${process.pid}`);
    finishRun(ws.db, id, 'cancelled');
    ws.db.prepare('UPDATE runs SET owner = NULL WHERE id = ?').run(id);
    reopenRun(ws.db, id);
    expect(getRun(ws.db, id)!.owner).toBe(currentRunOwner());
    ws.close();
  });

  it('tells a stopped process on this host from a live one, and never judges another host or an unknown owner', () => {
    expect(ownerStopped(currentRunOwner())).toBe(false);
    expect(ownerStopped(`${hostname()} ${stoppedPid()}`)).toBe(true);
    expect(ownerStopped(`gpu-node-7 ${stoppedPid()}`)).toBe(false);
    expect(ownerStopped(null)).toBe(false);
    expect(ownerStopped('garbage')).toBe(false);
    // A host name with spaces keeps its pid last.
    expect(ownerStopped(`my laptop ${stoppedPid()}`, 'my laptop')).toBe(true);
  });

  it('marks the runs of a stopped process as failed when the workspace opens, and leaves the rest', () => {
    const dir = join(tempDir(), 'ws');
    const ws = Workspace.open(dir, { create: true });
    const dead = stoppedPid();
    const killed = startRun(ws.db, { kind: 'embedding', method: 'contrastive' });
    const killedChild = startRun(ws.db, { kind: 'score', method: 'reconstruction', parentRun: killed });
    const live = startRun(ws.db, { kind: 'map', method: 'umap' });
    const elsewhere = startRun(ws.db, { kind: 'embedding', method: 'autoencoder' });
    const older = startRun(ws.db, { kind: 'score', method: 'iforest' });
    const finished = startRun(ws.db, { kind: 'map', method: 'umap' });
    const setOwner = ws.db.prepare('UPDATE runs SET owner = ? WHERE id = ?');
    setOwner.run(`${hostname()} ${dead}`, killed);
    setOwner.run(`${hostname()} ${dead}`, killedChild);
    setOwner.run(`gpu-node-7 ${dead}`, elsewhere);
    setOwner.run(null, older);
    setOwner.run(`${hostname()} ${dead}`, finished);
    finishRun(ws.db, finished, 'done');
    ws.close();

    const again = Workspace.open(dir);
    const status = (id: string) => getRun(again.db, id)!;
    for (const id of [killed, killedChild]) {
      expect(status(id).status).toBe('failed');
      expect(status(id).message).toBe(`interrupted: the process running it (pid ${dead}) stopped before it finished`);
      expect(status(id).finished).not.toBeNull();
    }
    for (const id of [live, elsewhere, older]) expect(status(id).status).toBe('running');
    expect(status(finished).status).toBe('done');
    // A second sweep finds nothing more to do, and the interrupted run can still be resumed.
    expect(markInterruptedRuns(again.db)).toEqual([]);
    reopenRun(again.db, killed);
    expect(status(killed)).toMatchObject({
      status: 'running',
      message: null,
      finished: null,
      owner: currentRunOwner(),
    });
    again.close();
  });
});
