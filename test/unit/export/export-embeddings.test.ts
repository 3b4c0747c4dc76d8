// embeddings.npy streamed from a run's files: row i is table row i's embedding, NaN where the run
// lacks the object, whether the run lists objects in the table's order or another, across pages.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readNpyFile } from '../../../electron/core/formats/arrays/npy.js';
import { saveRunArray } from '../../../electron/core/discovery/run-arrays.js';
import { writeEmbeddingRows } from '../../../electron/core/export/export-embeddings.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-export-embeddings-');

/** A run of 2-wide rows whose row for object id is [id, −id]. */
async function runOf(folder: string, runIds: number[]): Promise<void> {
  mkdirSync(folder, { recursive: true });
  await saveRunArray(folder, 'run1', {
    data: Float32Array.from(runIds.flatMap((id) => [id, -id])),
    rows: runIds.length,
    columns: 2,
    ids: Float64Array.from(runIds),
  });
}

function expectedRows(tableIds: number[], runIds: number[]): number[] {
  return tableIds.flatMap((id) => (runIds.includes(id) ? [id, -id] : [NaN, NaN]));
}

describe('writeEmbeddingRows', () => {
  const tableIds = [1, 2, 3, 5, 8, 9, 10, 11, 12];
  const orders = {
    'the table order, with gaps': [2, 3, 4, 5, 6, 7, 8, 11, 12, 13],
    'another order': [12, 3, 2, 13, 8, 5, 11, 4],
  };
  for (const [order, runIds] of Object.entries(orders)) {
    it(`puts each object's row at its table row (run in ${order})`, async () => {
      const dir = tempDir();
      await runOf(join(dir, 'embeddings'), runIds);
      for (const pageValues of [2, 6, 1 << 21]) {
        const out = join(dir, `out-${pageValues}.npy`);
        expect(await writeEmbeddingRows(join(dir, 'embeddings'), 'run1', tableIds, out, { pageValues })).toBe(2);
        const written = readNpyFile(out);
        expect(written.shape).toEqual([tableIds.length, 2]);
        expect(Array.from(written.data as Float32Array)).toEqual(expectedRows(tableIds, runIds));
      }
    });
  }

  it('writes an empty table as 0 rows', async () => {
    const dir = tempDir();
    await runOf(join(dir, 'embeddings'), [1, 2]);
    await writeEmbeddingRows(join(dir, 'embeddings'), 'run1', [], join(dir, 'out.npy'));
    expect(readNpyFile(join(dir, 'out.npy')).shape).toEqual([0, 2]);
  });

  it('says when the run files are missing', async () => {
    const dir = tempDir();
    await expect(writeEmbeddingRows(dir, 'gone', [1], join(dir, 'out.npy'))).rejects.toThrow(
      /files of run gone are missing/,
    );
  });
});
