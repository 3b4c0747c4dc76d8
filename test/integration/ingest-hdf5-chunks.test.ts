// A many-object HDF5 file is ingested a slice at a time: each slice's objects are committed
// before the next slice is read, so memory does not grow with the file. The file's row keeps
// an 'incomplete' mtime until its last slice lands, so an ingest stopped part-way reads the
// file again next time and ends with every row once: no duplicates, nothing missing.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestPaths } from '../../electron/core/ingest/ingest-files.js';
import { countObjects, findObjectByName } from '../../electron/core/workspace/repositories/objects-repo.js';
import { findSourceFile } from '../../electron/core/workspace/repositories/source-files-repo.js';
import { Workspace } from '../../electron/core/workspace/workspace.js';
import { writeHdf5 } from '../../electron/core/formats/hdf5/file.js';
import { writeGalaxy10Like } from '../fixtures/hdf5/cutout-fixture.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();
const ROWS = 40;
const SIDE = 16;
/** Eight rows of 16 × 16 × 3 uint8 per slice: five slices. */
const SLICE_BYTES = 8 * SIDE * SIDE * 3;

async function collection(): Promise<{ data: string; workspace: Workspace }> {
  const data = join(tempDir(), 'data');
  mkdirSync(data);
  await writeGalaxy10Like(join(data, 'galaxy10.h5'), ROWS, SIDE);
  return { data, workspace: Workspace.open(join(tempDir(), 'ws'), { create: true }) };
}

describe('ingest of a many-object HDF5 file, slice by slice', () => {
  it('commits each slice as it is read, and reports progress within the file', async () => {
    const { data, workspace } = await collection();
    try {
      const seen: number[] = [];
      const fileProgress: string[] = [];
      const summary = await ingestPaths(workspace, [data], {
        sliceBytes: SLICE_BYTES,
        onProgress: (p) => {
          seen.push(countObjects(workspace.db).objects);
          if (p.file) fileProgress.push(`${p.file.read}/${p.file.total}`);
        },
      });
      expect(summary).toMatchObject({ added: 1, failed: 0, total: 1 });
      expect(countObjects(workspace.db).objects).toBe(ROWS);
      // Four slices committed before the last one (committed with the file's batch).
      expect(seen).toEqual([8, 16, 24, 32, 40]);
      expect(fileProgress).toEqual(['8/40', '16/40', '24/40', '32/40']);
      const file = findSourceFile(workspace.db, workspace.storedPath(join(data, 'galaxy10.h5')));
      expect(file?.mtime_ms).toBeGreaterThan(0);
      expect(findObjectByName(workspace.db, 'G10-039')?.item_index).toBe(39);
    } finally {
      workspace.close();
    }
  });

  it('reads a file stopped part-way again, ending with every row once', async () => {
    const { data, workspace } = await collection();
    try {
      const stop = new AbortController();
      const stopped = ingestPaths(workspace, [data], {
        sliceBytes: SLICE_BYTES,
        signal: stop.signal,
        onProgress: () => {
          if (countObjects(workspace.db).objects >= 16) stop.abort();
        },
      });
      await expect(stopped).rejects.toThrow();
      const partial = countObjects(workspace.db).objects;
      expect(partial).toBeGreaterThanOrEqual(16);
      expect(partial).toBeLessThan(ROWS);
      // Not marked as read: the next ingest must not skip it.
      expect(findSourceFile(workspace.db, workspace.storedPath(join(data, 'galaxy10.h5')))?.mtime_ms).toBe(-1);

      const again = await ingestPaths(workspace, [data], { sliceBytes: SLICE_BYTES });
      expect(again.skipped).toBe(0);
      expect(countObjects(workspace.db).objects).toBe(ROWS);
      const names = workspace.db.prepare('SELECT name FROM objects ORDER BY item_index').pluck().all();
      expect(new Set(names).size).toBe(ROWS);
      expect((await ingestPaths(workspace, [data], { sliceBytes: SLICE_BYTES })).skipped).toBe(1);
    } finally {
      workspace.close();
    }
  });

  it('keeps the slices committed before a damaged one, records why, and reads the file again next time', async () => {
    const { data, workspace } = await collection();
    try {
      const path = join(data, 'damaged.h5');
      const pixels = Uint8Array.from({ length: ROWS * SIDE * SIDE * 3 }, (_, i) => (i * 7 + (i >> 9)) % 251);
      const write = () =>
        writeHdf5(path, (file) => {
          file.create_dataset({
            name: 'images',
            data: pixels,
            shape: [ROWS, SIDE, SIDE, 3],
            dtype: '<B',
            chunks: [8, SIDE, SIDE, 3],
            compression: 'gzip',
            compression_opts: 4,
          });
        });
      await write();
      // Damage the last stored chunk (rows 32-39): found by compressing its rows the same way.
      const bytes = readFileSync(path);
      const lastChunk = deflateSync(pixels.subarray(32 * SIDE * SIDE * 3), { level: 4 });
      const at = bytes.indexOf(lastChunk.subarray(0, 32));
      expect(at).toBeGreaterThan(0);
      for (let i = at + 40; i < at + 80; i++) bytes[i] ^= 0x5a;
      writeFileSync(path, bytes);

      const first = await ingestPaths(workspace, [path], { sliceBytes: SLICE_BYTES });
      expect(first.failed).toBe(1);
      expect(first.errors[0].reason).toMatch(/rows 32/);
      expect(countObjects(workspace.db).objects).toBe(32);
      expect(findSourceFile(workspace.db, workspace.storedPath(path))?.mtime_ms).toBe(-1);

      await write(); // the file is replaced by a good copy
      const second = await ingestPaths(workspace, [path], { sliceBytes: SLICE_BYTES });
      expect(second).toMatchObject({ failed: 0, skipped: 0 });
      expect(countObjects(workspace.db).objects).toBe(ROWS);
      expect(workspace.db.prepare('SELECT count(DISTINCT item_index) FROM objects').pluck().get()).toBe(ROWS);
    } finally {
      workspace.close();
    }
  });
});
