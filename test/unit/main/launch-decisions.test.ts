// What the shell decides when it opens something: which workspace a launch names, where a
// new workspace may go, and which jobs make a workspace explorable.
import { describe, expect, it } from 'vitest';
import type { StatusResult } from '../../../electron/core/api/contract.js';
import { workspaceFromArgv, workspaceFromEnvironment } from '../../../electron/main/command-line.js';
import { stepToAddObjects, stepsToExplore } from '../../../electron/core/session/pipeline-steps.js';
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
    runs: kinds.map((kind, i) => ({ id: `r${i}`, kind, method: 'm', modality: 'image', created: '2025-01-01' })),
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
  it('defaults to the workspaces folder, named after the source folder, numbered when taken', () => {
    expect(defaultWorkspaceFor('/data/cutouts/', '/home/a/Serendip')).toBe('/home/a/Serendip/cutouts');
    const taken = new Set(['/home/a/Serendip/cutouts', '/home/a/Serendip/cutouts 2']);
    expect(defaultWorkspaceFor('/data/cutouts', '/home/a/Serendip', (p) => taken.has(p))).toBe(
      '/home/a/Serendip/cutouts 3',
    );
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

  it('adds objects from folders always, and from the demo only into an empty workspace', () => {
    expect(stepToAddObjects(status(10, []), { kind: 'folders', paths: ['/data/c'] })).toEqual({
      method: 'ingest',
      args: [{ paths: ['/data/c'] }],
    });
    expect(stepToAddObjects(status(0, []), { kind: 'demo' })?.method).toBe('demo');
    expect(stepToAddObjects(status(10, []), { kind: 'demo' })).toBeNull();
    expect(stepToAddObjects(status(0, []), { kind: 'none' })).toBeNull();
  });

  it('rebuilds everything derived once objects were added', () => {
    expect(methods(stepsToExplore(status(10, ['embedding', 'score', 'map']), { stale: true }))).toEqual([
      'embed',
      'rank',
      'map',
    ]);
  });

  it('only fills what is missing in an existing workspace', () => {
    expect(methods(stepsToExplore(status(10, ['embedding', 'score', 'map'])))).toEqual([]);
    expect(methods(stepsToExplore(status(10, ['embedding'])))).toEqual(['rank', 'map']);
    expect(methods(stepsToExplore(status(10, ['embedding', 'map'])))).toEqual(['rank']);
    expect(methods(stepsToExplore(status(10, ['score', 'map'])))).toEqual(['embed', 'rank', 'map']);
  });

  it('gives spectra their own PCA embedding, scores and map beside the images', () => {
    const both = { ...status(10, ['embedding', 'score', 'map']), spectra: 4, objects: 14 };
    expect(stepsToExplore(both)).toEqual([
      { method: 'embed', args: [{ modality: 'spectrum', method: 'pca' }] },
      { method: 'rank', args: [{ modality: 'spectrum' }] },
      { method: 'map', args: [{ modality: 'spectrum' }] },
    ]);
    const spectraOnly = { ...status(0, []), objects: 4, spectra: 4 };
    expect(stepsToExplore(spectraOnly).map((s) => s.args[0])).toEqual([
      { modality: 'spectrum', method: 'pca' },
      { modality: 'spectrum' },
      { modality: 'spectrum' },
    ]);
  });

  it('does nothing for an empty workspace', () => {
    expect(stepsToExplore(status(0, []))).toEqual([]);
  });
});
