// objects.fits must read back in astropy with the values the table holds: UTF-8 strings,
// NaN for missing floats, TNULL for missing integers, booleans as logicals.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFits } from '../../../electron/core/export/export-fits.js';
import type { ExportTable } from '../../../electron/core/export/export-table.js';
import { hasReferencePython, runReferencePython } from '../../helpers/reference-python.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();

const table: ExportTable = {
  ids: [1, 2, 3],
  runs: [],
  columns: [
    { name: 'name', kind: 'text', values: ['gal-a', 'NGC 1275 — Perseus', 'x'] },
    { name: 'label', kind: 'text', values: ['lens', null, 'merger'] },
    { name: 'ra', kind: 'number', values: [150.1 + 1e-12, null, -0.5] },
    { name: 'relevance', kind: 'integer', values: [5, null, 0] },
    { name: 'merger', kind: 'text', values: ['true', 'False', null] },
    { name: 'targetid', kind: 'integer', values: [2 ** 40, 7, 9] },
    { name: 'größe', kind: 'number', values: [1, 2, 3] },
  ],
};

describe('FITS table export', () => {
  it('writes one BINTABLE with A, D, J, K and L columns and TNULL for missing integers', () => {
    const bytes = tableFits(table);
    expect(bytes.length % 2880).toBe(0);
    const header = bytes.subarray(2880, 2 * 2880).toString('latin1');
    expect(header).toMatch(/EXTNAME = 'OBJECTS '/);
    // 'NGC 1275 — Perseus' is 20 bytes in UTF-8 (the dash is three).
    expect(header).toMatch(/TFORM1 {2}= '20A {5}'/);
    expect(header).toMatch(/TFORM3 {2}= 'D {7}'/);
    expect(header).toMatch(/TFORM4 {2}= 'J {7}'/);
    expect(header).toMatch(/TNULL4 {2}=\s+-2147483648/);
    expect(header).toMatch(/TFORM5 {2}= 'L {7}'/);
    expect(header).toMatch(/TFORM6 {2}= 'K {7}'/);
    expect(header).toMatch(/TTYPE7 {2}= 'gr__e {3}'/);
  });

  it.skipIf(!hasReferencePython(['numpy', 'astropy']))('reads back in astropy with the same values', () => {
    const path = join(tempDir(), 'objects.fits');
    writeFileSync(path, tableFits(table));
    const result = runReferencePython<Record<string, unknown[]>>(
      `import sys, json, math, numpy as np
from astropy.table import Table
t = Table.read(sys.argv[1], hdu='OBJECTS')
def cell(v):
    if v is np.ma.masked: return None
    if isinstance(v, (bytes, np.bytes_)): v = v.decode('utf-8')
    if isinstance(v, (np.floating, float)): return None if math.isnan(v) else float(v)
    if isinstance(v, (np.bool_, bool)): return bool(v)
    if isinstance(v, (np.integer, int)): return int(v)
    return str(v)
print(json.dumps({c: [cell(v) for v in t[c]] for c in t.colnames}))`,
      [path],
    );
    expect(result).toEqual({
      name: ['gal-a', 'NGC 1275 — Perseus', 'x'],
      label: ['lens', null, 'merger'], // astropy masks the empty string
      ra: [150.1 + 1e-12, null, -0.5],
      relevance: [5, null, 0],
      // FITS's null logical has no place in a numpy bool column: astropy reads it as False.
      merger: [true, false, false],
      targetid: [2 ** 40, 7, 9],
      gr__e: [1, 2, 3],
    });
  });
});
