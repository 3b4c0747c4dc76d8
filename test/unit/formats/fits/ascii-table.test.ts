// ASCII tables (XTENSION = 'TABLE') against astropy: test/fixtures/fits-tables/ascii-table.fits
// and the values astropy reads from it (ascii-expected.json, by make_ascii_fixture.py): A, I,
// F, E and D fields, a TNULL entry, units, and the errors for fields outside a row.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFitsTable } from '../../../../electron/core/formats/fits/table.js';

const DIR = join(import.meta.dirname, '../../../fixtures/fits-tables');
const file = new Uint8Array(readFileSync(join(DIR, 'ascii-table.fits')));
const expected = JSON.parse(readFileSync(join(DIR, 'ascii-expected.json'), 'utf8')) as Record<
  string,
  (number | string | null)[]
> & { _units: Record<string, string | null> };

describe('FITS ASCII tables', () => {
  it('reads every field as astropy does, with TNULL entries as nulls', () => {
    const table = readFitsTable(file);
    expect(table.extname).toBe('CATALOG');
    expect(table.rows).toBe(4);
    expect(table.columns.map((c) => c.name)).toEqual(['NAME', 'NOBS', 'FLUX', 'MAG', 'Z']);
    expect(table.column('name')!.data).toEqual(expected.NAME);
    for (const name of ['NOBS', 'FLUX', 'MAG', 'Z']) {
      const column = table.column(name)!;
      Array.from(column.data as Float64Array).forEach((value, row) => {
        const want = expected[name][row];
        if (want === null) {
          expect(Number.isNaN(value)).toBe(true);
          expect(column.nulls![row]).toBe(1);
        } else {
          expect(value).toBeCloseTo(want as number, 10);
        }
      });
      expect(column.unit).toBe(expected._units[name]);
    }
  });

  it('reads only the columns asked for, by name', () => {
    const table = readFitsTable(file, { hdu: 'catalog', columns: ['z', 'NAME'] });
    expect(table.columns.map((c) => c.name)).toEqual(['Z', 'NAME']);
  });

  it('refuses a field that lies outside its rows, naming it', () => {
    const broken = Buffer.from(file);
    const at = broken.indexOf('TBCOL5  =');
    broken.write('TBCOL5  =                   50'.padEnd(80), at, 'latin1');
    expect(() => readFitsTable(new Uint8Array(broken))).toThrow(/field 5 .*outside its 57-character rows/);
  });

  it('refuses a truncated table', () => {
    expect(() => readFitsTable(file.subarray(0, 2880 * 2 + 40))).toThrow(/truncated/);
  });
});
