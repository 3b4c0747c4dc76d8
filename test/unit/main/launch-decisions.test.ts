// What the shell decides when it opens something: which workspace a launch names, where a
// new workspace may go, and which jobs make a workspace explorable.
import { describe, expect, it } from 'vitest';
import type { StatusResult } from '../../../electron/core/api/contract.js';
import { workspaceFromArgv, workspaceFromEnvironment } from '../../../electron/main/command-line.js';
import { stepsToExplore } from '../../../electron/core/session/pipeline-steps.js';
import { defaultWorkspaceFor, workspaceLocationProblem } from '../../../electron/core/workspace/workspace-locations.js';

function status(objects: number, kinds: string[]): StatusResult {
  return {
    objects,
    images: objects,
    spectra: 0,
    errors: 0,
    warnings: 0,
    labels: 0,
    rated: 0,
    runs: kinds.map((kind, i) => ({ id: `r${i}`, kind, method: 'm', created: '2025-01-01' })),
    unfinished: [],
  };
}

describe('launch arguments', () => {
  it('finds the workspace after the entry in development and after the executable when packaged', () => {
    expect(workspaceFromArgv(['/electron', 'dist/electron/main/main.js', '--inspect', 'ws'], true, '/home/a')).toBe(
      '/home/a/ws',
    );
    expect(workspaceFromArgv(['/opt/Serendip/serendip-desktop', '/data/ws'], false, '/home/a')).toBe('/data/ws');
    expect(workspaceFromArgv(['/opt/Serendip/serendip-desktop', '--no-sandbox'], false, '/')).toBeNull();
    expect(workspaceFromEnvironment({ SERENDIP_WORKSPACE: '/data/ws' })).toBe('/data/ws');
    expect(workspaceFromEnvironment({ SERENDIP_WORKSPACE: ' ' })).toBeNull();
  });
});

describe('new workspace location', () => {
  it('defaults beside the source folder', () => {
    expect(defaultWorkspaceFor('/data/cutouts/')).toBe('/data/cutouts-serendip');
  });

  it('refuses a workspace inside the folder it ingests, or the reverse', () => {
    expect(workspaceLocationProblem('/data/cutouts/ws', ['/data/cutouts'])).toMatch(/inside the folder/);
    expect(workspaceLocationProblem('/data/cutouts', ['/data/cutouts'])).toMatch(/inside the folder/);
    expect(workspaceLocationProblem('/data', ['/data/cutouts'])).toMatch(/inside the workspace/);
    expect(workspaceLocationProblem('/data/cutouts-serendip', ['/data/cutouts'])).toBeNull();
  });
});

describe('steps to explore', () => {
  const methods = (s: ReturnType<typeof stepsToExplore>) => s.map((x) => x.method);

  it('makes an empty demo workspace from scratch', () => {
    expect(methods(stepsToExplore(status(0, []), { kind: 'demo' }))).toEqual(['demo', 'embed', 'rank', 'map']);
  });

  it('ingests new folders and rebuilds everything derived', () => {
    const steps = stepsToExplore(status(10, ['embedding', 'score', 'map']), { kind: 'folders', paths: ['/data/c'] });
    expect(steps[0]).toEqual({ method: 'ingest', args: [{ paths: ['/data/c'] }] });
    expect(methods(steps)).toEqual(['ingest', 'embed', 'rank', 'map']);
  });

  it('only fills what is missing in an existing workspace', () => {
    expect(methods(stepsToExplore(status(10, ['embedding', 'score', 'map']), { kind: 'demo' }))).toEqual([]);
    expect(methods(stepsToExplore(status(10, ['embedding']), { kind: 'none' }))).toEqual(['rank', 'map']);
    expect(methods(stepsToExplore(status(10, ['embedding', 'map']), { kind: 'none' }))).toEqual(['rank']);
    expect(methods(stepsToExplore(status(10, ['score', 'map']), { kind: 'none' }))).toEqual(['embed', 'rank', 'map']);
  });

  it('does nothing for an empty workspace with no source', () => {
    expect(stepsToExplore(status(0, []), { kind: 'none' })).toEqual([]);
  });
});
