import { existsSync, readdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { NpyPageWriter, openNpyPages } from '../../../../electron/core/formats/arrays/npy-pages.js';
import { readNpyFile, writeNpy } from '../../../../electron/core/formats/arrays/npy.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-npy-pages-');
let dir: string;

beforeEach(() => {
  dir = tempDir();
});

describe('.npy pages', () => {
  it('read any run of rows of a file numpy wrote', () => {
    const path = join(dir, 'a.npy');
    writeNpy(
      path,
      Float32Array.from({ length: 12 }, (_, k) => k),
      [4, 3],
    );
    const pages = openNpyPages(path);
    expect(pages).toMatchObject({ dtype: '<f4', shape: [4, 3], rows: 4, rowLength: 3 });
    expect([...pages.read(1, 2)]).toEqual([3, 4, 5, 6, 7, 8]);
    expect(pages.read(4, 0).length).toBe(0);
    expect(() => pages.read(3, 2)).toThrow(RangeError);
    pages.close();
    const ids = join(dir, 'ids.npy');
    writeNpy(ids, BigInt64Array.from([5n, 6n, 7n]), [3]);
    const idPages = openNpyPages(ids);
    expect([...idPages.read(1, 2)]).toEqual([6n, 7n]);
    idPages.close();
  });

  it('refuse a file shorter than its header says', () => {
    const path = join(dir, 'short.npy');
    writeNpy(path, new Float32Array(8), [8]);
    truncateSync(path, 64 + 20);
    expect(() => openNpyPages(path)).toThrow(/is truncated/);
  });

  it('write rows page by page into a file that appears whole, only when published', () => {
    const path = join(dir, 'out.npy');
    const writer = NpyPageWriter.create(path, '<f4', [2]);
    writer.append(Float32Array.from([1, 2, 3, 4]));
    writer.append(Float32Array.from([5, 6]));
    expect(() => writer.append(Float32Array.from([7]))).toThrow(RangeError);
    expect(() => writer.append(new Float64Array(2))).toThrow(/cannot be appended/);
    writer.finish();
    expect(existsSync(path)).toBe(false);
    writer.publish();
    const read = readNpyFile(path);
    expect(read.shape).toEqual([3, 2]);
    expect([...read.data]).toEqual([1, 2, 3, 4, 5, 6]);

    const scores = NpyPageWriter.create(join(dir, 'scores.npy'), '<i8', []);
    scores.append(BigInt64Array.from([9n]));
    scores.finish();
    scores.publish();
    expect(readNpyFile(join(dir, 'scores.npy'))).toMatchObject({ shape: [1], dtype: '<i8' });

    const dropped = NpyPageWriter.create(join(dir, 'dropped.npy'), '<f4', [1]);
    dropped.append(Float32Array.from([1]));
    dropped.discard();
    expect(readdirSync(dir).sort()).toEqual(['out.npy', 'scores.npy']);
  });
});
