// Models fitted once, applied everywhere, through the built CLI: a demo workspace (the sample)
// embeds with PCA, ranks with an isolation forest and maps; export-fitted writes each model;
// a second workspace holding half of the demo's files (a shard) applies them with embed
// --fitted, rank --forest and map --reference, and gets, object for object, the sample's
// vectors and scores, and the map positions the sample gets from the same reference. A file of
// the wrong kind, or a method a fitted forest cannot give, fails with a one-line reason.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRunArray } from '../../electron/core/discovery/run-arrays.js';
import { runCli, runCliOk } from '../helpers/run-cli.js';
import { readRunRow, readWorkspaceDb } from '../helpers/workspace-db.js';
import { useDemoWorkspace } from '../helpers/demo-workspace.js';

const ok = runCliOk;

/** The run id a command reported on stderr ("<command>: run <id>, ..."). */
function runOf(stderr: string, command: string): string {
  const id = new RegExp(`${command}: run (\\S+?),? `).exec(stderr)?.[1];
  expect(id, stderr).toBeDefined();
  return id!;
}

/** A run's rows by object name. */
function byName(ws: string, folder: 'embeddings' | 'scores' | 'maps', runId: string): Map<string, Float32Array> {
  const names = readWorkspaceDb(ws, (db) => {
    const rows = db.prepare('SELECT id, name FROM objects').all() as { id: number; name: string }[];
    return new Map(rows.map((r) => [r.id, r.name]));
  });
  const array = loadRunArray(join(ws, folder), runId);
  const out = new Map<string, Float32Array>();
  array.ids.forEach((id, row) =>
    out.set(names.get(id)!, array.data.slice(row * array.columns, (row + 1) * array.columns)),
  );
  return out;
}

/** The largest difference between the shard's rows and the sample's rows of the same objects. */
function largestDifference(shard: Map<string, Float32Array>, sample: Map<string, Float32Array>): number {
  let worst = 0;
  for (const [name, row] of shard) {
    const other = sample.get(name);
    expect(other, name).toBeDefined();
    row.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - other![j]))));
  }
  return worst;
}

describe('export-fitted, then embed --fitted, rank --forest and map --reference in another workspace', () => {
  const { shared, ws } = useDemoWorkspace('serendip-fitted-cli-', 60, 5);
  const shard = join(shared, 'shard');
  const file = (name: string): string => join(shared, name);
  const sample = { pca: '', forest: '', placed: '' };

  beforeAll(() => {
    sample.pca = runOf(ok(['embed', ws, '--method', 'pca', '--dim', '8']).stderr, 'embed');
    ok(['export-fitted', ws, sample.pca, file('pca.fit')]);
    sample.forest = runOf(ok(['rank', ws, '--method', 'iforest', '--seed', '3']).stderr, 'rank');
    ok(['export-fitted', ws, sample.forest, file('forest.fit')]);
    const map = runOf(ok(['map', ws]).stderr, 'map');
    const exported = ok(['export-fitted', ws, map, file('reference.fit')]).stderr;
    expect(exported).toMatch(/export-fitted: map-umap-\S+'s reference model, \d+ bytes \(sha256 [0-9a-f]{12}\) to /);
    sample.placed = runOf(ok(['map', ws, '--reference', file('reference.fit')]).stderr, 'map');
    // The shard: every other demo file, so its object ids are not the sample's.
    const data = join(ws, 'demo-data');
    const files = ['fits', 'png'].flatMap((folder) =>
      readdirSync(join(data, folder)).map((f) => join(data, folder, f)),
    );
    ok(['ingest', shard, ...files.sort().filter((_, i) => i % 2 === 1)]);
  });

  it('gives the shard the sample’s vectors, scores and reference positions for the same objects', () => {
    const embedded = ok(['embed', shard, '--method', 'pca', '--fitted', file('pca.fit')]).stderr;
    const vectors = byName(shard, 'embeddings', runOf(embedded, 'embed'));
    expect(vectors.size).toBe(30);
    expect(largestDifference(vectors, byName(ws, 'embeddings', sample.pca))).toBeLessThanOrEqual(1e-5);

    const ranked = ok(['rank', shard, '--forest', file('forest.fit')]).stderr;
    expect(ranked).toMatch(/rank: run \S+ \(iforest\), 30 objects scored/);
    const scoreRun = runOf(ranked, 'rank');
    expect(
      largestDifference(byName(shard, 'scores', scoreRun), byName(ws, 'scores', sample.forest)),
    ).toBeLessThanOrEqual(1e-5);
    const mapped = runOf(ok(['map', shard, '--reference', file('reference.fit')]).stderr, 'map');
    expect(largestDifference(byName(shard, 'maps', mapped), byName(ws, 'maps', sample.placed))).toBeLessThanOrEqual(
      1e-5,
    );
    // What merge reads: the fitted file's hash, and the embedding run as the parent.
    const score = readRunRow(shard, scoreRun);
    expect(score.params).toMatchObject({ fitted: { kind: 'forest' }, embeddingRun: runOf(embedded, 'embed') });
    expect((score.params.fitted as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a file of the wrong kind, and a method a fitted forest cannot give, in one line', () => {
    const wrongKind = runCli(['embed', shard, '--method', 'features', '--fitted', file('pca.fit')]);
    expect(wrongKind.status).not.toBe(0);
    expect(wrongKind.stderr.trim()).toMatch(
      /pca\.fit is a fitted pca model \(for embed --method pca --fitted\), not a features model/,
    );
    expect(wrongKind.stderr.trim().split('\n')).toHaveLength(1);
    const reference = runCli(['rank', shard, '--forest', file('reference.fit')]);
    expect(reference.stderr).toMatch(/reference\.fit is a fitted reference model \(for map --reference\)/);
    const method = runCli(['rank', shard, '--forest', file('forest.fit'), '--method', 'lof']);
    expect(method.stderr).toMatch(/--forest scores with a fitted forest; leave out --method lof/);
    const nothing = runCli(['export-fitted', ws, 'no-such-run', file('x.fit')]);
    expect(nothing.stderr).toMatch(/no run no-such-run in this workspace/);
  });
});
