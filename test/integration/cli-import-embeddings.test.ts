// `serendip import-embeddings` / `import-scores` on a demo workspace, from each format and each
// match, then every discovery command on the imported run. Vectors put object i at (i, 0, 0):
// its nearest neighbours are then known exactly.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { runCli, runCliOk } from '../helpers/run-cli.js';
import { useDemoWorkspace } from '../helpers/demo-workspace.js';
import { readRunRow, readWorkspaceDb } from '../helpers/workspace-db.js';
import { hasReferencePython, runReferencePython } from '../helpers/reference-python.js';
import { readNpyFile, writeNpy } from '../../electron/core/formats/arrays/npy.js';
import { writeHdf5 } from '../../electron/core/formats/hdf5/file.js';
import { parseCsv } from '../../electron/core/formats/tables/csv.js';

interface DemoObject {
  name: string;
  ra: number | null;
  dec: number | null;
}

interface ImportJson {
  runId: string;
  format: string;
  rows: number;
  dim: number;
  matched: number;
  unmatched: number;
  unmatchedExamples: string[];
  objectsWithout: number;
}

const DIM = 3;
const EXTRA = 'NOT-IN-WORKSPACE';

describe('serendip import-embeddings and import-scores', () => {
  const { shared, ws } = useDemoWorkspace('serendip-cli-import-', 30, 5);
  let objects: DemoObject[] = [];
  /** Row i of every file: objects[i] at (i, 0, 0); the last row names no object. */
  let vectors: Float32Array;
  let names: string[];
  let positioned: number;

  beforeAll(() => {
    objects = readWorkspaceDb(ws, (db) =>
      db.prepare('SELECT name, ra, dec FROM objects ORDER BY name').all(),
    ) as DemoObject[];
    names = [...objects.map((o) => o.name), EXTRA];
    vectors = new Float32Array(names.length * DIM);
    names.forEach((_, i) => (vectors[i * DIM] = i));
    positioned = objects.filter((o) => o.ra !== null).length;
    writeNpy(join(shared, 'vectors.npy'), vectors, [names.length, DIM]);
    writeFileSync(join(shared, 'names.txt'), names.join('\n') + '\n');
    // 0.5″ north of each object; the extra row far from any.
    const positions = names.map((_, i) => {
      const o = objects[i];
      return o && o.ra !== null ? { ra: o.ra, dec: o.dec! + 0.5 / 3600 } : { ra: NaN, dec: NaN };
    });
    positions[names.length - 1] = { ra: 10, dec: -60 };
    const csvRows = names.map((n, i) =>
      [n, positions[i].ra, positions[i].dec].map((v) => (Number.isNaN(v) ? '' : String(v))).join(','),
    );
    writeFileSync(join(shared, 'rows.csv'), ['name,ra,dec', ...csvRows].join('\n') + '\n');
    const parquet = parquetWriteBuffer({
      columnData: [
        { name: 'name', data: names },
        { name: 'embedding', data: names.map((_, i) => Array.from(vectors.subarray(i * DIM, (i + 1) * DIM))) },
        { name: 'ra', data: positions.map((p) => p.ra) },
        { name: 'dec', data: positions.map((p) => p.dec) },
      ],
      schema: [
        { name: 'root', num_children: 4 },
        { name: 'name', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
        { name: 'embedding', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'FLOAT', repetition_type: 'REQUIRED' },
        { name: 'ra', type: 'DOUBLE', repetition_type: 'REQUIRED' },
        { name: 'dec', type: 'DOUBLE', repetition_type: 'REQUIRED' },
      ],
    });
    writeFileSync(join(shared, 'vectors.parquet'), new Uint8Array(parquet));
    return writeHdf5(join(shared, 'vectors.h5'), (h5) => {
      h5.create_dataset({ name: 'embedding', data: vectors, shape: [names.length, DIM] });
      h5.create_dataset({ name: 'name', data: names });
      h5.create_dataset({ name: 'ra', data: Float64Array.from(positions, (p) => p.ra) });
      h5.create_dataset({ name: 'dec', data: Float64Array.from(positions, (p) => p.dec) });
    });
  });

  function importJson(args: string[]): ImportJson {
    return JSON.parse(runCliOk([...args, '--json']).stdout) as ImportJson;
  }

  /** The imported run holds every matched object's own row: (i, 0, 0) for objects[i]. */
  function expectRowsOfObjects(runId: string, count: number): void {
    const data = readNpyFile(join(ws, 'embeddings', `${runId}.npy`));
    const ids = readNpyFile(join(ws, 'embeddings', `${runId}.ids.npy`)).data as BigInt64Array;
    expect(data.shape).toEqual([count, DIM]);
    const nameOf = readWorkspaceDb(ws, (db) => {
      const rows = db.prepare('SELECT id, name FROM objects').all() as { id: number; name: string }[];
      return new Map(rows.map((r) => [r.id, r.name]));
    });
    const values = data.data as Float32Array;
    Array.from(ids, Number).forEach((id, row) => {
      expect(Array.from(values.subarray(row * DIM, (row + 1) * DIM))).toEqual([names.indexOf(nameOf.get(id)!), 0, 0]);
    });
  }

  it('imports a .npy with a text names file, reporting the unmatched row and recording the run', () => {
    const result = runCliOk([
      'import-embeddings',
      ws,
      join(shared, 'vectors.npy'),
      '--names',
      join(shared, 'names.txt'),
    ]);
    expect(result.stderr).toMatch(
      /import-embeddings: run embedding-imported-\S+, 30 images × 3 dimensions \(npy, 31 rows\)/,
    );
    expect(result.stderr).toContain(`1 rows unmatched, left out (first: ${EXTRA})`);
    const runId = /run (embedding-imported-\S+),/.exec(result.stderr)![1];
    expectRowsOfObjects(runId, 30);
    const run = readRunRow(ws, runId);
    expect(run).toMatchObject({ method: 'imported', status: 'done' });
    expect(run.params).toMatchObject({ format: 'npy', match: 'name', matched: 30, unmatched: 1, dim: 3 });
    expect(run.params.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('imports a .npy matched by RA/Dec through a .csv of positions', () => {
    const result = importJson([
      'import-embeddings',
      ws,
      join(shared, 'vectors.npy'),
      '--names',
      join(shared, 'rows.csv'),
      '--match',
      'radec',
    ]);
    expect(positioned).toBeGreaterThan(5);
    expect(result).toMatchObject({ matched: positioned, unmatched: 31 - positioned, objectsWithout: 30 - positioned });
    expectRowsOfObjects(result.runId, positioned);
  });

  it.skipIf(!hasReferencePython(['numpy']))(
    'imports a .npy with a numpy-saved .npy of names (needs python3 with numpy)',
    () => {
      runReferencePython('import sys, numpy as np; np.save(sys.argv[1], np.array(sys.argv[2:])); print("[]")', [
        join(shared, 'names.npy'),
        ...names,
      ]);
      const result = importJson([
        'import-embeddings',
        ws,
        join(shared, 'vectors.npy'),
        '--names',
        join(shared, 'names.npy'),
      ]);
      expect(result).toMatchObject({ matched: 30, unmatched: 1, unmatchedExamples: [EXTRA] });
      expectRowsOfObjects(result.runId, 30);
    },
  );

  for (const file of ['vectors.parquet', 'vectors.h5']) {
    it(`imports ${file} matched by name and by RA/Dec`, () => {
      const byName = importJson(['import-embeddings', ws, join(shared, file)]);
      expect(byName).toMatchObject({ dim: 3, rows: 31, matched: 30, unmatchedExamples: [EXTRA] });
      expectRowsOfObjects(byName.runId, 30);
      const bySky = importJson(['import-embeddings', ws, join(shared, file), '--match', 'radec']);
      expect(bySky).toMatchObject({ matched: positioned, unmatched: 31 - positioned });
      expectRowsOfObjects(bySky.runId, positioned);
    });
  }

  it('refuses a file whose names match no object, and records nothing', () => {
    const before = JSON.parse(runCliOk(['status', ws, '--json']).stdout).runs.length;
    writeFileSync(join(shared, 'other-names.txt'), names.map((n) => `X-${n}`).join('\n'));
    const result = runCli([
      'import-embeddings',
      ws,
      join(shared, 'vectors.npy'),
      '--names',
      join(shared, 'other-names.txt'),
    ]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'serendip: no row of vectors.npy matches an object of this workspace by name (31 rows; first: X-',
    );
    expect(JSON.parse(runCliOk(['status', ws, '--json']).stdout).runs).toHaveLength(before);
  });

  it('imports scores that top ranks by, highest first', () => {
    // Object i scores i: the last objects by name rank first.
    const scores = Float64Array.from(names, (_, i) => i);
    writeNpy(join(shared, 'scores.npy'), scores, [names.length]);
    const result = importJson(['import-scores', ws, join(shared, 'scores.npy'), '--names', join(shared, 'names.txt')]);
    expect(result).toMatchObject({ dim: 1, matched: 30, unmatched: 1 });
    const top = JSON.parse(runCliOk(['top', ws, '-n', '3', '--json']).stdout) as { name: string; score: number }[];
    expect(top.map((h) => [h.name, h.score])).toEqual([29, 28, 27].map((i) => [objects[i].name, i]));
  });

  it('runs rank, map, similar, queue and export on the imported embedding', () => {
    const imported = importJson(['import-embeddings', ws, join(shared, 'vectors.h5')]);
    expect(runCliOk(['rank', ws]).stderr).toMatch(/rank: run score-ensemble-\S+ \(ensemble\), 30 objects scored/);
    const scoreRuns = readWorkspaceDb(ws, (db) =>
      db.prepare("SELECT method FROM runs WHERE kind = 'score' AND parent_run = ?").all(imported.runId),
    );
    expect(scoreRuns).toHaveLength(4);
    expect(runCliOk(['map', ws]).stderr).toMatch(/map: run map-umap-\S+, 30 objects/);

    // Object 10 sits at (10, 0, 0): its two nearest are objects 9 and 11, each 1 away.
    const similar = JSON.parse(runCliOk(['similar', ws, objects[10].name, '-k', '2', '--json']).stdout) as {
      name: string;
      distance: number;
    }[];
    expect(similar.map((h) => h.name).sort()).toEqual([objects[9].name, objects[11].name].sort());
    for (const hit of similar) expect(hit.distance).toBeCloseTo(1, 5);

    runCliOk(['label', ws, objects[0].name, 'lens', '--relevance', '5']);
    const discover = JSON.parse(runCliOk(['queue', ws, '-n', '5', '--json']).stdout) as { name: string }[];
    expect(discover).toHaveLength(5);
    expect(discover.map((h) => h.name)).not.toContain(objects[0].name);
    const like = JSON.parse(runCliOk(['queue', ws, '-n', '3', '--mode', 'like-labels', '--json']).stdout) as {
      name: string;
      score: number;
    }[];
    expect(like).toHaveLength(3);

    const out = join(shared, 'export');
    runCliOk(['export', ws, out, '--with-embeddings']);
    const table = parseCsv(readFileSync(join(out, 'objects.csv'), 'utf8'));
    expect(table.columns).toEqual(expect.arrayContaining(['score_imported', 'score_ensemble', 'map_x', 'map_y']));
    const embeddings = readNpyFile(join(out, 'embeddings.npy'));
    expect(embeddings.shape).toEqual([30, DIM]);
    const nameColumn = table.columns.indexOf('name');
    table.rows.forEach((row, r) => {
      const values = (embeddings.data as Float32Array).subarray(r * DIM, (r + 1) * DIM);
      expect(Array.from(values)).toEqual([names.indexOf(row[nameColumn]), 0, 0]);
    });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.embeddingRun).toBe(imported.runId);
  });
});
