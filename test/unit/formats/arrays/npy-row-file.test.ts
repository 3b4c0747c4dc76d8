import { describe, it, expect, beforeEach } from 'vitest';
import { appendFileSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { NpyRowFile, readRowRuns } from '../../../../electron/core/formats/arrays/npy-row-file.js';
import { useTempDir } from '../../../helpers/temp-dir.js';
import { readNpyFile, writeNpy } from '../../../../electron/core/formats/arrays/npy.js';

let dir: string;
const rowsDir = useTempDir('serendip-rows-');
beforeEach(() => {
  dir = rowsDir();
});

/** Rows whose every value encodes (row, position), so misplaced bytes show. */
function halfRows(first: number, count: number, rowLength: number): Uint16Array {
  const out = new Uint16Array(count * rowLength);
  for (let r = 0; r < count; r++)
    for (let i = 0; i < rowLength; i++) out[r * rowLength + i] = ((first + r) * 131 + i) & 0xffff;
  return out;
}

describe('NpyRowFile', () => {
  it('appends rows, returns their first index, and reads them back', () => {
    const path = join(dir, 'inputs.npy');
    const file = NpyRowFile.openOrCreate(path, { dtype: '<f2', rowShape: [4, 4, 3] });
    expect(file.rowCount).toBe(0);
    expect(file.rowLength).toBe(48);
    expect(file.appendRows(halfRows(0, 2, 48))).toBe(0);
    expect(file.appendRows(halfRows(2, 3, 48))).toBe(2);
    expect(file.rowCount).toBe(5);
    expect([...file.readRows(1, 3)]).toEqual([...halfRows(1, 3, 48)]);
    expect(file.readRows(5, 0).length).toBe(0);
    file.close();
    file.close(); // closing twice is harmless
  });

  it('is a valid .npy with the current row count at every point', () => {
    const path = join(dir, 'f4.npy');
    const file = NpyRowFile.openOrCreate(path, { dtype: '<f4', rowShape: [2, 3] });
    expect(readNpyFile(path).shape).toEqual([0, 2, 3]);
    file.appendRows(Float32Array.of(1, 2, 3, 4, 5, 6));
    const afterOne = readNpyFile(path);
    expect(afterOne).toMatchObject({ dtype: '<f4', shape: [1, 2, 3] });
    expect([...afterOne.data]).toEqual([1, 2, 3, 4, 5, 6]);
    file.appendRows(Float32Array.of(7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18));
    file.close();
    const all = readNpyFile(path);
    expect(all.shape).toEqual([3, 2, 3]);
    expect([...all.data]).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    // The header keeps one fixed size, so its rewrites never move the data.
    expect(statSync(path).size).toBe(file.headerBytes + 3 * 24);
    expect(file.headerBytes % 64).toBe(0);
  });

  it('overwrites a row in place', () => {
    const path = join(dir, 'rewrite.npy');
    const file = NpyRowFile.openOrCreate(path, { dtype: '<f4', rowShape: [2] });
    file.appendRows(Float32Array.of(1, 2, 3, 4, 5, 6));
    file.writeRow(1, Float32Array.of(-3, -4));
    expect([...file.readRows(0, 3)]).toEqual([1, 2, -3, -4, 5, 6]);
    expect(file.rowCount).toBe(3);
    expect(() => file.writeRow(3, Float32Array.of(0, 0))).toThrow(/row 3 is out of range/);
    expect(() => file.writeRow(0, Float32Array.of(0, 0, 0, 0))).toThrow(/one row of 2 values/);
    file.close();
  });

  it('reopens an existing file and goes on appending', () => {
    const path = join(dir, 'reopen.npy');
    const first = NpyRowFile.openOrCreate(path, { dtype: '<f2', rowShape: [8] });
    first.appendRows(halfRows(0, 4, 8));
    first.close();
    const second = NpyRowFile.openOrCreate(path, { dtype: '<f2', rowShape: [8] });
    expect(second.rowCount).toBe(4);
    expect(second.appendRows(halfRows(4, 2, 8))).toBe(4);
    second.close();
    const back = readNpyFile(path);
    expect(back.shape).toEqual([6, 8]);
    expect([...back.data]).toEqual([...halfRows(0, 6, 8)]);
  });

  it('refuses to open with another dtype or row shape', () => {
    const path = join(dir, 'mismatch.npy');
    NpyRowFile.openOrCreate(path, { dtype: '<f2', rowShape: [64, 64, 3] }).close();
    expect(() => NpyRowFile.openOrCreate(path, { dtype: '<f4', rowShape: [64, 64, 3] })).toThrow(
      `${path} holds rows of <f2 (64, 64, 3), not <f4 (64, 64, 3)`,
    );
    expect(() => NpyRowFile.openOrCreate(path, { dtype: '<f2', rowShape: [32, 32, 3] })).toThrow(
      /not <f2 \(32, 32, 3\)/,
    );
    const other = join(dir, 'ints.npy');
    writeNpy(other, Int32Array.of(1, 2), [2, 1]);
    expect(() => NpyRowFile.openOrCreate(other, { dtype: '<f4', rowShape: [1] })).toThrow(/holds <i4/);
  });

  it('trims a partly written row after a crash mid-append', () => {
    const path = join(dir, 'crash.npy');
    const file = NpyRowFile.openOrCreate(path, { dtype: '<f4', rowShape: [3] });
    file.appendRows(Float32Array.of(1, 2, 3, 4, 5, 6));
    file.close();
    appendFileSync(path, Buffer.alloc(7, 0xff)); // a row that only got 7 of its 12 bytes
    const reopened = NpyRowFile.openOrCreate(path, { dtype: '<f4', rowShape: [3] });
    expect(reopened.rowCount).toBe(2);
    expect(statSync(path).size).toBe(reopened.headerBytes + 24);
    expect(reopened.appendRows(Float32Array.of(7, 8, 9))).toBe(2);
    expect([...reopened.readRows(0, 3)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    reopened.close();
  });

  it('drops rows the header never counted, and counts only rows that are on disk', () => {
    const path = join(dir, 'uncounted.npy');
    const file = NpyRowFile.openOrCreate(path, { dtype: '<f4', rowShape: [2] });
    file.appendRows(Float32Array.of(1, 2));
    file.close();
    // Data written but the count not yet rewritten: the row was never committed.
    appendFileSync(path, Buffer.from(Float32Array.of(3, 4).buffer));
    const reopened = NpyRowFile.openOrCreate(path, { dtype: '<f4', rowShape: [2] });
    expect(reopened.rowCount).toBe(1);
    reopened.appendRows(Float32Array.of(5, 6, 7, 8));
    reopened.close();
    // The file cut short below the count: only whole rows on disk remain.
    truncateSync(path, statSync(path).size - 5);
    const cut = NpyRowFile.openOrCreate(path, { dtype: '<f4', rowShape: [2] });
    expect(cut.rowCount).toBe(2);
    cut.close();
    expect(readNpyFile(path).shape).toEqual([2, 2]);
    expect([...readNpyFile(path).data]).toEqual([1, 2, 5, 6]);
  });

  it('opens read-only for streaming rows and refuses writes', () => {
    const path = join(dir, 'reader.npy');
    const writer = NpyRowFile.openOrCreate(path, { dtype: '<f2', rowShape: [2, 2] });
    writer.appendRows(halfRows(0, 10, 4));
    writer.close();
    const before = readFileSync(path);
    const reader = NpyRowFile.openReadOnly(path);
    expect(reader).toMatchObject({ dtype: '<f2', rowShape: [2, 2], rowCount: 10, readOnly: true });
    expect([...reader.readRows(8, 2)]).toEqual([...halfRows(8, 2, 4)]);
    expect(() => reader.readRows(9, 2)).toThrow(/out of range \(the file has 10\)/);
    expect(() => reader.appendRows(halfRows(0, 1, 4))).toThrow(/read-only/);
    reader.close();
    expect(() => reader.readRows(0, 1)).toThrow(/closed/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('checks the array type and whole rows on append', () => {
    const file = NpyRowFile.openOrCreate(join(dir, 'types.npy'), { dtype: '<f2', rowShape: [3] });
    expect(() => file.appendRows(Float32Array.of(1, 2, 3) as unknown as Uint16Array)).toThrow(
      /rows must be a Uint16Array/,
    );
    expect(() => file.appendRows(Uint16Array.of(1, 2))).toThrow(/not a whole number of rows of 3/);
    expect(file.rowCount).toBe(0);
    file.close();
  });
});

describe('readRowRuns', () => {
  const runsDir = useTempDir('serendip-row-runs-');

  it('returns the rows asked for, in their order, runs and repeats included', () => {
    const file = NpyRowFile.openOrCreate(join(runsDir(), 'rows.npy'), { dtype: '<f4', rowShape: [2] });
    for (let r = 0; r < 10; r++) file.appendRows(Float32Array.from([r, r + 0.5]));
    const rowsOf = (values: Float32Array) => Array.from({ length: values.length / 2 }, (_, k) => values[2 * k]);
    expect(rowsOf(readRowRuns(file, [3, 4, 5]))).toEqual([3, 4, 5]);
    expect(rowsOf(readRowRuns(file, [7, 2, 3, 4, 9, 9, 0]))).toEqual([7, 2, 3, 4, 9, 9, 0]);
    expect(Array.from(readRowRuns(file, Int32Array.from([8, 1])))).toEqual([8, 8.5, 1, 1.5]);
    expect(readRowRuns(file, [])).toHaveLength(0);
    expect(() => readRowRuns(file, [2, 10])).toThrow(RangeError);
    file.close();
  });
});
