// Which catalog columns colour the map, and how: few values are categories, many numbers a
// scale, names, ids and paths nothing; and the column the map receives for each kind.
import { describe, expect, it } from 'vitest';
import { classifyColumn, columnStats, looksLikePath, type ColumnCell } from '../../../electron/core/api/column-kind.js';
import { buildMapColumn, OTHER_CATEGORY } from '../../../electron/core/api/map-column.js';
import { rowLookup } from '../../../electron/core/discovery/row-lookup.js';

const numbers = (values: number[]): ColumnCell[] => values.map((v) => ({ value: String(v), number: v }));
const texts = (values: string[]): ColumnCell[] => values.map((value) => ({ value, number: null }));
const kindOf = (key: string, cells: ColumnCell[]) => classifyColumn(columnStats(key, cells));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('classifyColumn', () => {
  it('makes a 0/1 flag, a few classes or a few integers categorical', () => {
    expect(kindOf('is_anomaly', numbers(range(500).map((i) => (i % 7 === 0 ? 1 : 0))))).toBe('categorical');
    expect(kindOf('galaxy_type', texts(range(500).map((i) => ['E', 'S0', 'Sa', 'Sb'][i % 4])))).toBe('categorical');
    expect(kindOf('nexp', numbers(range(500).map((i) => i % 12)))).toBe('categorical');
  });

  it('makes many distinct numbers continuous, integers included when they repeat', () => {
    expect(kindOf('z', numbers(range(500).map((i) => i / 499)))).toBe('continuous');
    expect(kindOf('nexp', numbers(range(500).map((i) => i % 13)))).toBe('continuous');
  });

  it('leaves out identifiers: all-distinct text, all-distinct integers, name columns', () => {
    expect(kindOf('designation', texts(range(500).map((i) => `J${1000 + i}+02`)))).toBe('excluded');
    expect(kindOf('sdss_objid', numbers(range(500).map((i) => 1237650000000 + i)))).toBe('excluded');
    // The catalog's name column is an identifier however few objects there are.
    expect(kindOf('name', texts(['a', 'b']))).toBe('excluded');
    expect(kindOf('ObjID', numbers([1, 1, 2]))).toBe('excluded');
  });

  it('leaves out paths and URLs, but not morphological types with a slash', () => {
    expect(kindOf('cutout', texts(range(500).map((i) => `fits/obj-${i % 3}.fits`)))).toBe('excluded');
    expect(kindOf('where', texts(['/data/a/x', '/data/a/x']))).toBe('excluded');
    expect(looksLikePath('https://example.org/x')).toBe(true);
    expect(looksLikePath('S0/a')).toBe(false);
    expect(looksLikePath('Sab')).toBe(false);
    expect(kindOf('morph', texts(['S0/a', 'Sb', 'S0/a']))).toBe('categorical');
  });

  it('leaves out empty columns and treats empty cells as missing, not as a value', () => {
    expect(kindOf('notes', texts(['', ' ']))).toBe('excluded');
    const z: ColumnCell[] = [...numbers(range(100).map((i) => i / 10)), { value: '', number: null }];
    expect(columnStats('z', z)).toMatchObject({ count: 100, distinct: 100, numeric: true, integers: false });
    expect(kindOf('z', z)).toBe('continuous');
  });

  it('makes text with many repeated values categorical (the commonest kept)', () => {
    expect(kindOf('field', texts(range(500).map((i) => `f${i % 40}`)))).toBe('categorical');
  });
});

describe('buildMapColumn', () => {
  const ids = Float64Array.from([10, 11, 12, 13, 14]);
  const cells = (values: (number | string)[]) =>
    values.map((v, i) => ({
      object_id: 10 + i,
      value: String(v),
      number: typeof v === 'number' ? v : null,
    }));

  it('codes a 0/1 column by value, numbers in numeric order, missing as 0', () => {
    const column = buildMapColumn('flag', cells([1, 0, 0, '', 1]), rowLookup(ids), ids.length);
    expect(column.kind).toBe('categorical');
    expect(column.categories).toEqual(['0', '1']);
    expect([...column.codes!]).toEqual([2, 1, 1, 0, 2]);
  });

  it('orders numeric categories numerically', () => {
    const column = buildMapColumn('n', cells([10, 2, 1, 2, 10]), rowLookup(ids), ids.length);
    expect(column.categories).toEqual(['1', '2', '10']);
  });

  it('keeps the 11 commonest of many text values and codes the rest as other', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({
      object_id: i,
      value: `v${i < 24 ? i % 12 : i}`,
      number: null,
    }));
    const column = buildMapColumn('field', many, rowLookup(Float64Array.from(range(40))), 40);
    expect(column.categories).toHaveLength(12);
    expect(column.categories.at(-1)).toBe(OTHER_CATEGORY);
    // v0..v11 appear twice each; the alphabetically last of them (v9) is dropped for the limit.
    expect(column.categories.slice(0, 11)).toEqual([
      'v0',
      'v1',
      'v10',
      'v11',
      'v2',
      'v3',
      'v4',
      'v5',
      'v6',
      'v7',
      'v8',
    ]);
    expect(column.codes![9]).toBe(12);
    expect(column.codes![30]).toBe(12);
    expect(column.codes![0]).toBe(1);
  });

  it('gives a continuous column (13 distinct numbers) its values in the map order, NaN where missing', () => {
    const values = [0.5, 1.25, '', 3, 4.5, 5, 6, 7, 8, 9, 10, 11, 12.5, 13.5].map((v, i) => ({
      object_id: 100 - i,
      value: String(v),
      number: typeof v === 'number' ? v : null,
    }));
    const order = Float64Array.from([100, 99, 98, 97]);
    const column = buildMapColumn('z', values, rowLookup(order), order.length);
    expect(column.kind).toBe('continuous');
    expect([...column.values!]).toEqual([0.5, 1.25, NaN, 3]);
  });

  it('refuses identifiers with a message that says what to do', () => {
    expect(() => buildMapColumn('name', cells(['a', 'b', 'c', 'd', 'e']), rowLookup(ids), 5)).toThrow(/pick another/);
    expect(() => buildMapColumn('nope', [], rowLookup(ids), 5)).toThrow(/no catalog column "nope"/);
  });
});
