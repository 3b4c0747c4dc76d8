// The map's filter as a brush recomputes it: the incremental mask (same answer as the whole mask,
// its base reused only while nothing but the brushed range changes) and the shown points
// gathered for deck.gl, on rows with known answers.
import { describe, expect, it } from 'vitest';
import { filterMask, NO_FILTER, withRange, type FilterInputs } from '../../../electron/core/api/map-filter.js';
import { gatherShown, IncrementalMask, ShownPointsGatherer } from '../../../electron/core/api/map-filter-points.js';

const inputs: FilterInputs = {
  count: 5,
  columns: new Map([
    ['score', Float32Array.from([0.1, 0.4, 0.6, 0.9, NaN])],
    ['meta:z', Float32Array.from([5, 4, 3, 2, 1])],
  ]),
  labelCode: Uint8Array.from([0, 1, 0, 0, 1]),
  labelNames: ['lens'],
  nameRows: null,
};

describe('IncrementalMask', () => {
  it('gives the whole mask while a range is brushed and after another part changes', () => {
    const masker = new IncrementalMask();
    const base = withRange(NO_FILTER, 'meta:z', { min: 2, max: 5 });
    const steps = [
      withRange(base, 'score', { min: 0, max: 1 }),
      withRange(base, 'score', { min: 0.3, max: 0.7 }),
      // another part changes under the same brush: the base is recomputed
      { ...withRange(base, 'score', { min: 0.3, max: 0.7 }), labels: { show: 'unlabelled' as const, names: [] } },
      withRange(withRange(base, 'score', { min: 0, max: 1 }), 'meta:z', { min: 3, max: 5 }),
    ];
    const answers = steps.map((f) => [...masker.compute(f, inputs)]);
    expect(answers).toEqual([
      [1, 1, 1, 1, 0],
      [0, 1, 1, 0, 0],
      [0, 0, 1, 0, 0],
      [1, 1, 1, 0, 0],
    ]);
    steps.forEach((f, k) => expect(answers[k]).toEqual([...filterMask(f, inputs)]));
  });
});

describe('gatherShown', () => {
  it('keeps the shown rows, their positions and colours, in row order', () => {
    const map = { x: Float32Array.from([0, 1, 2, 3]), y: Float32Array.from([10, 11, 12, 13]) };
    const colours = Uint8Array.from({ length: 16 }, (_, i) => i);
    const shown = gatherShown(Uint8Array.from([0, 1, 0, 1]), map, colours);
    expect(shown.count).toBe(2);
    expect([...shown.rows]).toEqual([1, 3]);
    expect([...shown.positions]).toEqual([1, 11, 3, 13]);
    expect([...shown.x]).toEqual([1, 3]);
    expect([...shown.y]).toEqual([11, 13]);
    expect([...shown.colours]).toEqual([4, 5, 6, 7, 12, 13, 14, 15]);
  });
});

describe('buffers kept between brush moves', () => {
  it('leave the previous answer intact while the next is written, and answer as fresh arrays would', () => {
    const masker = new IncrementalMask();
    const gatherer = new ShownPointsGatherer();
    const map = { x: Float32Array.from([0, 1, 2, 3, 4]), y: Float32Array.from([10, 11, 12, 13, 14]) };
    const colours = Uint8Array.from({ length: 20 }, (_, i) => i);
    const wide = masker.compute(withRange(NO_FILTER, 'score', { min: 0, max: 1 }), inputs);
    const wideShown = gatherer.gather(wide, map, colours);
    const narrow = masker.compute(withRange(NO_FILTER, 'score', { min: 0.3, max: 0.7 }), inputs);
    const narrowShown = gatherer.gather(narrow, map, colours);
    expect(narrow).not.toBe(wide);
    expect([...wide]).toEqual([1, 1, 1, 1, 0]);
    expect([...wideShown.rows]).toEqual([0, 1, 2, 3]);
    expect([...narrowShown.rows]).toEqual([1, 2]);
    expect([...narrowShown.colours]).toEqual([...gatherShown(narrow, map, colours).colours]);
    // The third move reuses the first move's buffers: a new answer, in the old place.
    const third = masker.compute(withRange(NO_FILTER, 'score', { min: 0.5, max: 1 }), inputs);
    expect(third).toBe(wide);
    expect([...third]).toEqual([0, 0, 1, 1, 0]);
    expect([...gatherer.gather(third, map, colours).positions]).toEqual([2, 12, 3, 13]);
  });
});
