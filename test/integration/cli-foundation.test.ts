import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { writeFitsCube, writeGarbage, writePng } from '../helpers/image-fixtures.js';
import { parseCsv } from '../../electron/core/formats/tables/csv.js';

const tempDir = useTempDir();

describe('serendip CLI: demo, ingest, status', () => {
  it('demo writes a collection with ground truth and ingests it; status --json follows the contract', () => {
    const ws = join(tempDir(), 'ws');
    const demo = runCli(['demo', ws, '--objects', '120', '--seed', '7']);
    expect(demo.status, demo.stderr).toBe(0);
    expect(demo.stderr).toMatch(/ingest: 120 added, 0 updated, 0 skipped \(unchanged\), 0 failed/);

    const truth = parseCsv(readFileSync(join(ws, 'demo-truth.csv'), 'utf8'));
    expect(truth.columns).toEqual(expect.arrayContaining(['name', 'galaxy_type', 'anomaly', 'is_anomaly']));
    expect(truth.rows).toHaveLength(120);

    const status = runCli(['status', ws, '--json']);
    expect(status.status).toBe(0);
    const parsed = JSON.parse(status.stdout);
    expect(parsed).toEqual({
      objects: 120,
      images: 120,
      spectra: 0,
      errors: 0,
      warnings: 0,
      labels: 0,
      rated: 0,
      runs: [],
      unfinished: [],
    });
  });

  it('ingest prints added/updated/skipped/failed, lists failures, and is idempotent', async () => {
    const root = tempDir();
    const data = join(root, 'data');
    mkdirSync(data);
    await writePng(join(data, 'a.png'));
    writeFitsCube(join(data, 'b.fits'));
    writeGarbage(join(data, 'c.fits'));
    const ws = join(root, 'ws');

    const first = runCli(['ingest', ws, data]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/2 added, 0 updated, 0 skipped \(unchanged\), 1 failed/);
    expect(first.stderr).toMatch(/failed: .*c\.fits: /);

    const second = runCli(['ingest', ws, data, '--json']);
    expect(JSON.parse(second.stdout)).toMatchObject({ added: 0, skipped: 2, failed: 1 });

    const status = JSON.parse(runCli(['status', ws, '--json']).stdout);
    expect(status).toMatchObject({ objects: 2, errors: 1 });
  });

  it('fails with a one-line reason and a non-zero exit code', () => {
    const missing = runCli(['status', join(tempDir(), 'nowhere')]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^serendip: .*not a Serendip workspace/);

    const bad = runCli(['demo', join(tempDir(), 'ws'), '--objects', 'many']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--objects must be an integer/);
  });
});
