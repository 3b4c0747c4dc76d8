// The binary-table reader against astropy: test/fixtures/fits-tables/ holds small files that
// astropy wrote and expected.json holds every value astropy reads from them (regenerate with
// make_fixtures.py there). Every value must match, type by type.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FitsFormatError } from '../../../../electron/core/formats/fits/header.js';
import { listFitsHdus } from '../../../../electron/core/formats/fits/hdu-list.js';
import { columnRow, describeFitsTable, readFitsTable } from '../../../../electron/core/formats/fits/table.js';
import type { FitsTableColumn } from '../../../../electron/core/formats/fits/table-layout.js';
import { formatCard } from '../../../../electron/core/formats/fits/writer.js';
import { encodeEmptyPrimary, headerFromCards } from '../../../helpers/fits-fixtures.js';

const FIXTURES = join(import.meta.dirname, '../../../fixtures/fits-tables');
type Expected = number | string;
interface ExpectedColumn {
  format: string;
  rows: number;
  values?: Expected[];
  strings?: string[];
  nulls?: number[];
}
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
  'table-types.fits': Record<string, ExpectedColumn>;
  'table-vla.fits': Record<string, Expected[]>;
};

/** Our values as JSON would write them: big integers as decimal strings, NaN and ±∞ as names. */
function asExpected(column: FitsTableColumn): Expected[] {
  const data = column.data;
  if (Array.isArray(data)) return data;
  return Array.from(data as ArrayLike<number | bigint>, (v) => {
    if (typeof v === 'bigint') return v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v.toString();
    if (Number.isNaN(v)) return 'NaN';
    if (v === Infinity) return 'Infinity';
    if (v === -Infinity) return '-Infinity';
    return v;
  });
}

describe('FITS binary tables against astropy', () => {
  const buffer = readFileSync(join(FIXTURES, 'table-types.fits'));
  const table = readFitsTable(buffer);

  it('reads every column astropy wrote, value for value', () => {
    const truth = expected['table-types.fits'];
    expect(table).toMatchObject({ hduIndex: 1, extname: 'TYPES', rows: 5 });
    expect(table.columns.map((c) => c.name)).toEqual(Object.keys(truth));
    for (const column of table.columns) {
      const want = truth[column.name];
      expect(column.tform, column.name).toBe(want.format);
      if (want.strings) {
        expect(column.data, column.name).toEqual(want.strings);
        continue;
      }
      const ours = asExpected(column);
      // astropy leaves a scaled TNULL as TZERO + TSCAL·TNULL; we make it NaN and flag it.
      const theirs = want.values!.map((v, i) => (want.nulls?.[i] && column.data instanceof Float64Array ? 'NaN' : v));
      expect(ours, column.name).toEqual(theirs);
      if (want.nulls) expect(Array.from(column.nulls ?? []), column.name).toEqual(want.nulls);
    }
  });

  it('keeps integer types, and the unsigned types the standard TZERO offsets mean', () => {
    const types = Object.fromEntries(table.columns.map((c) => [c.name, c.data.constructor.name]));
    expect(types).toMatchObject({
      flag: 'Uint8Array',
      bits: 'Uint8Array',
      ubyte: 'Uint8Array',
      sbyte: 'Int8Array',
      short: 'Int16Array',
      ushort: 'Uint16Array',
      scaled: 'Float64Array',
      snull: 'Float64Array',
      int: 'Int32Array',
      jnull: 'Int32Array',
      uint: 'Uint32Array',
      long: 'BigInt64Array',
      ulong: 'BigUint64Array',
      real: 'Float32Array',
      double: 'Float64Array',
      name: 'Array',
    });
    expect(table.column('jnull')!.data).toEqual(Int32Array.of(1, -999, 3, -999, 5));
    expect(table.column('short')!.nulls).toBeNull();
  });

  it('gives vector columns per row, with TDIM, unit and repeat', () => {
    const matrix = table.column('MATRIX')!;
    expect(matrix).toMatchObject({ repeat: 6, width: 6, dims: [2, 3], code: 'E' });
    expect(Array.from(columnRow(matrix, 1) as Float32Array)).toEqual(asExpected(matrix).slice(6, 12));
    expect(table.column('words')).toMatchObject({ width: 3, dims: [5, 3] });
    expect(columnRow(table.column('words')!, 2)).toEqual(['dd', '', 'eeeee']);
    expect(table.column('bits')).toMatchObject({ repeat: 13, width: 13, bytes: 2 });
    expect(table.column('real')!.unit).toBe('erg/s');
    expect(table.column('empty')).toMatchObject({ width: 0, bytes: 0 });
  });

  it('decodes only the columns asked for, in that order, and names a missing one', () => {
    const some = readFitsTable(buffer, { hdu: 'types', columns: ['DOUBLE', 'flag'] });
    expect(some.columns.map((c) => c.name)).toEqual(['double', 'flag']);
    expect(() => readFitsTable(buffer, { columns: ['nope'] })).toThrow("table 'TYPES' has no column 'nope'");
    expect(() => readFitsTable(buffer, { hdu: 0 })).toThrow(/primary HDU, not a binary table/);
    expect(() => readFitsTable(buffer, { hdu: 'SPECOBJ' })).toThrow(/no HDU named 'SPECOBJ'/);
  });

  it('refuses variable-length array columns by name, and still reads the others', () => {
    const vla = readFileSync(join(FIXTURES, 'table-vla.fits'));
    expect(() => readFitsTable(vla)).toThrow(FitsFormatError);
    expect(() => readFitsTable(vla)).toThrow(
      /column 'SPECTRUM' \(TFORM2 = 'PE\(5\)'\) in HDU 1 'VLA' is a variable-length array column/,
    );
    const rest = readFitsTable(vla, { columns: ['ID', 'TAIL'] });
    expect(asExpected(rest.column('ID')!)).toEqual(expected['table-vla.fits'].ID);
    expect(asExpected(rest.column('TAIL')!)).toEqual(expected['table-vla.fits'].TAIL);
  });

  it('refuses a table that claims more bytes than the file holds', () => {
    const truncated = buffer.subarray(0, buffer.length - 2880);
    expect(() => readFitsTable(truncated)).toThrow(
      /truncated: HDU 1 'TYPES' needs 680 bytes of table, only 0 are present/,
    );
    const hdus = listFitsHdus(buffer);
    expect(() => describeFitsTable(hdus[1], hdus[1].dataOffset + 100)).toThrow(/needs 680 bytes/);
  });
});

