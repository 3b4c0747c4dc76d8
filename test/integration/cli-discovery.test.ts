import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { runCli, runCliOk } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { parseCsv } from '../../electron/core/formats/tables/csv.js';
import { readNpyFile } from '../../electron/core/formats/arrays/npy.js';
import { hasReferencePython, runReferencePython } from '../helpers/reference-python.js';
import { useDemoWorkspace } from '../helpers/demo-workspace.js';

const tempDir = useTempDir();

const ok = (args: string[]): string => runCliOk(args).stdout;

describe('serendip CLI: embed, rank, top, similar, map, export', () => {
  // One workspace shared by the tests below (each builds on the previous); per-test temp dirs are removed after each
  // test.
  const { ws } = useDemoWorkspace('serendip-discovery-', 300, 3);

  it('runs the discovery steps end to end over the demo collection', () => {
    ok(['embed', ws, '--method', 'features']);
    ok(['rank', ws]);
    const status = JSON.parse(ok(['status', ws, '--json']));
    expect(status.runs.map((r: { kind: string; method: string }) => `${r.kind}:${r.method}`)).toEqual(
      expect.arrayContaining(['embedding:features', 'score:iforest', 'score:lof', 'score:knn', 'score:ensemble']),
    );

    const top = JSON.parse(ok(['top', ws, '-n', '15', '--json'])) as { name: string; path: string; score: number }[];
    expect(top).toHaveLength(15);
    for (const hit of top)
      expect(hit).toEqual(
        expect.objectContaining({ name: expect.any(String), path: expect.any(String), score: expect.any(Number) }),
      );
    for (let i = 1; i < top.length; i++) expect(top[i].score).toBeLessThanOrEqual(top[i - 1].score);
    const similar = JSON.parse(ok(['similar', ws, top[0].name, '-k', '5', '--json'])) as {
      name: string;
      distance: number;
    }[];
    expect(similar).toHaveLength(5);
    expect(similar.map((s) => s.name)).not.toContain(top[0].name);
    for (let i = 1; i < similar.length; i++)
      expect(similar[i].distance).toBeGreaterThanOrEqual(similar[i - 1].distance);
    const toSet = JSON.parse(ok(['similar', ws, top[0].name, top[1].name, '-k', '4', '--json'])) as { name: string }[];
    expect(toSet.map((s) => s.name)).not.toContain(top[1].name);

    ok(['map', ws]);
    ok(['label', ws, top[0].name, 'lens', '--relevance', '5']);
    ok(['label', ws, top[1].name, 'artefact', '--relevance', '0']);

    const discover = JSON.parse(ok(['queue', ws, '-n', '10', '--json'])) as { name: string; score: number }[];
    expect(discover).toHaveLength(10);
    expect(discover.map((h) => h.name)).not.toContain(top[0].name);
    expect(discover.map((h) => h.name)).not.toContain(top[1].name);
    const like = JSON.parse(ok(['queue', ws, '-n', '5', '--mode', 'like-labels', '--json'])) as {
      score: number;
      uncertainty: number;
    }[];
    expect(like).toHaveLength(5);
    for (const hit of like) {
      expect(hit.score).toBeGreaterThanOrEqual(0);
      expect(hit.score).toBeLessThanOrEqual(1);
      expect(hit.uncertainty).toBeCloseTo(1 - Math.abs(2 * hit.score - 1), 9);
    }
    // uncertain: like-labels' probabilities again, the least sure first (nearest 0.5), in words on the terminal.
    const uncertain = JSON.parse(ok(['queue', ws, '-n', '5', '--mode', 'uncertain', '--json'])) as { score: number }[];
    const allLike = JSON.parse(ok(['queue', ws, '-n', '1000', '--mode', 'like-labels', '--json'])) as {
      score: number;
    }[];
    const nearest = Math.min(...allLike.map((h) => Math.abs(h.score - 0.5)));
    expect(Math.abs(uncertain[0].score - 0.5)).toBe(nearest);
    expect(ok(['queue', ws, '-n', '1', '--mode', 'uncertain'])).toMatch(
      /probability like your labels \(least sure first\) 0\.\d\d/,
    );
    const unknownLabel = runCli(['queue', ws, '--mode', 'like-labels', '--label', 'ring']);
    expect(unknownLabel.status).not.toBe(0);
    expect(unknownLabel.stderr).toMatch(/no object is labelled "ring" yet/);

    const out = join(tempDir(), 'export');
    ok(['export', ws, out, '--format', 'csv', 'parquet', '--with-embeddings']);
    const table = parseCsv(readFileSync(join(out, 'objects.csv'), 'utf8'));
    expect(table.rows).toHaveLength(300);
    expect(table.columns).toEqual(
      expect.arrayContaining([
        'name',
        'path',
        'modality',
        'label',
        'relevance',
        'note',
        'score_iforest',
        'score_ensemble',
        'rank_min',
        'rank_max',
        'map_x',
        'map_y',
      ]),
    );
    const labelled = table.rows.filter((r) => r[table.columns.indexOf('label')] !== '');
    expect(labelled.map((r) => r[table.columns.indexOf('name')]).sort()).toEqual([top[0].name, top[1].name].sort());
    const embeddings = readNpyFile(join(out, 'embeddings.npy'));
    expect(embeddings.shape[0]).toBe(300);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ app: 'serendip', rows: 300, options: { withEmbeddings: true } });
    expect(manifest.runs.length).toBeGreaterThanOrEqual(5);
  });

  it('exports labelled objects only, with their files in one folder per label, and Parquet reads back', async () => {
    const out = join(tempDir(), 'labelled');
    ok(['export', ws, out, '--labelled-only', '--with-files', '--format', 'parquet']);
    const rows = (await parquetReadObjects({
      file: new Uint8Array(readFileSync(join(out, 'objects.parquet'))).buffer,
    })) as Record<string, unknown>[];
    expect(rows.map((r) => r.label).sort()).toEqual(['artefact', 'lens']);
    expect(readdirSync(join(out, 'files')).sort()).toEqual(['artefact', 'lens']);
    expect(readdirSync(join(out, 'files', 'lens'))).toHaveLength(1);
  });

  it.skipIf(!hasReferencePython(['numpy', 'pandas', 'astropy']))(
    'pandas, numpy and astropy read the export unchanged',
    () => {
      const out = join(tempDir(), 'py');
      ok(['export', ws, out, '--with-embeddings']);
      const result = runReferencePython<Record<string, unknown>>(
        `import sys, json, numpy as np, pandas as pd
from astropy.table import Table
t = pd.read_csv(sys.argv[1] + '/objects.csv')
a = Table.read(sys.argv[1] + '/objects.csv', format='ascii.csv')
e = np.load(sys.argv[1] + '/embeddings.npy')
print(json.dumps({'rows': len(t), 'astropyRows': len(a), 'astropyNames': list(a['name'][:2]) == list(t['name'][:2]),
                  'shape': list(e.shape), 'dtype': str(e.dtype), 'labels': int(t['label'].notna().sum()),
                  'finite': bool(np.isfinite(t['score_ensemble']).all())}))`,
        [out],
      );
      expect(result).toMatchObject({
        rows: 300,
        astropyRows: 300,
        astropyNames: true,
        shape: [300, expect.any(Number)],
        dtype: 'float32',
        labels: 2,
        finite: true,
      });
    },
  );

  it.skipIf(!hasReferencePython(['numpy', 'astropy']))(
    'writes objects.fits that astropy reads with the values of objects.csv',
    () => {
      const out = join(tempDir(), 'fits');
      ok(['export', ws, out, '--format', 'csv', 'fits']);
      // Missing values: '' or 'nan' in the CSV, masked or NaN in astropy; both compare as None.
      const result = runReferencePython<{
        rows: number;
        columns: string[];
        csvColumns: string[];
        mismatches: string[];
      }>(
        `import sys, csv, json, math, numpy as np
from astropy.table import Table
t = Table.read(sys.argv[1] + '/objects.fits', hdu='OBJECTS')
with open(sys.argv[1] + '/objects.csv', newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
def fits_cell(v):
    if v is np.ma.masked: return None
    if isinstance(v, (bytes, np.bytes_)): v = v.decode('utf-8')
    if isinstance(v, (np.bool_, bool)): return 'true' if v else 'false'
    if isinstance(v, (np.floating, float)): return None if math.isnan(v) else float(v)
    if isinstance(v, (np.integer, int)): return float(v)
    return v if v != '' else None
def csv_cell(text, numeric):
    if text == '' or text == 'nan': return None
    return float(text) if numeric else text.lower() if text.lower() in ('true', 'false') else text
mismatches = []
for c, name in enumerate(header):
    col = t[name]
    numeric = col.dtype.kind in 'fiu'
    for r, row in enumerate(body):
        a, b = fits_cell(col[r]), csv_cell(row[c], numeric)
        if a != b and len(mismatches) < 10: mismatches.append(f'{name}[{r}]: fits {a!r} csv {b!r}')
print(json.dumps({'rows': len(t), 'columns': t.colnames, 'csvColumns': header, 'mismatches': mismatches}))`,
        [out],
      );
      expect(result.rows).toBe(300);
      expect(result.columns).toEqual(result.csvColumns);
      expect(result.columns).toEqual(
        expect.arrayContaining(['name', 'ra', 'dec', 'label', 'relevance', 'note', 'score_ensemble', 'map_x', 'map_y']),
      );
      expect(result.mismatches).toEqual([]);
    },
  );

  it('explains what to do first when a step is missing', () => {
    const empty = join(tempDir(), 'empty');
    ok(['demo', empty, '--objects', '20']);
    const top = runCli(['top', empty]);
    expect(top.status).not.toBe(0);
    expect(top.stderr).toMatch(/no anomaly scores yet: run `serendip rank/);
    expect(existsSync(join(empty, 'serendip.db'))).toBe(true);
    const rank = runCli(['rank', empty]);
    expect(rank.stderr).toMatch(/no embedding yet: run `serendip embed/);
  });
});
