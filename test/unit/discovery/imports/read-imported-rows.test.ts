import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { valueShape, type ImportReadOptions } from '../../../../electron/core/discovery/imports/imported-rows.js';
import { readImportedRows, sniffImportFormat } from '../../../../electron/core/discovery/imports/read-imported-rows.js';
import { writeNpy } from '../../../../electron/core/formats/arrays/npy.js';
import { writeHdf5 } from '../../../../electron/core/formats/hdf5/file.js';
import { hasReferencePython, runReferencePython } from '../../../helpers/reference-python.js';
import { useTempDir } from '../../../helpers/temp-dir.js';
import { rowVector, writeParquet } from './import-fixtures.js';

const tempDir = useTempDir('serendip-imported-rows-');

const BY_NAME: ImportReadOptions = { kind: 'embedding', needKeys: true, needPositions: false };
const BY_SKY: ImportReadOptions = { kind: 'embedding', needKeys: false, needPositions: true };

describe('valueShape', () => {
  it('takes [rows, dim] for embeddings, [rows] or [rows, 1] for scores', () => {
    expect(valueShape('embedding', [5, 3], 'x')).toEqual({ rows: 5, dim: 3 });
    expect(valueShape('score', [5], 'x')).toEqual({ rows: 5, dim: 1 });
    expect(valueShape('score', [5, 1], 'x')).toEqual({ rows: 5, dim: 1 });
    expect(() => valueShape('embedding', [5], 'x.npy')).toThrow(
      'x.npy is shaped [5]; an embedding needs a 2-D array [rows, dim]',
    );
    expect(() => valueShape('score', [5, 2], 'x.npy')).toThrow(/scores need one value per row/);
  });
});

describe('readImportedRows: .npy with a names file', () => {
  it('tells the format from the first bytes, not the extension', async () => {
    const dir = tempDir();
    const file = join(dir, 'vectors.bin');
    writeNpy(file, Float32Array.from([1, 2]), [1, 2]);
    expect(await sniffImportFormat(file)).toBe('npy');
    const parquet = writeParquet(join(dir, 'x.dat'), ['a'], { v: [[1]] });
    expect(await sniffImportFormat(parquet)).toBe('parquet');
  });

  it('reads names from a .csv with ra/dec columns, for a position match', async () => {
    const dir = tempDir();
    const file = join(dir, 'v.npy');
    writeNpy(file, Float32Array.from([1, 2, 3, 4]), [2, 2]);
    const names = join(dir, 'rows.csv');
    writeFileSync(names, 'objid,ra_deg,dec_deg\nA,10.5,-3\nB,,\n');
    const rows = await readImportedRows(file, {
      ...BY_SKY,
      names,
      idColumn: 'objid',
      raColumn: 'ra_deg',
      decColumn: 'dec_deg',
    });
    expect(rows.keys).toEqual(['A', 'B']);
    expect(Array.from(rows.ra!)).toEqual([10.5, NaN]);
    expect(Array.from(rows.dec!)).toEqual([-3, NaN]);
  });

  it('asks for a .csv of positions when a bare .npy is matched by position', async () => {
    const dir = tempDir();
    const file = join(dir, 'v.npy');
    writeNpy(file, Float32Array.from([1, 2]), [1, 2]);
    writeFileSync(join(dir, 'n.txt'), 'a\n');
    await expect(readImportedRows(file, { ...BY_SKY, names: join(dir, 'n.txt') })).rejects.toThrow(
      /--match radec with a .npy needs --names as a .csv with ra and dec columns/,
    );
    await expect(readImportedRows(file, BY_NAME)).rejects.toThrow(/a .npy holds no names: give --names/);
  });

  it('refuses integer vectors, saying which dtypes it takes', async () => {
    const dir = tempDir();
    const file = join(dir, 'v.npy');
    writeNpy(file, Int32Array.from([1, 2]), [1, 2]);
    await expect(readImportedRows(file, { ...BY_NAME, names: 'unused' })).rejects.toThrow(
      'v.npy holds <i4 values; save it as float32 or float64',
    );
  });

  it.skipIf(!hasReferencePython(['numpy']))(
    'reads numpy-saved names (U and S dtypes) (needs python3 with numpy)',
    async () => {
      const dir = tempDir();
      runReferencePython(
        `
import sys, numpy as np
d = sys.argv[1]
np.save(d + '/v.npy', np.arange(6, dtype=np.float64).reshape(3, 2))
np.save(d + '/u.npy', np.array(['DEMO-000001', 'Ω Cen', 'x']))
np.save(d + '/s.npy', np.array([b'DEMO-000001', b'b', b'']))
print('[]')
`,
        [dir],
      );
      const file = join(dir, 'v.npy');
      const unicode = await readImportedRows(file, { ...BY_NAME, names: join(dir, 'u.npy') });
      expect(unicode).toMatchObject({ format: 'npy', rows: 3, dim: 2, keys: ['DEMO-000001', 'Ω Cen', 'x'] });
      expect(Array.from(unicode.values)).toEqual([0, 1, 2, 3, 4, 5]);
      const bytes = await readImportedRows(file, { ...BY_NAME, names: join(dir, 's.npy') });
      expect(bytes.keys).toEqual(['DEMO-000001', 'b', null]);
    },
  );
});

