// Shards by bytes: consecutive files, a collection split by rows where a boundary falls in it,
// every row in exactly one shard. A sample's indices are distinct, sorted and repeatable, and
// become the units that read exactly those objects.
import { describe, expect, it } from 'vitest';
import { splitByBytes, unitBytes } from '../../../electron/core/shards/plan/make-plan.js';
import { sampleIndices, unitsForSample } from '../../../electron/core/shards/sample-plan.js';
import type { PlanUnit } from '../../../electron/core/shards/plan/plan-file.js';

function file(path: string, size: number, rows: number | null = null) {
  return { path, size, mtime: 1, format: rows === null ? ('png' as const) : ('hdf5' as const), explicit: false, rows };
}

const named = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `n${i}`, fileNames: false }));

describe('splitByBytes', () => {
  it('gives each shard about the same bytes from consecutive files', () => {
    const files = Array.from({ length: 12 }, (_, i) => file(`/f${i}.png`, 100));
    const shards = splitByBytes(files, named(12), 4);
    expect(shards.map((s) => s.map((u) => u.path))).toEqual([
      ['/f0.png', '/f1.png', '/f2.png'],
      ['/f3.png', '/f4.png', '/f5.png'],
      ['/f6.png', '/f7.png', '/f8.png'],
      ['/f9.png', '/f10.png', '/f11.png'],
    ]);
  });

  it('splits a large collection by rows, each row in one shard', () => {
    const files = [file('/small.png', 100), file('/big.h5', 900, 90)];
    const shards = splitByBytes(files, named(2), 4);
    const ranges = shards.flatMap((s) => s.filter((u) => u.path === '/big.h5').map((u) => u.rows));
    expect(ranges).toEqual([
      [0, 15],
      [15, 40],
      [40, 65],
      [65, 90],
    ]);
    expect(shards.map((s) => s.reduce((sum, u) => sum + unitBytes(u), 0))).toEqual([250, 250, 250, 250]);
    for (const unit of shards.flat().filter((u) => u.path === '/big.h5')) expect(unit.file_rows).toBe(90);
  });

  it('keeps a collection whole when it falls in one shard, and leaves extra shards empty', () => {
    const shards = splitByBytes([file('/a.h5', 10, 5), file('/b.png', 1000)], named(2), 2);
    expect(shards.map((s) => s.map((u) => [u.path, u.rows]))).toEqual([
      [['/a.h5', undefined]],
      [['/b.png', undefined]],
    ]);
    expect(splitByBytes([file('/only.png', 10)], named(1), 3).map((s) => s.length)).toEqual([0, 1, 0]);
  });
});

describe('sampleIndices', () => {
  it('draws distinct sorted indices, the same for the same seed', () => {
    const a = sampleIndices(1000, 50, 7);
    expect(a).toHaveLength(50);
    expect(new Set(a).size).toBe(50);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(a.every((i) => i >= 0 && i < 1000)).toBe(true);
    expect(sampleIndices(1000, 50, 7)).toEqual(a);
    expect(sampleIndices(1000, 50, 8)).not.toEqual(a);
    expect(sampleIndices(10, 50, 1)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('unitsForSample', () => {
  const unit = (path: string, objects: number, extra: Partial<PlanUnit> = {}): PlanUnit => ({
    path,
    size: 1,
    mtime_ms: 1,
    format: 'hdf5',
    explicit: false,
    objects,
    name: path,
    ...extra,
  });

  it('reads single files whole and collections by runs of the chosen rows', () => {
    const units = [
      unit('/a.png', 1, { format: 'png' }),
      unit('/b.h5', 10, { file_rows: 10 }),
      unit('/c.h5', 5, { file_rows: 20, rows: [15, 20] }),
    ];
    // 0 → a; 1..10 → b rows 0..9; 11..15 → c rows 15..19.
    const picked = unitsForSample(units, [0, 2, 3, 4, 9, 12, 13]);
    expect(picked.map((u) => [u.path, u.rows])).toEqual([
      ['/a.png', undefined],
      ['/b.h5', [1, 4]],
      ['/b.h5', [8, 9]],
      ['/c.h5', [16, 18]],
    ]);
    expect(picked[1].naming).toEqual({ kind: 'planned', base: '/b.h5', fileNames: false, many: true });
  });
});
