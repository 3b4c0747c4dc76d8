import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importRun, type ImportRunOptions } from '../../../../electron/core/discovery/imports/import-run.js';
import { loadRunArray } from '../../../../electron/core/discovery/run-arrays.js';
import { writeNpy } from '../../../../electron/core/formats/arrays/npy.js';
import { writeHdf5 } from '../../../../electron/core/formats/hdf5/file.js';
import { listRuns } from '../../../../electron/core/workspace/repositories/runs-repo.js';
import type { Workspace } from '../../../../electron/core/workspace/workspace.js';
import { useTempDir } from '../../../helpers/temp-dir.js';
import { rowVector, workspaceWith, writeParquet, type FixtureObject } from './import-fixtures.js';

const tempDir = useTempDir('serendip-import-run-');
const open: Workspace[] = [];
afterEach(() => {
  while (open.length) open.pop()!.close();
});

/** Objects g0..g4 (images, with positions) and s0 (a spectrum). */
const OBJECTS: FixtureObject[] = [
  ...Array.from({ length: 5 }, (_, i) => ({ name: `g${i}`, ra: 150 + i / 100, dec: 2 })),
  { name: 's0', modality: 'spectrum' as const, ra: 160, dec: 3 },
];

function setUp(objects = OBJECTS): { dir: string; workspace: Workspace; id: Map<string, number> } {
  const dir = tempDir();
  const made = workspaceWith(dir, objects);
  open.push(made.workspace);
  return { dir, ...made };
}

/** Rows named g3, nope, g0, g4 (row r holds rowVector(r)). */
const FILE_NAMES = ['g3', 'nope', 'g0', 'g4'];

function writeVectors(dir: string, dim: number, names = FILE_NAMES): { file: string; names: string } {
  const file = join(dir, 'vectors.npy');
  writeNpy(file, Float64Array.from(names.flatMap((_, r) => rowVector(r, dim))), [names.length, dim]);
  const namesFile = join(dir, 'names.txt');
  writeFileSync(namesFile, names.join('\n') + '\n\n');
  return { file, names: namesFile };
}

function run(workspace: Workspace, options: Partial<ImportRunOptions> & { file: string }) {
  return importRun(workspace, { kind: 'embedding', match: { by: 'name' }, ...options });
}

