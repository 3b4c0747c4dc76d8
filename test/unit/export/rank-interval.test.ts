// The scorers' rank interval (rank_min, rank_max): three scorers over five objects with ranks worked
// out by hand, the ensemble left out, an object a scorer lacks ranked by the others; and every table
// format of an export (CSV, Parquet, FITS) carries the two columns with the same values. The seeds'
// interval (rank_seed_min, rank_seed_max): written by `rank`, holding rank_iforest; empty without it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parquetReadObjects } from 'hyparquet';
import { Workspace } from '../../../electron/core/workspace/workspace.js';
import { finishRun, startRun } from '../../../electron/core/workspace/repositories/runs-repo.js';
import { saveRunArray } from '../../../electron/core/discovery/run-arrays.js';
import { buildExportTable } from '../../../electron/core/export/export-table.js';
import { exportCollection } from '../../../electron/core/export/export-collection.js';
import { rankInterval } from '../../../electron/core/export/rank-interval.js';
import { parseCsv } from '../../../electron/core/formats/tables/csv.js';
import { readFitsTable } from '../../../electron/core/formats/fits/table.js';
import { addEmbeddingRun, addNamedObjects } from '../../helpers/named-objects.js';
import { rankAnomalies } from '../../../electron/core/discovery/pipeline/rank-anomalies.js';
import { clusteredVectors } from '../../bench/clustered-data.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-rank-interval-');

// Scores of o0..o4 per scorer (higher = more anomalous); null: the scorer's run lacks the object.
//            o0    o1    o2    o3    o4
// iforest   0.9   0.1   0.5   0.3   0.7    ranks 1 5 3 4 2
// lof       0.2   0.8   0.6   0.4   null   ranks 4 1 2 3 -
// knn       0.5   0.4   0.3   0.2   0.1    ranks 1 2 3 4 5
// ensemble  (any: not a scorer of its own)
const SCORES: Record<string, (number | null)[]> = {
  iforest: [0.9, 0.1, 0.5, 0.3, 0.7],
  lof: [0.2, 0.8, 0.6, 0.4, null],
  knn: [0.5, 0.4, 0.3, 0.2, 0.1],
  ensemble: [0.0625, 0.125, 0.25, 0.5, 1],
};
const RANK_MIN = [1, 1, 2, 3, 2];
const RANK_MAX = [4, 5, 3, 4, 5];

async function threeScorers(): Promise<Workspace> {
  const workspace = Workspace.open(tempDir(), { create: true });
  const ids = addNamedObjects(workspace, 5);
  for (const [method, scores] of Object.entries(SCORES)) {
    const kept = scores.flatMap((s, i) => (s === null ? [] : [i]));
    const run = startRun(workspace.db, { kind: 'score', method, modality: 'image' });
    await saveRunArray(workspace.paths.scores, run, {
      data: Float32Array.from(kept, (i) => scores[i]!),
      rows: kept.length,
      columns: 1,
      ids: Float64Array.from(kept, (i) => ids[i]),
    });
    finishRun(workspace.db, run, 'done');
  }
  return workspace;
}

describe('rankInterval', () => {
  it('takes the best and the worst rank per row, skipping the scorers that did not rank it', () => {
    expect(
      rankInterval(
        [
          [3, null, NaN],
          [1, 2, null],
          [5, null, null],
        ],
        3,
      ),
    ).toEqual({
      best: [1, 2, null],
      worst: [5, 2, null],
    });
  });
});

