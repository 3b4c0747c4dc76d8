// The map's colours and legends: categories counted per value with one palette colour each,
// a continuous column on a robust range with round ticks in its own units.
import { describe, expect, it } from 'vitest';
import {
  CATEGORY_COLOURS,
  MISSING,
  colourByCodes,
  colourByLabels,
  colourByScale,
  ratingGrey,
  rampColour,
} from '../../../renderer/src/state/colour-scale.js';
import { NO_RATING } from '../../../electron/core/api/view-types.js';
import { colourBarTicks, colourRange, formatTick } from '../../../renderer/src/state/colour-bar.js';

const rgbAt = (colours: Uint8Array, i: number) => [...colours.subarray(4 * i, 4 * i + 3)];

describe('colourByCodes', () => {
  it('lists each present value with its count and the points in that colour', () => {
    const codes = Uint16Array.from([1, 2, 2, 1, 2, 2, 2]);
    const { colours, legend } = colourByCodes(codes, ['0', '1'], 'is_anomaly', 'missing');
    expect(legend).toEqual({
      kind: 'categories',
      title: 'is_anomaly',
      entries: [
        { name: '0', colour: CATEGORY_COLOURS[0], count: 2 },
        { name: '1', colour: CATEGORY_COLOURS[1], count: 5 },
      ],
    });
    expect(rgbAt(colours, 0)).toEqual(CATEGORY_COLOURS[0]);
    expect(rgbAt(colours, 1)).toEqual(CATEGORY_COLOURS[1]);
    expect(new Set(Array.from({ length: 7 }, (_, i) => rgbAt(colours, i).join())).size).toBe(2);
  });

  it('puts the missing last, only when some point misses a value, and drops absent values', () => {
    const { colours, legend } = colourByCodes(Uint8Array.from([0, 3, 0]), ['a', 'b', 'c'], 'type', 'missing');
    expect(legend.kind === 'categories' && legend.entries.map((e) => [e.name, e.count])).toEqual([
      ['c', 1],
      ['missing', 2],
    ]);
    expect([...colours.subarray(0, 4)]).toEqual(MISSING);
  });

  it('has a distinct colour for each of 12 categories', () => {
    expect(new Set(CATEGORY_COLOURS.map((c) => c.join())).size).toBe(12);
    expect(CATEGORY_COLOURS.some((c) => c.join() === MISSING.slice(0, 3).join())).toBe(false);
  });
});

describe('colourByLabels', () => {
  it('draws objects rated without a label in a neutral grey by relevance, counted apart, not as a label', () => {
    const N = NO_RATING;
    // Rows: lens, unlabelled, rated 0, rated 5, unlabelled; a label's own relevance changes nothing.
    const codes = Uint8Array.from([1, 0, 0, 0, 0]);
    const ratings = Uint8Array.from([N, N, 0, 5, N]);
    const { colours, legend } = colourByLabels(codes, ['lens'], ratings);
    expect(rgbAt(colours, 0)).toEqual(CATEGORY_COLOURS[0]);
    expect([...colours.subarray(4, 8)]).toEqual(MISSING);
    expect(rgbAt(colours, 2)).toEqual([130, 130, 130]);
    expect(rgbAt(colours, 3)).toEqual([245, 245, 245]);
    expect(ratingGrey(0)).toEqual([130, 130, 130]);
    expect(legend.kind === 'categories' && legend.entries.map((e) => [e.name, e.count])).toEqual([
      ['lens', 1],
      ['rated, no label (grey: 0 dark … 5 light)', 2],
      ['none', 2],
    ]);
  });

  it('is the label categories alone when nothing is rated without a label', () => {
    const codes = Uint8Array.from([1, 0]);
    expect(colourByLabels(codes, ['lens'], Uint8Array.from([3, NO_RATING]))).toEqual(
      colourByCodes(codes, ['lens'], 'label'),
    );
  });
});

describe('colourRange', () => {
  it('spans the 2% and 98% quantiles, so a sentinel does not squash the rest', () => {
    const values = Float32Array.from({ length: 101 }, (_, i) => i);
    values[0] = -9999;
    values[5] = NaN;
    // 100 finite values: the 2% quantile is sorted[round(0.02 * 99)] = sorted[2] = 2 (after -9999 and 1).
    expect(colourRange(values)).toEqual({ lo: 2, hi: 98, clipped: true, missing: 1 });
  });

  it('uses the whole range when most values are equal, and null when none is finite', () => {
    const spike = Float32Array.from([...Array(99).fill(1), 5]);
    expect(colourRange(spike)).toEqual({ lo: 1, hi: 5, clipped: false, missing: 0 });
    expect(colourRange(Float32Array.from([NaN, NaN]))).toBeNull();
  });
});

describe('colourBarTicks', () => {
  it('puts round values in the column units along the bar', () => {
    expect(colourBarTicks(0.013, 0.97).map((t) => t.label)).toEqual(['0.2', '0.4', '0.6', '0.8']);
    const ticks = colourBarTicks(-1.5, 2.5);
    expect(ticks.map((t) => t.value)).toEqual([-1, 0, 1, 2]);
    expect(ticks.map((t) => t.at)).toEqual([0.125, 0.375, 0.625, 0.875]);
    expect(colourBarTicks(14, 26).map((t) => t.label)).toEqual(['14', '16', '18', '20', '22', '24', '26']);
  });

  it('writes very large and very small values in exponent form', () => {
    expect(formatTick(2e7, 1e7)).toBe('2e+7');
    expect(formatTick(0.00003, 0.00001)).toBe('3e-5');
    expect(formatTick(1500, 500)).toBe('1500');
  });
});

describe('colourByScale', () => {
  it('colours linearly between the ends, clamps beyond them and greys the missing', () => {
    const values = Float32Array.from([...Array.from({ length: 99 }, (_, i) => i / 98), 1000, NaN]);
    const { colours, legend } = colourByScale(values, 'z');
    expect(legend).toMatchObject({ kind: 'colourbar', title: 'z', clipped: true, missing: 1 });
    if (legend.kind !== 'colourbar') throw new Error('not a colour bar');
    expect(rgbAt(colours, 99)).toEqual(rampColour(1));
    expect(rgbAt(colours, 0)).toEqual(rampColour(0));
    expect(rgbAt(colours, 49)).toEqual(rampColour((49 / 98 - legend.lo) / (legend.hi - legend.lo)));
    expect([...colours.subarray(400, 404)]).toEqual(MISSING);
  });
});
