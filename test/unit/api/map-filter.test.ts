// The one filter function the map and the queue share: known answers on six rows for each part
// (ranges, label filter, name matches), their combination, and the brush's shortcut (a base
// mask without one column, narrowed by applyRange) agreeing with the whole mask.
import { describe, expect, it } from 'vitest';
import {
  applyRange,
  countShown,
  describeFilter,
  filterMask,
  isFilterActive,
  NO_FILTER,
  withRange,
  type FilterInputs,
  type MapFilter,
} from '../../../electron/core/api/map-filter.js';

const inputs: FilterInputs = {
  count: 6,
  columns: new Map([
    ['score', Float32Array.from([0.1, 0.5, 0.9, NaN, 0.3, 0.7])],
    ['meta:z', Float32Array.from([1, 2, 3, 4, 5, 6])],
  ]),
  // rows 1 and 2 are "lens", row 4 "ring"
  labelCode: Uint8Array.from([0, 1, 1, 0, 2, 0]),
  labelNames: ['lens', 'ring'],
  nameRows: Uint8Array.from([1, 1, 0, 1, 0, 1]),
};
const rows = (mask: Uint8Array) => [...mask.keys()].filter((i) => mask[i]);
const filter = (f: Partial<MapFilter>): MapFilter => ({ ...NO_FILTER, ...f });

describe('filterMask', () => {
  it('lets every row through with no filter', () => {
    expect(rows(filterMask(NO_FILTER, inputs))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(isFilterActive(NO_FILTER)).toBe(false);
  });

  it('keeps rows inside a range, bounds included, and drops missing values', () => {
    expect(rows(filterMask(filter({ ranges: [{ column: 'score', min: 0.3, max: 0.7 }] }), inputs))).toEqual([1, 4, 5]);
    // NaN (row 3) fails even the widest range
    expect(rows(filterMask(filter({ ranges: [{ column: 'score', min: -1e9, max: 1e9 }] }), inputs))).toEqual([
      0, 1, 2, 4, 5,
    ]);
  });

  it('lets nothing through a range on a column it does not have', () => {
    expect(countShown(filterMask(filter({ ranges: [{ column: 'meta:none', min: 0, max: 1 }] }), inputs))).toBe(0);
  });

  it('shows labelled, labelled by name, or unlabelled rows', () => {
    const labels = (show: MapFilter['labels']['show'], names: string[] = []) =>
      rows(filterMask(filter({ labels: { show, names } }), inputs));
    expect(labels('labelled')).toEqual([1, 2, 4]);
    expect(labels('labelled', ['ring'])).toEqual([4]);
    expect(labels('unlabelled')).toEqual([0, 3, 5]);
  });

  it('applies the name matches only when the filter has a name', () => {
    expect(rows(filterMask(filter({ name: 'J10' }), inputs))).toEqual([0, 1, 3, 5]);
    expect(rows(filterMask(filter({ name: '  ' }), inputs))).toEqual([0, 1, 2, 3, 4, 5]);
    expect(countShown(filterMask(filter({ name: 'J10' }), { ...inputs, nameRows: null }))).toBe(0);
  });

  it('combines ranges, labels and name: every part must hold', () => {
    const all = filter({
      ranges: [
        { column: 'score', min: 0, max: 0.8 },
        { column: 'meta:z', min: 2, max: 6 },
      ],
      labels: { show: 'unlabelled', names: [] },
      name: 'x',
    });
    // score ≤ 0.8: 0,1,4,5; z ≥ 2: 1,4,5; unlabelled: 5; name: 5
    expect(rows(filterMask(all, inputs))).toEqual([5]);
    expect(describeFilter(all)).toBe('score 0–0.800 · z 2–6 · unlabelled · name ~ "x"');
  });

  it('narrows a base mask without the brushed column to the same answer as the whole mask', () => {
    const base = filter({ ranges: [{ column: 'meta:z', min: 1, max: 5 }], labels: { show: 'all', names: [] } });
    for (const [min, max] of [
      [0, 1],
      [0.2, 0.6],
      [0.5, 0.95],
    ]) {
      const brushed = withRange(base, 'score', { min, max });
      const without = filterMask(brushed, inputs, undefined, 'score');
      expect(rows(applyRange(without, inputs.columns.get('score')!, min, max))).toEqual(
        rows(filterMask(brushed, inputs)),
      );
    }
    expect(withRange(withRange(base, 'score', { min: 0, max: 1 }), 'score', null)).toEqual(base);
  });

  it('writes into the mask it is given when the size fits', () => {
    const out = new Uint8Array(6);
    expect(filterMask(filter({ labels: { show: 'labelled', names: [] } }), inputs, out)).toBe(out);
    expect([...out]).toEqual([0, 1, 1, 0, 1, 0]);
  });
});
