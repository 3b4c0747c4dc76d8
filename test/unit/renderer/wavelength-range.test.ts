// The spectrum plot's zoom and pan arithmetic.
import { describe, expect, it } from 'vitest';
import {
  clampRange,
  isFullRange,
  niceTicks,
  panRange,
  rangeFromDrag,
  zoomRange,
} from '../../../renderer/src/views/inspector/wavelength-range.js';

const full = { min: 3800, max: 9200 };

describe('wavelength range', () => {
  it('zooms about the anchor, keeping it at the same place on screen', () => {
    const r = zoomRange(full, full, 6563, 0.5, 10);
    expect(r.max - r.min).toBeCloseTo(2700, 9);
    const before = (6563 - full.min) / (full.max - full.min);
    expect((6563 - r.min) / (r.max - r.min)).toBeCloseTo(before, 9);
    // Zooming back out by the inverse factor returns the full range.
    const back = zoomRange(r, full, 6563, 2, 10);
    expect(back.min).toBeCloseTo(full.min, 6);
    expect(back.max).toBeCloseTo(full.max, 6);
  });

  it('never leaves the spectrum nor gets narrower than the minimum span', () => {
    const out = zoomRange({ min: 3900, max: 4900 }, full, 4000, 100, 10);
    expect(out).toEqual(full);
    let r = full;
    for (let i = 0; i < 60; i++) r = zoomRange(r, full, 9100, 0.5, 10);
    expect(r.max - r.min).toBeCloseTo(10, 9);
    expect(r.min).toBeGreaterThanOrEqual(full.min);
    expect(r.max).toBeLessThanOrEqual(full.max);
    // Anchored at the very edge, the zoom stays flush with it.
    const edge = zoomRange(full, full, 9200, 0.25, 10);
    expect(edge.max).toBeCloseTo(9200, 9);
    expect(clampRange({ min: 9000, max: 9500 }, full, 10)).toEqual({ min: 8700, max: 9200 });
    expect(clampRange({ min: 5000, max: 5002 }, full, 10)).toEqual({ min: 4996, max: 5006 });
  });

  it('pans by a wavelength offset and stops at the ends', () => {
    const r = { min: 5000, max: 6000 };
    expect(panRange(r, full, 500)).toEqual({ min: 5500, max: 6500 });
    expect(panRange(r, full, -5000)).toEqual({ min: 3800, max: 4800 });
    expect(panRange(r, full, 5000)).toEqual({ min: 8200, max: 9200 });
  });

  it('turns a drag into a range in either direction, ignoring a click', () => {
    expect(rangeFromDrag(7000, 6000, full, 10)).toEqual({ min: 6000, max: 7000 });
    expect(rangeFromDrag(6000, 6001, full, 10)).toBeNull();
    expect(rangeFromDrag(3000, 4000, full, 10)).toEqual({ min: 3800, max: 4800 });
    expect(isFullRange(full, full)).toBe(true);
    expect(isFullRange({ min: 3800, max: 9000 }, full)).toBe(false);
  });

  it('chooses round ticks', () => {
    expect(niceTicks(3800, 9200, 6)).toEqual([4000, 5000, 6000, 7000, 8000, 9000]);
    expect(niceTicks(6540, 6600, 4)).toEqual([6540, 6560, 6580, 6600]);
    expect(niceTicks(-0.3, 1.2, 5)).toEqual([-0.2, 0, 0.2, 0.4, 0.6, 0.8, 1, 1.2]);
    expect(niceTicks(1, 1, 5)).toEqual([]);
  });
});
