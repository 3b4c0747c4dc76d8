import { describe, expect, it } from 'vitest';
import {
  defaultStretch,
  percentile,
  renderStretched,
  sortedSample,
  stretchValue,
  zscaleLimits,
} from '../../../renderer/src/state/stretch.js';

describe('stretches', () => {
  it('takes percentiles of finite values only', () => {
    const sorted = sortedSample(Float32Array.from([5, NaN, 1, 3, Infinity, 2, 4]));
    expect([...sorted]).toEqual([1, 2, 3, 4, 5]);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile(sorted, 50)).toBe(3);
    expect(percentile(sorted, 100)).toBe(5);
    expect(percentile(sorted, 25)).toBe(2);
  });

  it('maps the limits to 0 and 1 and bends the middle as each curve should', () => {
    for (const kind of ['linear', 'sqrt', 'log', 'asinh'] as const) {
      expect(stretchValue(-1, 0, 10, kind)).toBe(0);
      expect(stretchValue(10, 0, 10, kind)).toBeCloseTo(1, 6);
    }
    expect(stretchValue(2.5, 0, 10, 'linear')).toBeCloseTo(0.25);
    expect(stretchValue(2.5, 0, 10, 'sqrt')).toBeCloseTo(0.5);
    // Compressive curves lift faint values above linear.
    expect(stretchValue(1, 0, 10, 'log')).toBeGreaterThan(stretchValue(1, 0, 10, 'sqrt'));
    expect(stretchValue(1, 0, 10, 'asinh')).toBeGreaterThan(0.1);
  });

  it('zscale ignores a few bright stars that a min/max stretch would follow', () => {
    const sky = Float32Array.from({ length: 10_000 }, (_, i) => 100 + ((i * 7919) % 101) / 10);
    for (let i = 0; i < 20; i++) sky[i * 500] = 50_000;
    const [lo, hi] = zscaleLimits(sortedSample(sky));
    expect(lo).toBeGreaterThanOrEqual(100);
    expect(hi).toBeLessThan(200);
  });

  it('renders one band as grey and three as RGB', () => {
    const image = { width: 2, height: 1, bands: 3, data: Float32Array.from([0, 10, 10, 0, 5, 5]) };
    const grey = renderStretched(image, [0], 'linear', 0, 100);
    expect([...grey]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
    const rgb = renderStretched(image, [0, 1, 2], 'linear', 0, 100);
    expect([...rgb.subarray(0, 4)]).toEqual([0, 255, 0, 255]);
  });
});

describe('display defaults and shared limits', () => {
  it('starts display images linear over their full range and measurements on asinh', () => {
    expect(defaultStretch('raster')).toEqual({ kind: 'linear', lowPct: 0, highPct: 100 });
    expect(defaultStretch('fits')).toEqual({ kind: 'asinh', lowPct: 1, highPct: 99.5 });
  });

  it('keeps a display image as stored with shared linear 0–100 limits, and stretches bands apart without', () => {
    // Two pixels, R G B: red spans 0–255, green 0–100, blue 50 flat.
    const image = { width: 2, height: 1, bands: 3, data: Float32Array.from([0, 255, 0, 100, 50, 50]) };
    const shared = renderStretched(image, [0, 1, 2], 'linear', 0, 100, true);
    expect([...shared]).toEqual([0, 0, 50, 255, 255, 100, 50, 255]);
    const apart = renderStretched(image, [0, 1, 2], 'linear', 0, 100);
    expect([...apart.subarray(4, 7)]).toEqual([255, 255, 0]);
  });
});
