// Parquet catalogs join exactly as CSV ones do: by name, else by position, with typed
// values (numbers, strings, booleans, 64-bit integers, nulls) landing as metadata.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { Workspace } from '../../../electron/core/workspace/workspace.js';
import { ingestPaths } from '../../../electron/core/ingest/ingest-files.js';
import { joinCatalog } from '../../../electron/core/ingest/catalog-join.js';
import { readParquetTable } from '../../../electron/core/formats/tables/parquet-table.js';
import { findObjectByName } from '../../../electron/core/workspace/repositories/objects-repo.js';
import { getMetadata } from '../../../electron/core/workspace/repositories/metadata-repo.js';
import { writeFitsCube, writePng } from '../../helpers/image-fixtures.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();

type ColumnData = Parameters<typeof parquetWriteBuffer>[0]['columnData'];

function writeParquet(path: string, columnData: ColumnData): void {
  writeFileSync(path, new Uint8Array(parquetWriteBuffer({ columnData })));
}

async function workspaceWithObjects(): Promise<Workspace> {
  const root = tempDir();
  const data = join(root, 'data');
  mkdirSync(data);
  await writePng(join(data, 'gal-a.png'));
  writeFitsCube(join(data, 'gal-d.fits'), { ra: 150.1, dec: 2.2 });
  writeFitsCube(join(data, 'gal-e.fits'), { ra: 210.5, dec: -1.25, size: 80 });
  const ws = Workspace.open(join(root, 'ws'), { create: true });
  await ingestPaths(ws, [data]);
  return ws;
}

describe('Parquet catalogs', () => {
  it('reads numbers, strings, booleans, 64-bit integers and nulls as cells', async () => {
    const path = join(tempDir(), 'cells.parquet');
    writeParquet(path, [
      { name: 'name', data: ['a', null], type: 'STRING' },
      { name: 'z', data: [0.5, null], type: 'DOUBLE' },
      { name: 'n', data: [3, null], type: 'INT32' },
      { name: 'big', data: [2n ** 62n + 1n, null], type: 'INT64' },
      { name: 'ok', data: [true, null], type: 'BOOLEAN' },
    ]);
    const table = await readParquetTable(new Uint8Array(readFileSync(path)));
    expect(table.columns).toEqual(['name', 'z', 'n', 'big', 'ok']);
    expect(table.rows).toEqual([
      ['a', 0.5, 3, 2n ** 62n + 1n, true],
      [null, null, null, null, null],
    ]);
  });

  it('joins by name, with typed values landing as metadata', async () => {
    const ws = await workspaceWithObjects();
    const catalog = join(tempDir(), 'cat.parquet');
    writeParquet(catalog, [
      { name: 'objid', data: ['gal-a', 'gal-e', 'ghost'], type: 'STRING' },
      { name: 'redshift', data: [0.12, null, 1], type: 'DOUBLE' },
      { name: 'morph', data: ['spiral', 'elliptical, E1', 'none'], type: 'STRING' },
      { name: 'targetid', data: [39627000000000001n, 5n, 6n], type: 'INT64' },
      { name: 'merger', data: [true, false, null], type: 'BOOLEAN' },
    ]);
    const summary = await joinCatalog(ws, catalog);
    expect(summary).toMatchObject({
      rows: 3,
      matched: 2,
      unmatched: 1,
      by: 'name',
      key: 'objid',
      unmatchedExamples: ['ghost'],
    });
    expect(getMetadata(ws.db, findObjectByName(ws.db, 'gal-a')!.id)).toEqual({
      objid: 'gal-a',
      redshift: '0.12',
      morph: 'spiral',
      targetid: '39627000000000001',
      merger: 'true',
    });
    expect(getMetadata(ws.db, findObjectByName(ws.db, 'gal-e')!.id)).toMatchObject({
      redshift: '',
      targetid: '5',
      merger: 'false',
    });
    // The number beside the text: safe integers and doubles only, never a rounded 64-bit id.
    const numbers = ws.db
      .prepare('SELECT key, number FROM object_metadata WHERE object_id = ? ORDER BY key')
      .all(findObjectByName(ws.db, 'gal-a')!.id) as { key: string; number: number | null }[];
    expect(Object.fromEntries(numbers.map((n) => [n.key, n.number]))).toEqual({
      merger: null,
      morph: null,
      objid: null,
      redshift: 0.12,
      targetid: null,
    });
    ws.close();
  });

  it('joins by ra/dec within the radius when no name matches', async () => {
    const ws = await workspaceWithObjects();
    const catalog = join(tempDir(), 'positions.parquet');
    // 0.5" and 1.5" away from gal-d and gal-e; the third row is far from anything, the fourth has no position.
    writeParquet(catalog, [
      { name: 'RA', data: [150.1 + 0.5 / 3600, 210.5, 11, null], type: 'DOUBLE' },
      { name: 'DEC', data: [2.2, -1.25 - 1.5 / 3600, 12, null], type: 'DOUBLE' },
      { name: 'mag', data: [19.5, 21, 18, 17], type: 'FLOAT' },
    ]);
    const summary = await joinCatalog(ws, catalog);
    expect(summary).toMatchObject({ rows: 4, matched: 2, unmatched: 2, by: 'position', key: 'RA/DEC' });
    expect(getMetadata(ws.db, findObjectByName(ws.db, 'gal-d')!.id).mag).toBe('19.5');
    expect(getMetadata(ws.db, findObjectByName(ws.db, 'gal-e')!.id).mag).toBe('21');
    ws.close();
  });
});
