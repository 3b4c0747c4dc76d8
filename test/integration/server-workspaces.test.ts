// Switching workspaces in browser mode over HTTP: open, make from a folder (ingest as a
// job), back again; bad paths refused with a reason; the recent list and the files route
// follow the open workspace; the old workspace's jobs are cancelled and it is closed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobInfo } from '../../electron/core/api/view-types.js';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { WorkspaceHub } from '../../electron/core/session/workspace-hub.js';
import { RecentWorkspaces } from '../../electron/core/workspace/recent-workspaces.js';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server.js';
import { writePngFolder } from '../helpers/png-folder.js';

let dir: string;
let first: string;
let pngs: string;
let hub: WorkspaceHub;
let server: BrowserServer;

async function call(
  method: string,
  args: unknown[] = [],
): Promise<{ status: number; body: { result?: unknown; error?: string } }> {
  const response = await fetch(`http://127.0.0.1:${server.port}/api/call`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Serendip-Token': server.token },
    body: JSON.stringify({ method, args }),
  });
  return { status: response.status, body: (await response.json()) as { result?: unknown; error?: string } };
}

async function result<T>(method: string, args: unknown[] = []): Promise<T> {
  const { status, body } = await call(method, args);
  if (status !== 200) throw new Error(`${method}: ${status} ${body.error}`);
  return body.result as T;
}

async function jobsSettled(): Promise<JobInfo[]> {
  for (;;) {
    const jobs = await result<JobInfo[]>('jobs');
    if (jobs.every((j) => j.state !== 'queued' && j.state !== 'running')) return jobs;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('switching workspaces in browser mode', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'serendip-switch-'));
    first = join(dir, 'first');
    const service = SerendipService.open(first, { create: true });
    await service.demo({ objects: 12 });
    pngs = join(dir, 'pngs');
    await writePngFolder(pngs, 16);
    hub = new WorkspaceHub({
      recent: RecentWorkspaces.inUserData(join(dir, 'home')),
      demoDir: join(dir, 'demo'),
      workspacesDir: join(dir, 'workspaces'),
    });
    await hub.adopt(service);
    server = await startBrowserServer(hub, { rendererDir: join(dir, 'no-renderer') });
  });
  afterAll(async () => {
    await server?.close();
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the open workspace as recent, with its object count', async () => {
    const recent =
      await result<{ path: string; objects: number | null; current: boolean; available: boolean }[]>(
        'recentWorkspaces',
      );
    expect(recent).toEqual([expect.objectContaining({ path: first, objects: 12, current: true, available: true })]);
  });

  it('refuses a file, a missing folder, a plain folder and a workspace inside its source, saying why', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'hello');
    const cases: [string, unknown, RegExp][] = [
      ['openWorkspace', { path: file }, /is a file/],
      ['openWorkspace', { path: join(dir, 'nowhere') }, /there is no folder/],
      ['openWorkspace', { path: pngs }, /not a Serendip workspace/],
      ['openWorkspace', { path: '' }, /invalid arguments/],
      ['createWorkspaceFromFolder', { folder: file }, /is a file/],
      ['createWorkspaceFromFolder', { folder: join(dir, 'nowhere') }, /there is no folder/],
      [
        'createWorkspaceFromFolder',
        { folder: pngs, workspace: join(pngs, 'ws') },
        /cannot be inside the folder it ingests/,
      ],
      [
        'createWorkspaceFromFolder',
        { folder: pngs, workspace: dir },
        /folder to ingest cannot be inside the workspace/,
      ],
    ];
    for (const [method, request, reason] of cases) {
      const { status, body } = await call(method, [request]);
      expect(status, `${method} ${JSON.stringify(request)}`).toBe(400);
      expect(body.error).toMatch(reason);
    }
    // Nothing changed.
    expect((await result<{ root: string }>('workspaceInfo')).root).toBe(first);
  });

  it('makes a workspace from a folder of PNGs, ingesting it as a job, and serves its files', async () => {
    const old = hub.service!;
    const suggested = await result<{ path: string; name: string }>('suggestWorkspaceLocation', [{ folder: pngs }]);
    expect(suggested).toEqual({ path: join(dir, 'workspaces', 'pngs'), name: 'pngs' });
    const opened = await result<{ root: string; name: string; jobIds: string[] }>('createWorkspaceFromFolder', [
      { folder: pngs },
    ]);
    expect(opened.root).toBe(join(dir, 'workspaces', 'pngs'));
    expect(opened.name).toBe('pngs');
    expect(opened.jobIds.length).toBeGreaterThan(0);
    expect(() => old.status()).toThrow(); // the previous workspace is closed
    expect((await result<{ root: string }>('workspaceInfo')).root).toBe(opened.root);
    const jobs = await jobsSettled();
    expect(jobs.map((j) => `${j.method}:${j.state}`)).toEqual(['ingest:done', 'embed:done', 'rank:done', 'map:done']);
    expect((await result<{ objects: number }>('status')).objects).toBe(16);
    const top = await result<{ thumb: string | null }[]>('top', [1]);
    const thumb = await fetch(`http://127.0.0.1:${server.port}/files/${top[0].thumb}`, {
      headers: { 'X-Serendip-Token': server.token },
    });
    expect(thumb.status).toBe(200);
    // The browser has no file manager to open: it says so, naming the folder.
    const reveal = await call('revealFolder', [{ path: opened.root }]);
    expect(reveal.body.error).toBe(`the browser cannot open folders; the folder is ${opened.root}`);
    // Taken now, so the next workspace of a folder of that name is numbered.
    expect((await result<{ path: string }>('suggestWorkspaceLocation', [{ folder: pngs }])).path).toBe(
      join(dir, 'workspaces', 'pngs 2'),
    );
    const recent = await result<{ path: string; objects: number | null; current: boolean }[]>('recentWorkspaces');
    expect(recent.map((w) => [basename(w.path), w.objects, w.current])).toEqual([
      ['pngs', 16, true],
      ['first', 12, false],
    ]);
  });

  it('switches back, cancelling the jobs of the workspace it leaves', async () => {
    const { jobId } = await result<{ jobId: string }>('demo', [{ objects: 5000 }]);
    const leaving = hub.service!;
    const opened = await result<{ root: string; jobIds: string[] }>('openWorkspace', [{ path: first }]);
    expect(opened.root).toBe(first);
    expect(leaving.jobs().find((j) => j.id === jobId)?.state).toBe('cancelled');
    expect((await result<{ objects: number }>('status')).objects).toBe(12);
    const recent = await result<{ path: string }[]>('recentWorkspaces');
    expect(recent.map((w) => basename(w.path))).toEqual(['first', 'pngs']);
  });

  it('refuses to make a workspace in a folder that holds other files', async () => {
    const busy = join(dir, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'keep.txt'), 'mine');
    const { status, body } = await call('createWorkspaceFromFolder', [{ folder: pngs, workspace: busy }]);
    expect(status).toBe(400);
    expect(body.error).toMatch(/is not empty/);
  });
});
