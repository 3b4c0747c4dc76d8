// The BINTABLE writer: exact bytes for the structure FITS prescribes, and astropy (Debian's
// python, skipped where absent) reading every TFORM back to the values written.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  encodeBinTable,
  encodeFitsTables,
  writeFitsTablesSync,
  type BinTableToWrite,
} from '../../../../electron/core/formats/fits/table-writer.js';
import { hasReferencePython, runReferencePython } from '../../../helpers/reference-python.js';
import { rawHeaderValues } from '../../../helpers/fits-fixtures.js';
import { useSharedTempDir } from '../../../helpers/temp-dir.js';

const withAstropy = hasReferencePython(['numpy', 'astropy']);

const dir = useSharedTempDir('serendip-bintable-');

const TABLE: BinTableToWrite = {
  extname: 'MIXED',
  columns: [
    { name: 'flux', form: 'E', unit: '1E-17 erg/s/cm^2/Ang', data: Float32Array.of(1.5, -2.25, 3e-8) },
    { name: 'loglam', form: 'D', data: Float64Array.of(3.58, 3.5801, Math.PI) },
    { name: 'and_mask', form: 'J', data: Int32Array.of(0, 1 << 23, -7) },
    { name: 'fiber', form: 'I', data: Int16Array.of(1, 1000, -32768) },
    { name: 'objid', form: 'K', data: BigInt64Array.of(1n, 9007199254740993n, -(2n ** 63n)) },
    { name: 'flag', form: 'B', data: Uint8Array.of(0, 128, 255) },
    { name: 'class', form: 'A', repeat: 6, data: ['GALAXY', 'QSO', 'STAR'] },
    { name: 'good', form: 'L', data: [true, false, true] },
    { name: 'pair', form: 'E', repeat: 2, data: Float32Array.of(1, 2, 3, 4, 5, 6) },
    { name: 'ivec', form: 'J', repeat: 3, data: Int32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9) },
  ],
  cards: [['VACUUM', true, 'wavelengths are in vacuum']],
};

describe('encodeBinTable', () => {
  it('writes the mandatory keywords in order, with the row width and count, padded to blocks', () => {
    const bytes = encodeBinTable(TABLE);
    expect(bytes.length % 2880).toBe(0);
    const keys: string[] = [];
    for (let o = 0; o < 8 * 80; o += 80) keys.push(bytes.toString('latin1', o, o + 8).trim());
    expect(keys).toEqual(['XTENSION', 'BITPIX', 'NAXIS', 'NAXIS1', 'NAXIS2', 'PCOUNT', 'GCOUNT', 'TFIELDS']);
    const cards = rawHeaderValues(bytes);
    expect(cards.get('XTENSION')).toBe("'BINTABLE'");
    expect(cards.get('NAXIS1')).toBe(String(4 + 8 + 4 + 2 + 8 + 1 + 6 + 1 + 8 + 12));
    expect(cards.get('NAXIS2')).toBe('3');
    expect(cards.get('TFIELDS')).toBe('10');
    expect(cards.get('TFORM7')).toBe("'6A      '");
    expect(cards.get('TUNIT1')).toBe("'1E-17 erg/s/cm^2/Ang'");
    expect(cards.get('EXTNAME')).toBe("'MIXED   '");
  });

  it('stores values big-endian in row order', () => {
    const bytes = encodeBinTable({
      columns: [
        { name: 'a', form: 'I', data: Int16Array.of(0x0102, -2) },
        { name: 'b', form: 'E', data: Float32Array.of(1, 2) },
      ],
    });
    const data = bytes.subarray(2880, 2880 + 12);
    expect([...data]).toEqual([0x01, 0x02, 0x3f, 0x80, 0, 0, 0xff, 0xfe, 0x40, 0, 0, 0]);
    expect(bytes.subarray(2880 + 12).every((b) => b === 0)).toBe(true);
  });

  it('refuses columns of different lengths', () => {
    expect(() =>
      encodeBinTable({
        columns: [
          { name: 'a', form: 'E', data: [1, 2] },
          { name: 'b', form: 'E', data: [1] },
        ],
      }),
    ).toThrow(/rows/);
    expect(() => encodeBinTable({ columns: [{ name: 'a', form: 'E', repeat: 2, data: [1, 2, 3] }] })).toThrow(
      /multiple/,
    );
  });

  it('starts the file with an empty primary HDU', () => {
    const bytes = encodeFitsTables([['PLUG_RA', 150.5]], [TABLE]);
    const primary = rawHeaderValues(bytes);
    expect(primary.get('NAXIS')).toBe('0');
    expect(primary.get('EXTEND')).toBe('T');
    expect(Number(primary.get('PLUG_RA'))).toBe(150.5);
    expect(bytes.toString('latin1', 2880, 2888)).toBe('XTENSION');
  });
});

