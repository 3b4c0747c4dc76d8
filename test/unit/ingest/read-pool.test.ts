// The read pool decodes on worker threads exactly what the calling thread would: the same
// objects, inputs bit for bit, thumbnails as Buffers; a file's error comes back as its
// reason; a long HDF5 file is handed over slice by slice and can be stopped part-way.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_READ_OPTIONS, type ItemChunk } from '../../../electron/core/ingest/ingested-item.js';
import { openReadPool, readWorkerScript, type ReadPool } from '../../../electron/core/ingest/read-pool.js';
import { writeGalaxy10Like } from '../../fixtures/hdf5/cutout-fixture.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir();
const pools: ReadPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

function pool(threads: number): ReadPool {
  const opened = openReadPool(threads);
  pools.push(opened);
  return opened;
}

async function all(chunks: AsyncIterator<ItemChunk>): Promise<ItemChunk[]> {
  const out: ItemChunk[] = [];
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) out.push(next.value);
  return out;
}

describe.skipIf(readWorkerScript() === null)('read pool', () => {
  it('reads on a worker exactly what this thread reads', async () => {
    const path = join(tempDir(), 'g10.h5');
    await writeGalaxy10Like(path, 6, 24);
    const threaded = pool(2);
    expect(threaded.threads).toBe(2);
    const [there, here] = await Promise.all([
      all(threaded.read(path, 'hdf5', DEFAULT_READ_OPTIONS)),
      all(pool(0).read(path, 'hdf5', DEFAULT_READ_OPTIONS)),
    ]);
    const items = (chunks: ItemChunk[]) => chunks.flatMap((c) => c.items);
    expect(items(there).map((i) => i.nameHint)).toEqual(items(here).map((i) => i.nameHint));
    items(there).forEach((item, i) => {
      expect(Buffer.isBuffer(item.thumbnail)).toBe(true);
      expect(item.thumbnail.equals(items(here)[i].thumbnail)).toBe(true);
      expect(Array.from(item.modelInput!)).toEqual(Array.from(items(here)[i].modelInput!));
      expect(item.metadata).toEqual(items(here)[i].metadata);
    });
  });

  it("gives a file's error as its reason", async () => {
    const path = join(tempDir(), 'broken.fits');
    writeFileSync(path, 'SIMPLE  = this is not FITS');
    await expect(all(pool(1).read(path, 'fits', DEFAULT_READ_OPTIONS))).rejects.toThrow(/FITS|header|END/i);
  });

  it('hands over a long file slice by slice, and stops when told', async () => {
    const path = join(tempDir(), 'long.h5');
    await writeGalaxy10Like(path, 30, 16);
    const reader = pool(1);
    const options = { ...DEFAULT_READ_OPTIONS, sliceBytes: 5 * 16 * 16 * 3 };
    expect((await all(reader.read(path, 'hdf5', options))).map((c) => c.read)).toEqual([5, 10, 15, 20, 25, 30]);
    const partial = reader.read(path, 'hdf5', options);
    expect((await partial.next()).value?.read).toBe(5);
    await partial.return?.();
    expect((await partial.next()).done).toBe(true);
    // The worker is free for the next file.
    expect((await all(reader.read(path, 'hdf5', options))).length).toBe(6);
  });
});
