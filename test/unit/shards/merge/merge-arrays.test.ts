import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeMergedRunArray, type ArrayPart } from '../../../../electron/core/shards/merge/merge-arrays.js';
import { MergeRefusal } from '../../../../electron/core/shards/merge/merge-input.js';
import { readNpyFile, writeNpy } from '../../../../electron/core/formats/arrays/npy.js';
import { useTempDir } from '../../../helpers/temp-dir.js';

const tempDir = useTempDir('serendip-merge-arrays-');
let dir: string;

beforeEach(() => {
  dir = tempDir();
});

/** A run's files in `dir`: row r of part `tag` holds tag * 1000 + r * columns + c. */
function writePart(runId: string, tag: number, ids: number[], rowShape: number[], idRows = ids.length): void {
  const columns = rowShape.reduce((a, b) => a * b, 1);
  const data = Float32Array.from({ length: ids.length * columns }, (_, k) => tag * 1000 + k);
  writeNpy(join(dir, `${runId}.npy`), data, [ids.length, ...rowShape]);
  const idValues = BigInt64Array.from({ length: idRows }, (_, r) => BigInt(ids[r] ?? 999));
  writeNpy(join(dir, `${runId}.ids.npy`), idValues, [idRows]);
}

function part(runId: string, idOffset: number, maxId: number, earlier = false): ArrayPart {
  return { label: runId, folder: dir, runId, idOffset, maxId, earlier };
}

describe('merged run arrays, a page at a time', () => {
  it('are the parts one after another, ids renumbered, whatever the page size', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, r) => r + 1);
    writePart('p1', 1, ids(11), [3]);
    writePart('p2', 2, ids(5), [3]);
    writePart('p3', 3, ids(8), [3]);
    const parts = [part('p1', 0, 11), part('p2', 11, 5), part('p3', 16, 8)];
    const expectedIds = [...ids(11), ...ids(5).map((i) => i + 11), ...ids(8).map((i) => i + 16)];
    const expectedData = [
      ...Array.from({ length: 33 }, (_, k) => 1000 + k),
      ...Array.from({ length: 15 }, (_, k) => 2000 + k),
      ...Array.from({ length: 24 }, (_, k) => 3000 + k),
    ];
    for (const pageValues of [1, 7, 1 << 20]) {
      const pending = writeMergedRunArray(dir, `merged-${pageValues}`, parts, { pageValues });
      expect(existsSync(join(dir, `merged-${pageValues}.npy`))).toBe(false);
      pending.publish();
      expect(pending).toMatchObject({ rows: 24, dropped: 0 });
      const data = readNpyFile(join(dir, `merged-${pageValues}.npy`));
      expect(data.shape).toEqual([24, 3]);
      expect([...data.data]).toEqual(expectedData);
      expect([...readNpyFile(join(dir, `merged-${pageValues}.ids.npy`)).data].map(Number)).toEqual(expectedIds);
    }
  });

  it('leave out rows whose id names no object, and keep scores one-dimensional', () => {
    writePart('s1', 1, [1, 7, 2, 0], []);
    writePart('s2', 2, [3, 1], []);
    const pending = writeMergedRunArray(dir, 'scores', [part('s1', 0, 2), part('s2', 2, 3)], { pageValues: 3 });
    pending.publish();
    expect(pending).toMatchObject({ rows: 4, dropped: 2 });
    const data = readNpyFile(join(dir, 'scores.npy'));
    expect(data.shape).toEqual([4]);
    expect([...data.data]).toEqual([1000, 1002, 2000, 2001]);
    expect([...readNpyFile(join(dir, 'scores.ids.npy')).data].map(Number)).toEqual([1, 2, 5, 3]);
  });

  it("read only the rows both of the target's files hold, after a merge killed between its two renames", () => {
    // The ids were replaced (3 rows), the data not yet (2 rows): the first two rows still agree.
    writePart('earlier', 1, [1, 2, 3], [2], 3);
    writeNpy(join(dir, 'earlier.npy'), Float32Array.from([10, 11, 20, 21]), [2, 2]);
    writePart('shard', 2, [1], [2]);
    const pending = writeMergedRunArray(dir, 'grown', [part('earlier', 0, 2, true), part('shard', 2, 1)]);
    pending.publish();
    expect([...readNpyFile(join(dir, 'grown.npy')).data]).toEqual([10, 11, 20, 21, 2000, 2001]);
    expect([...readNpyFile(join(dir, 'grown.ids.npy')).data].map(Number)).toEqual([1, 2, 3]);
    // A shard's files must agree.
    writePart('torn', 3, [1, 2], [2], 1);
    expect(() => writeMergedRunArray(dir, 'x', [part('torn', 0, 2)])).toThrow('torn: run torn has 1 ids for 2 rows');
  });

  it('refuse parts of different widths, and leave no temporary file behind', () => {
    writePart('w2', 1, [1], [2]);
    writePart('w3', 2, [1], [3]);
    expect(() => writeMergedRunArray(dir, 'bad', [part('w2', 0, 1), part('w3', 1, 1)])).toThrow(MergeRefusal);
    writePart('ok', 1, [1], [2]);
    writeMergedRunArray(dir, 'dropped', [part('ok', 0, 1)]).discard();
    expect(readdirSync(dir).filter((n) => n.startsWith('.') || n.startsWith('bad') || n.startsWith('dropped'))).toEqual(
      [],
    );
  });
});
