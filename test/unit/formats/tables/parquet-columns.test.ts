import { describe, expect, it } from 'vitest';
import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { openParquetColumns } from '../../../../electron/core/formats/tables/parquet-columns.js';

/** Five rows in row groups of two: name, a float list, an int64 id, a struct. */
function fiveRows(): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: 'name', data: ['a', 'b', 'c', 'd', 'e'] },
      { name: 'vec', data: [[0, 0.5], [1, 1.5], null, [3, 3.5], [4, 4.5]] },
      { name: 'id', data: [1n, 2n, 39627000000000003n, 4n, 5n] },
      { name: 'meta', data: [{ x: 1 }, { x: 2 }, { x: 3 }, { x: 4 }, { x: 5 }] },
    ],
    schema: [
      { name: 'root', num_children: 4 },
      { name: 'name', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'vec', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'DOUBLE', repetition_type: 'REQUIRED' },
      { name: 'id', type: 'INT64', repetition_type: 'REQUIRED' },
      { name: 'meta', repetition_type: 'REQUIRED', num_children: 1 },
      { name: 'x', type: 'INT32', repetition_type: 'REQUIRED' },
    ],
    rowGroupSize: 2,
  });
  return new Uint8Array(buffer);
}

describe('openParquetColumns', () => {
  it('lists the top-level columns with their shape', async () => {
    const table = await openParquetColumns(fiveRows());
    expect(table.rows).toBe(5);
    expect(table.columns).toEqual([
      { name: 'name', shape: 'scalar' },
      { name: 'vec', shape: 'list' },
      { name: 'id', shape: 'scalar' },
      { name: 'meta', shape: 'other' },
    ]);
  });

  it('reads only the columns asked for, rows placed across row groups, lists kept as arrays', async () => {
    const bytes = fiveRows();
    expect(parquetMetadata(bytes.buffer as ArrayBuffer).row_groups).toHaveLength(3);
    const table = await openParquetColumns(bytes);
    const read = await table.read(['vec', 'id']);
    expect([...read.keys()]).toEqual(['vec', 'id']);
    expect(read.get('vec')).toEqual([[0, 0.5], [1, 1.5], null, [3, 3.5], [4, 4.5]]);
    expect(read.get('id')).toEqual([1n, 2n, 39627000000000003n, 4n, 5n]);
    expect((await table.read([])).size).toBe(0);
  });
});
