// `serendip ingest --catalog cat.parquet` as a user runs it: the Parquet catalog joins by
// name, and its columns come out in every export format, 64-bit ids to the last digit.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { runCliOk } from '../helpers/run-cli.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { writePng } from '../helpers/image-fixtures.js';
import { parseCsv } from '../../electron/core/formats/tables/csv.js';

const tempDir = useTempDir();

describe('serendip ingest --catalog with a Parquet file', () => {
  it('joins it by name, and export carries its columns', async () => {
    const root = tempDir();
    const data = join(root, 'data');
    mkdirSync(data);
    await writePng(join(data, 'gal-a.png'));
    await writePng(join(data, 'gal-b.png'), 64, 64, 2);
    const catalog = join(root, 'cat.parquet');
    writeFileSync(
      catalog,
      new Uint8Array(
        parquetWriteBuffer({
          columnData: [
            { name: 'name', data: ['gal-a', 'gal-b', 'ghost'], type: 'STRING' },
            { name: 'z', data: [0.25, null, 1], type: 'DOUBLE' },
            { name: 'targetid', data: [39627745432815617n, 2n, 3n], type: 'INT64' },
          ],
        }),
      ),
    );
    const ws = join(root, 'ws');
    const ingest = runCliOk(['ingest', ws, data, '--catalog', catalog]);
    expect(ingest.stdout + ingest.stderr).toMatch(/2 of 3 rows matched by name/);

    const out = join(root, 'out');
    runCliOk(['export', ws, out]);
    const table = parseCsv(readFileSync(join(out, 'objects.csv'), 'utf8'));
    const column = (name: string) => table.rows.map((r) => r[table.columns.indexOf(name)]);
    expect(column('name')).toEqual(['gal-a', 'gal-b']);
    expect(column('z')).toEqual(['0.25', '']);
    expect(column('targetid')).toEqual(['39627745432815617', '2']);
  });
});