describe('importRun', () => {
  it('records an embedding run of method imported, rows in object-id order, with its params', async () => {
    const { dir, workspace, id } = setUp();
    const input = writeVectors(dir, 3);
    const result = await run(workspace, input);
    expect(result).toMatchObject({
      kind: 'embedding',
      format: 'npy',
      rows: 4,
      dim: 3,
      matched: 3,
      unmatched: 1,
      unmatchedExamples: ['nope'],
      // g1, g2 of the five images have no row.
      objectsWithout: 2,
      modality: 'image',
    });
    const array = loadRunArray(workspace.paths.embeddings, result.runId);
    expect(Array.from(array.ids)).toEqual([id.get('g0'), id.get('g3'), id.get('g4')]);
    // g0 is file row 2, g3 row 0, g4 row 3.
    expect(Array.from(array.data)).toEqual(Array.from(Float32Array.from([2, 2.1, 2.2, 0, 0.1, 0.2, 3, 3.1, 3.2])));
    const [recorded] = listRuns(workspace.db, 'embedding');
    expect(recorded).toMatchObject({ id: result.runId, method: 'imported', modality: 'image', status: 'done' });
    const sha256 = createHash('sha256').update(readFileSync(input.file)).digest('hex');
    expect(JSON.parse(recorded.params)).toEqual({
      file: input.file,
      sha256,
      format: 'npy',
      match: 'name',
      matched: 3,
      unmatched: 1,
      dim: 3,
    });
  });

  it('records a score run from a 1-D .npy with int64 ids matched to a catalog column', async () => {
    const objects = OBJECTS.map((o, i) => ({ ...o, catalog: { targetid: String(39627000000000000n + BigInt(i)) } }));
    const { dir, workspace, id } = setUp(objects);
    const file = join(dir, 'scores.npy');
    writeNpy(file, Float32Array.from([0.5, -1, 2]), [3]);
    const names = join(dir, 'ids.npy');
    writeNpy(names, BigInt64Array.from([39627000000000004n, 39627000000000001n, 1n]), [3]);
    const result = await run(workspace, { kind: 'score', file, names, match: { by: 'catalog', column: 'targetid' } });
    expect(result).toMatchObject({ kind: 'score', dim: 1, matched: 2, unmatched: 1, unmatchedExamples: ['1'] });
    const array = loadRunArray(workspace.paths.scores, result.runId);
    expect(Array.from(array.ids)).toEqual([id.get('g1'), id.get('g4')]);
    expect(Array.from(array.data)).toEqual([-1, 0.5]);
    expect(listRuns(workspace.db, 'score')[0]).toMatchObject({ method: 'imported', parent_run: null });
  });

  it('reads a Parquet list column, matched by name and by position', async () => {
    const { dir, workspace, id } = setUp();
    const file = writeParquet(
      join(dir, 'vectors.parquet'),
      ['g2', 'g1', 'far'],
      { embedding: [rowVector(0, 4), rowVector(1, 4), rowVector(2, 4)] },
      // g2 0.5″ off in Dec; g1 exactly; 'far' 3″ from g0.
      { ra: [150.02, 150.01, 150], dec: [2 + 0.5 / 3600, 2, 2 + 3 / 3600] },
    );
    const byName = await run(workspace, { file });
    expect(byName).toMatchObject({ format: 'parquet', dim: 4, matched: 2, unmatchedExamples: ['far'] });
    expect(Array.from(loadRunArray(workspace.paths.embeddings, byName.runId).ids)).toEqual([
      id.get('g1'),
      id.get('g2'),
    ]);
    const bySky = await run(workspace, { file, match: { by: 'radec', radiusArcsec: 2 } });
    expect(bySky).toMatchObject({ matched: 2, unmatched: 1, unmatchedExamples: [`far (150, ${2 + 3 / 3600})`] });
    const array = loadRunArray(workspace.paths.embeddings, bySky.runId);
    expect(Array.from(array.ids)).toEqual([id.get('g1'), id.get('g2')]);
    expect(Array.from(array.data.subarray(0, 4))).toEqual(Array.from(Float32Array.from(rowVector(1, 4))));
  });

  it('reads an HDF5 vector dataset with a names dataset, matched by name and by position', async () => {
    const { dir, workspace, id } = setUp();
    const file = join(dir, 'vectors.h5');
    await writeHdf5(file, (h5) => {
      h5.create_dataset({ name: 'features', data: Float32Array.from([0, 1, 10, 11]), shape: [2, 2] });
      h5.create_dataset({ name: 'objid', data: ['g4', 'g0'] });
      h5.create_dataset({ name: 'ra', data: Float64Array.from([150.04, 150]) });
      h5.create_dataset({ name: 'dec', data: Float64Array.from([2, 2]) });
    });
    const byName = await run(workspace, { file, namesDataset: 'objid' });
    expect(byName).toMatchObject({ format: 'hdf5', dim: 2, matched: 2, unmatched: 0, objectsWithout: 3 });
    const array = loadRunArray(workspace.paths.embeddings, byName.runId);
    expect(Array.from(array.ids)).toEqual([id.get('g0'), id.get('g4')]);
    expect(Array.from(array.data)).toEqual([10, 11, 0, 1]);
    const bySky = await run(workspace, { file, match: { by: 'radec', radiusArcsec: 2 } });
    expect(Array.from(loadRunArray(workspace.paths.embeddings, bySky.runId).ids)).toEqual([id.get('g0'), id.get('g4')]);
  });

  it('refuses a file whose rows match nothing, naming a few, and records nothing', async () => {
    const { dir, workspace } = setUp();
    const input = writeVectors(dir, 2, ['x1', 'x2', 'x3', 'x4']);
    await expect(run(workspace, input)).rejects.toThrow(
      'no row of vectors.npy matches an object of this workspace by name (4 rows; first: x1, x2, x3)',
    );
    expect(listRuns(workspace.db)).toEqual([]);
    expect(readdirSync(workspace.paths.embeddings)).toEqual([]);
  });

  it('refuses NaN in a matched row and leaves no run and no file; NaN in an unmatched row is ignored', async () => {
    const { dir, workspace } = setUp();
    const file = join(dir, 'vectors.npy');
    const names = join(dir, 'names.txt');
    writeFileSync(names, 'g0\ng1\nnope\n');
    writeNpy(file, Float32Array.from([1, 2, 3, NaN, NaN, 0]), [3, 2]);
    await expect(run(workspace, { file, names })).rejects.toThrow(
      '1 matched row has NaN or infinite values (first: "g1"); drop or fill them before importing',
    );
    expect(listRuns(workspace.db)).toEqual([]);
    expect(readdirSync(workspace.paths.embeddings)).toEqual([]);
    writeNpy(file, Float32Array.from([1, 2, 3, 4, NaN, 0]), [3, 2]);
    expect((await run(workspace, { file, names })).matched).toBe(2);
  });

  it('keeps an embedding to one modality: refuses a mix unless one is chosen; scores may mix', async () => {
    const { dir, workspace, id } = setUp();
    const input = writeVectors(dir, 2, ['g0', 's0', 'g1']);
    await expect(run(workspace, input)).rejects.toThrow(
      'the rows match 2 images and 1 spectrum; an embedding covers one modality: choose one with --modality image or ' +
        '--modality spectrum',
    );
    const spectra = await run(workspace, { ...input, modality: 'spectrum' });
    expect(spectra).toMatchObject({ matched: 1, unmatched: 2, modality: 'spectrum', objectsWithout: 0 });
    expect(Array.from(loadRunArray(workspace.paths.embeddings, spectra.runId).ids)).toEqual([id.get('s0')]);
    const scoresFile = join(dir, 'scores.npy');
    writeNpy(scoresFile, Float32Array.from([1, 2, 3]), [3, 1]);
    const scores = await run(workspace, { kind: 'score', file: scoresFile, names: input.names });
    expect(scores).toMatchObject({ matched: 3, modality: null, objectsWithout: 3 });
  });

  it('refuses a file that is none of the formats, and a names file of the wrong length', async () => {
    const { dir, workspace } = setUp();
    const text = join(dir, 'vectors.csv');
    writeFileSync(text, 'name,x\ng0,1\n');
    await expect(run(workspace, { file: text })).rejects.toThrow('vectors.csv is not a .npy, Parquet or HDF5 file');
    const input = writeVectors(dir, 2);
    writeFileSync(input.names, 'g0\ng1\n');
    await expect(run(workspace, input)).rejects.toThrow('names.txt has 2 rows of names for the 4 rows of vectors.npy');
  });
});