describe('the export rank interval', () => {
  it('spans the scorers’ ranks of each object, not the ensemble’s, in CSV, Parquet and FITS alike', async () => {
    const workspace = await threeScorers();
    try {
      const table = buildExportTable(workspace);
      const column = (name: string) => table.columns.find((c) => c.name === name)?.values;
      expect(column('rank_iforest')).toEqual([1, 5, 3, 4, 2]);
      expect(column('rank_lof')).toEqual([4, 1, 2, 3, null]);
      // The ensemble ranks o4 first and o0 last: were it counted, o0's worst would be 5 and o4's best 1.
      expect(column('rank_ensemble')).toEqual([5, 4, 3, 2, 1]);
      expect(column('rank_min')).toEqual(RANK_MIN);
      expect(column('rank_max')).toEqual(RANK_MAX);

      const out = join(tempDir(), 'export');
      await exportCollection(workspace, out, { formats: ['csv', 'parquet', 'fits'] });
      const csv = parseCsv(readFileSync(join(out, 'objects.csv'), 'utf8'));
      const csvColumn = (name: string) => csv.rows.map((r) => Number(r[csv.columns.indexOf(name)]));
      expect(csvColumn('rank_min')).toEqual(RANK_MIN);
      expect(csvColumn('rank_max')).toEqual(RANK_MAX);
      const parquet = (await parquetReadObjects({
        file: new Uint8Array(readFileSync(join(out, 'objects.parquet'))).buffer,
      })) as Record<string, unknown>[];
      expect(parquet.map((r) => r.rank_min)).toEqual(RANK_MIN);
      expect(parquet.map((r) => r.rank_max)).toEqual(RANK_MAX);
      const fits = readFitsTable(new Uint8Array(readFileSync(join(out, 'objects.fits'))), { hdu: 'OBJECTS' });
      expect(Array.from(fits.column('rank_min')!.data as Int32Array)).toEqual(RANK_MIN);
      expect(Array.from(fits.column('rank_max')!.data as Int32Array)).toEqual(RANK_MAX);
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { columns: { name: string }[] };
      expect(manifest.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['rank_min', 'rank_max']));
    } finally {
      workspace.close();
    }
  });
});

describe('the export seed interval', () => {
  it('holds each object’s rank_iforest, the same in CSV, Parquet and FITS', async () => {
    const workspace = Workspace.open(tempDir(), { create: true });
    try {
      const count = 300;
      const ids = addNamedObjects(workspace, count);
      await addEmbeddingRun(workspace, ids, clusteredVectors(count, 6, { seed: 2 }).vectors.data);
      await rankAnomalies(workspace, { method: 'iforest', seed: 5, threaded: false });
      const table = buildExportTable(workspace);
      const column = (name: string) => table.columns.find((c) => c.name === name)!.values as number[];
      const [rank, low, high] = ['rank_iforest', 'rank_seed_min', 'rank_seed_max'].map(column);
      for (let r = 0; r < count; r++) {
        expect(low[r]).toBeLessThanOrEqual(rank[r]);
        expect(high[r]).toBeGreaterThanOrEqual(rank[r]);
        expect(high[r]).toBeLessThanOrEqual(count);
      }
      // Five forests do not agree on every object's place.
      expect(low.some((l, r) => high[r] > l)).toBe(true);

      const out = join(tempDir(), 'export');
      await exportCollection(workspace, out, { formats: ['csv', 'parquet', 'fits'] });
      const csv = parseCsv(readFileSync(join(out, 'objects.csv'), 'utf8'));
      expect(csv.rows.map((r) => Number(r[csv.columns.indexOf('rank_seed_max')]))).toEqual(high);
      const parquet = (await parquetReadObjects({
        file: new Uint8Array(readFileSync(join(out, 'objects.parquet'))).buffer,
      })) as Record<string, unknown>[];
      expect(parquet.map((r) => r.rank_seed_min)).toEqual(low);
      const fits = readFitsTable(new Uint8Array(readFileSync(join(out, 'objects.fits'))), { hdu: 'OBJECTS' });
      expect(Array.from(fits.column('rank_seed_max')!.data as Int32Array)).toEqual(high);
    } finally {
      workspace.close();
    }
  });

  it('is empty for score runs saved without one (imported or older runs)', async () => {
    const workspace = await threeScorers();
    try {
      const table = buildExportTable(workspace);
      const column = (name: string) => table.columns.find((c) => c.name === name)?.values;
      expect(column('rank_seed_min')).toEqual([null, null, null, null, null]);
      expect(column('rank_seed_max')).toEqual([null, null, null, null, null]);
    } finally {
      workspace.close();
    }
  });
});