const READ_WITH_ASTROPY = `
import sys, json, numpy as np
from astropy.io import fits
with fits.open(sys.argv[1]) as hdul:
    hdul.verify('exception')
    out = {'extnames': [h.name for h in hdul], 'primary': {'PLUG_RA': hdul[0].header['PLUG_RA']}, 'tables': []}
    for h in hdul[1:]:
        cols = {}
        for c in h.columns:
            a = h.data[c.name]
            v = a.tolist()
            if a.dtype.kind == 'f':
                v = np.asarray(a, dtype=np.float64).tolist()
            if a.dtype.kind == 'i' and a.dtype.itemsize == 8:
                v = [str(x) for x in np.ravel(a)]
            cols[c.name] = {'dtype': a.dtype.str, 'format': c.format, 'unit': c.unit,
                            'shape': list(a.shape), 'values': v}
        out['tables'].append({'rows': h.header['NAXIS2'], 'vacuum': h.header.get('VACUUM'), 'columns': cols})
print(json.dumps(out))
`;

interface AstropyColumn {
  dtype: string;
  format: string;
  unit: string | null;
  shape: number[];
  values: unknown;
}
interface AstropyView {
  extnames: string[];
  primary: { PLUG_RA: number };
  tables: { rows: number; vacuum: boolean | null; columns: Record<string, AstropyColumn> }[];
}

describe.skipIf(!withAstropy)('astropy reads what we write', () => {
  it('reads every TFORM back to the same values, names, units and dtypes', () => {
    const path = join(dir(), 'mixed.fits');
    writeFitsTablesSync(
      path,
      [['PLUG_RA', 150.25, 'RA of the fibre']],
      [TABLE, { extname: 'EMPTY', columns: [{ name: 'x', form: 'D', data: [] }] }],
    );
    expect(readFileSync(path).length % 2880).toBe(0);
    const seen = runReferencePython<AstropyView>(READ_WITH_ASTROPY, [path]);
    expect(seen.extnames).toEqual(['PRIMARY', 'MIXED', 'EMPTY']);
    expect(seen.primary.PLUG_RA).toBe(150.25);
    const [mixed, empty] = seen.tables;
    expect(mixed.rows).toBe(3);
    expect(mixed.vacuum).toBe(true);
    expect(empty.rows).toBe(0);
    const c = mixed.columns;
    expect(c.flux).toMatchObject({
      dtype: '>f4',
      format: 'E',
      unit: '1E-17 erg/s/cm^2/Ang',
      values: [1.5, -2.25, Math.fround(3e-8)],
    });
    expect(c.loglam).toMatchObject({ dtype: '>f8', format: 'D', values: [3.58, 3.5801, Math.PI] });
    expect(c.and_mask).toMatchObject({ dtype: '>i4', values: [0, 1 << 23, -7] });
    expect(c.fiber).toMatchObject({ dtype: '>i2', values: [1, 1000, -32768] });
    expect(c.objid).toMatchObject({ dtype: '>i8', values: ['1', '9007199254740993', String(-(2n ** 63n))] });
    expect(c.flag).toMatchObject({ dtype: '|u1', values: [0, 128, 255] });
    expect(c.class).toMatchObject({ format: '6A', values: ['GALAXY', 'QSO', 'STAR'] });
    expect(c.good).toMatchObject({ dtype: '|b1', values: [true, false, true] });
    expect(c.pair).toMatchObject({
      format: '2E',
      shape: [3, 2],
      values: [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    });
    expect(c.ivec).toMatchObject({
      format: '3J',
      shape: [3, 3],
      values: [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
    });
  });
});
