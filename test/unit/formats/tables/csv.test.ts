import { describe, it, expect } from 'vitest';
import { CsvFormatError, formatCsv, parseCsv } from '../../../../electron/core/formats/tables/csv.js';

describe('parseCsv', () => {
  it('reads a plain table', () => {
    expect(parseCsv('name,ra,dec\nNGC 1300,49.92,-19.41\nM31,10.68,41.27\n')).toEqual({
      columns: ['name', 'ra', 'dec'],
      rows: [
        ['NGC 1300', '49.92', '-19.41'],
        ['M31', '10.68', '41.27'],
      ],
    });
  });

  it('reads quoted fields with "" escapes, delimiters and newlines inside', () => {
    const text = 'name,note\r\n"a,b","say ""hi"""\r\n"multi\nline",plain\r\n"",x\r\n';
    expect(parseCsv(text).rows).toEqual([
      ['a,b', 'say "hi"'],
      ['multi\nline', 'plain'],
      ['', 'x'],
    ]);
  });

  it('skips a BOM, comment lines above the header and blank lines', () => {
    const text = '\ufeff# catalog v3\n# generated 2024-01-01\n\nname,label\n\nobj1,merger\nobj2,#notacomment\n\n\n';
    expect(parseCsv(text)).toEqual({
      columns: ['name', 'label'],
      rows: [
        ['obj1', 'merger'],
        ['obj2', '#notacomment'],
      ],
    });
  });

  it('detects tabs, or takes the delimiter given', () => {
    expect(parseCsv('name\tnote\nx\ta,b\n')).toEqual({ columns: ['name', 'note'], rows: [['x', 'a,b']] });
    expect(parseCsv('a\tb,c\n1\t2,3\n', { delimiter: ',' }).columns).toEqual(['a\tb', 'c']);
    expect(parseCsv('"a,b"\tc\n1\t2\n').columns).toEqual(['a,b', 'c']);
  });

  it('pads short rows, trims header names, and keeps a row of empty fields', () => {
    expect(parseCsv('name, label , relevance\nobj1,merger\nobj2\n,,\n')).toEqual({
      columns: ['name', 'label', 'relevance'],
      rows: [
        ['obj1', 'merger', ''],
        ['obj2', '', ''],
        ['', '', ''],
      ],
    });
  });

  it('reads the last line without a newline, and old Mac line ends', () => {
    expect(parseCsv('a,b\r1,2\r3,4').rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('gives an empty table for empty or comment-only text', () => {
    expect(parseCsv('')).toEqual({ columns: [], rows: [] });
    expect(parseCsv('# nothing here\n# at all')).toEqual({ columns: [], rows: [] });
  });

  it('names the line of an unterminated quote', () => {
    const text = 'name,note\nobj1,fine\nobj2,"never\nclosed\n';
    expect(() => parseCsv(text)).toThrow(CsvFormatError);
    expect(() => parseCsv(text)).toThrow('line 3: unterminated quoted field');
  });

  it('names the line of a row with too many fields, counting lines inside quotes', () => {
    const text = '# comment\nname,label\n"two\nlines",x\nobj,a,b\n';
    try {
      parseCsv(text);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CsvFormatError);
      expect((err as CsvFormatError).line).toBe(5);
      expect((err as Error).message).toBe('line 5: 3 fields, but the header has 2 columns');
    }
  });
});

describe('formatCsv', () => {
  it('quotes only the fields that need it', () => {
    expect(
      formatCsv(
        ['name', 'note', 'n'],
        [
          ['plain', 'a,b', 3],
          ['say "hi"', 'two\nlines', ' padded'],
        ],
      ),
    ).toBe('name,note,n\nplain,"a,b",3\n"say ""hi""","two\nlines"," padded"\n');
  });

  it('round-trips awkward values through parseCsv', () => {
    const columns = ['#id', 'text'];
    const rows = [
      ['1', 'comma, quote " and\r\nCRLF'],
      ['2', ''],
      ['#3', '\ttab'],
    ];
    const text = formatCsv(columns, rows);
    expect(parseCsv(text)).toEqual({ columns, rows });
    const tsv = formatCsv(columns, rows, { delimiter: '\t' });
    expect(parseCsv(tsv, { delimiter: '\t' })).toEqual({ columns, rows });
  });

  it('keeps a lone empty field as a row', () => {
    const text = formatCsv(['name'], [['a'], [''], ['b']]);
    expect(parseCsv(text).rows).toEqual([['a'], [''], ['b']]);
  });

  it('refuses rows that do not match the header', () => {
    expect(() => formatCsv(['a', 'b'], [['1']])).toThrow(/a row has 1 fields, the header 2/);
  });
});