describe('readImportedRows: Parquet', () => {
  it('takes the one list column by default, or one column per dimension by list or prefix', async () => {
    const dir = tempDir();
    const vectors = [rowVector(0, 3), rowVector(1, 3)];
    const wide = Object.fromEntries([0, 1, 2].map((d) => [`emb_${d}`, vectors.map((v) => v[d])]));
    const file = writeParquet(join(dir, 'v.parquet'), ['a', null], { vec: vectors }, { ...wide, score: [7, 8] });
    const list = await readImportedRows(file, BY_NAME);
    expect(list).toMatchObject({ format: 'parquet', rows: 2, dim: 3, keys: ['a', null] });
    expect(Array.from(list.values)).toEqual(Array.from(Float32Array.from(vectors.flat())));
    const prefix = await readImportedRows(file, { ...BY_NAME, columns: 'emb_*' });
    expect(Array.from(prefix.values)).toEqual(Array.from(list.values));
    const picked = await readImportedRows(file, { ...BY_NAME, columns: 'emb_2, emb_0' });
    expect(Array.from(picked.values)).toEqual(Array.from(Float32Array.from([0.2, 0, 1.2, 1])));
    const scores = await readImportedRows(file, { ...BY_NAME, kind: 'score' });
    expect(Array.from(scores.values)).toEqual([7, 8]);
  });

  it('says which column to name when the values are ambiguous or missing', async () => {
    const dir = tempDir();
    const two = writeParquet(join(dir, 'two.parquet'), ['a'], { a1: [[1]], b1: [[2]] });
    await expect(readImportedRows(two, BY_NAME)).rejects.toThrow(
      "two.parquet has 2 list columns (a1, b1); choose one with --vector-column or --columns 'prefix*'",
    );
    await expect(readImportedRows(two, { ...BY_NAME, vectorColumn: 'c' })).rejects.toThrow(
      'two.parquet has no column "c"; its columns: name, a1, b1',
    );
    await expect(readImportedRows(two, { ...BY_NAME, columns: 'z*' })).rejects.toThrow(
      'two.parquet has no column whose name starts with "z"',
    );
    await expect(
      readImportedRows(two, { ...BY_NAME, kind: 'score', vectorColumn: 'a1', idColumn: 'id' }),
    ).rejects.toThrow('two.parquet has no column "id"');
    const ragged = writeParquet(join(dir, 'ragged.parquet'), ['a', 'b'], { v: [[1, 2], [3]] });
    await expect(readImportedRows(ragged, BY_NAME)).rejects.toThrow(
      'row 2 of column "v" in ragged.parquet has 1 values, row 1 has 2',
    );
  });
});

describe('readImportedRows: HDF5', () => {
  it('takes the one 2-D dataset by default, names from a dataset, and scores from `score`', async () => {
    const dir = tempDir();
    const file = join(dir, 'v.h5');
    await writeHdf5(file, (h5) => {
      h5.create_dataset({ name: 'emb', data: Float64Array.from([1, 2, 3, 4, 5, 6]), shape: [3, 2] });
      h5.create_dataset({ name: 'name', data: ['a', 'b', 'c'] });
      h5.create_dataset({ name: 'targetid', data: BigInt64Array.from([39627000000000001n, 2n, 3n]) });
      h5.create_dataset({ name: 'score', data: Float32Array.from([0.5, 0.25, 1]) });
    });
    const rows = await readImportedRows(file, BY_NAME);
    expect(rows).toMatchObject({ format: 'hdf5', rows: 3, dim: 2, keys: ['a', 'b', 'c'] });
    expect(Array.from(rows.values)).toEqual([1, 2, 3, 4, 5, 6]);
    const ids = await readImportedRows(file, { ...BY_NAME, namesDataset: 'targetid' });
    expect(ids.keys).toEqual(['39627000000000001', '2', '3']);
    const scores = await readImportedRows(file, { ...BY_NAME, kind: 'score' });
    expect(Array.from(scores.values)).toEqual([0.5, 0.25, 1]);
    await expect(readImportedRows(file, { ...BY_NAME, dataset: 'nope' })).rejects.toThrow(
      'v.h5 has no dataset "nope"; at its top level: emb, name, score, targetid',
    );
    await expect(readImportedRows(file, BY_SKY)).rejects.toThrow('v.h5 has no dataset "ra"');
  });
});
