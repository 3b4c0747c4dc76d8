// What the spectrum plot draws: gaps at masked pixels, thinning that keeps the extremes,
// and a y range that a lone spike does not set.
import { describe, expect, it } from 'vitest';
import {
  fluxRange,
  lowerIndex,
  spectrumTrace,
  type SpectrumColumns,
} from '../../../renderer/src/views/inspector/spectrum-trace.js';

function columns(n: number, f: (i: number) => number, bad: number[] = [], sigma = 0.5): SpectrumColumns {
  const good = new Uint8Array(n).fill(1);
  for (const i of bad) good[i] = 0;
  return {
    wavelength: Float64Array.from({ length: n }, (_, i) => 4000 + i),
    flux: Float32Array.from({ length: n }, (_, i) => f(i)),
    sigma: new Float32Array(n).fill(sigma),
    good,
  };
}

describe('spectrumTrace', () => {
  it('draws every pixel when there are few, breaking the line at masked ones', () => {
    const s = columns(10, (i) => i, [4, 5]);
    const t = spectrumTrace(s, 4000, 4009, 500);
    expect(t.segments.map((seg) => seg.wavelength)).toEqual([
      [4000, 4001, 4002, 4003],
      [4006, 4007, 4008, 4009],
    ]);
    expect(t.segments[0].low).toEqual([-0.5, 0.5, 1.5, 2.5]);
    expect(t.segments[0].high).toEqual([0.5, 1.5, 2.5, 3.5]);
    expect(t.masked).toEqual([[4003.5, 4005.5]]);
    expect(t.points).toBe(8);
  });

  it('keeps one pixel beyond each end of a zoomed range so the line meets the edges', () => {
    const t = spectrumTrace(
      columns(100, () => 1),
      4010.5,
      4020.5,
      500,
    );
    expect(t.segments[0].wavelength[0]).toBe(4010);
    expect(t.segments[0].wavelength.at(-1)).toBe(4021);
  });

  it('thins to at most two points a screen column, keeping spikes and troughs', () => {
    const n = 10_000;
    const s = columns(n, (i) => (i === 5_003 ? 100 : i === 7_777 ? -50 : Math.sin(i / 300)));
    const t = spectrumTrace(s, 4000, 4000 + n - 1, 200);
    expect(t.points).toBeLessThanOrEqual(2 * 201 + 2);
    const all = t.segments.flatMap((seg) => seg.flux);
    expect(Math.max(...all)).toBe(100);
    expect(Math.min(...all)).toBe(-50);
    // Points stay in wavelength order.
    const ws = t.segments.flatMap((seg) => seg.wavelength);
    expect(ws).toEqual([...ws].sort((a, b) => a - b));
    // A thinned point's band spans the whole column's ±1σ.
    const k = t.segments[0].flux.indexOf(100);
    expect(t.segments[0].high[k]).toBeCloseTo(100.5, 5);
  });

  it('still breaks a thinned line at masked pixels and reports their stretch', () => {
    const s = columns(
      10_000,
      () => 1,
      Array.from({ length: 300 }, (_, i) => 6000 + i),
    );
    const t = spectrumTrace(s, 4000, 13_999, 100);
    expect(t.segments).toHaveLength(2);
    expect(t.masked).toEqual([[9999.5, 10_299.5]]);
  });

  it('finds the first pixel at or after a wavelength', () => {
    const w = Float64Array.from([1, 2, 3, 5]);
    expect([lowerIndex(w, 0), lowerIndex(w, 2), lowerIndex(w, 4), lowerIndex(w, 9)]).toEqual([0, 1, 3, 4]);
  });
});

describe('fluxRange', () => {
  it('ignores a single-pixel spike and masked pixels, but keeps a line', () => {
    const spike = columns(100, (i) => (i === 50 ? 1000 : i === 10 ? -999 : 1 + (i % 2) * 0.1), [10]);
    const [lo, hi] = fluxRange(spike, 4000, 4099);
    expect(lo).toBeGreaterThan(0.9);
    expect(hi).toBeLessThan(1.2);
    const line = columns(100, (i) => (i >= 48 && i <= 51 ? 20 : 1));
    expect(fluxRange(line, 4000, 4099)[1]).toBeGreaterThan(20);
    // A Gaussian line of σ = 1 pixel keeps its peak in view, upwards or downwards.
    for (const sign of [1, -1]) {
      const gauss = columns(100, (i) => 1 + sign * 30 * Math.exp(-0.5 * (i - 50.2) ** 2));
      const [lo, hi] = fluxRange(gauss, 4000, 4099);
      expect(sign > 0 ? hi : -lo).toBeGreaterThan(sign > 0 ? 1 + 29 : 29 - 1);
    }
  });

  it('looks only at the visible pixels and pads a flat spectrum', () => {
    const s = columns(100, (i) => (i < 50 ? 0 : 10));
    expect(fluxRange(s, 4000, 4040)).toEqual([-1, 1]);
    expect(
      fluxRange(
        columns(10, () => 1, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
        4000,
        4009,
      ),
    ).toEqual([0, 1]);
  });
});