describe('FITS binary tables: malformed headers', () => {
  const table = (cards: string[], data = Buffer.alloc(2880)) =>
    Buffer.concat([
      encodeEmptyPrimary(),
      headerFromCards([formatCard('XTENSION', 'BINTABLE'), formatCard('BITPIX', 8), formatCard('NAXIS', 2), ...cards]),
      data,
    ]);

  it('refuses columns wider than NAXIS1, bad TFORMs and bad TDIMs', () => {
    const base = [formatCard('NAXIS2', 2), formatCard('PCOUNT', 0), formatCard('GCOUNT', 1), formatCard('TFIELDS', 1)];
    expect(() => readFitsTable(table([formatCard('NAXIS1', 4), ...base, formatCard('TFORM1', '2D')]))).toThrow(
      'columns need 16 bytes a row, NAXIS1 says 4',
    );
    expect(() => readFitsTable(table([formatCard('NAXIS1', 4), ...base, formatCard('TFORM1', '4Z')]))).toThrow(
      /TFORM1 = '4Z' is not a binary-table format/,
    );
    expect(() => readFitsTable(table([formatCard('NAXIS1', 4), ...base]))).toThrow('binary table has no TFORM1');
    expect(() =>
      readFitsTable(table([formatCard('NAXIS1', 4), ...base, formatCard('TFORM1', '1E'), formatCard('TDIM1', '2,3')])),
    ).toThrow(/TDIM1/);
  });

  it('reads a hand-made big-endian table with default names, and logical nulls', () => {
    const cards = [
      formatCard('NAXIS1', 7),
      formatCard('NAXIS2', 2),
      formatCard('PCOUNT', 0),
      formatCard('GCOUNT', 1),
      formatCard('TFIELDS', 3),
      formatCard('TFORM1', '1L'),
      formatCard('TFORM2', '1J'),
      formatCard('TFORM3', '2A'),
      formatCard('TTYPE2', 'VALUE'),
    ];
    const data = Buffer.alloc(2880);
    data.write('T', 0, 'latin1');
    data.writeInt32BE(-123456, 1);
    data.write('ab', 5, 'latin1');
    data[7] = 0; // row 2: a null logical
    data.writeInt32BE(0x01020304, 8);
    data.write('c\0', 12, 'latin1');
    const read = readFitsTable(table(cards, data));
    expect(read.columns.map((c) => c.name)).toEqual(['COL1', 'VALUE', 'COL3']);
    expect(Array.from(read.column('col1')!.data as Uint8Array)).toEqual([1, 0]);
    expect(Array.from(read.column('col1')!.nulls!)).toEqual([0, 1]);
    expect(Array.from(read.column('value')!.data as Int32Array)).toEqual([-123456, 0x01020304]);
    expect(read.column('COL3')!.data).toEqual(['ab', 'c']);
  });
});
