// The "Why odd?" spectrum plot's shapes on inputs whose pixels are known: wavelength to x, flux
// to y over the finite values of both curves, a masked bin breaking the flux's path, and a
// driver's band from its range.
import { describe, expect, it } from 'vitest';
import { driverLabel, explainSpectrumShapes } from '../../../renderer/src/views/inspector/explain-spectrum-shapes.js';

const spectrum = {
  wavelength: [1000, 2000, 3000, 4000, 5000],
  flux: [0, 2, Number.NaN, 4, 4],
  reconstruction: [1, 1, 1, 1, 1],
  drivers: [
    { from: 1500, to: 2500, share: 0.75, line: 'Hα' },
    { from: 3000, to: 3000, share: 0.25, line: null },
  ],
};

describe('explain spectrum shapes', () => {
  it('draws flux and reconstruction in one scale, breaking the flux at a masked bin', () => {
    // 100 × 50 with no padding: x 0, 25, 50, 75, 100; flux 0..4 maps to y 50..0.
    const shapes = explainSpectrumShapes(spectrum, 100, 50, 0);
    expect(shapes.flux).toBe('M0.0 50.0 L25.0 25.0 M75.0 0.0 L100.0 0.0');
    expect(shapes.reconstruction).toBe('M0.0 37.5 L25.0 37.5 L50.0 37.5 L75.0 37.5 L100.0 37.5');
  });

  it('shades each driver over its range, at least 2 px wide, labelled as in the list', () => {
    const { drivers } = explainSpectrumShapes(spectrum, 100, 50);
    expect(drivers.map((d) => [d.x, d.width, d.share])).toEqual([
      [12.5, 25, 0.75],
      [50, 2, 0.25],
    ]);
    expect(drivers.map((d) => d.label)).toEqual(['1500–2500 Å (Hα): 75%', '3000–3000 Å: 25%']);
    expect(driverLabel(spectrum.drivers[0])).toBe(drivers[0].label);
  });

  it('leaves a lone spike outside the scale and draws it at the top edge', () => {
    // 401 values 0..1 in steps, and one spike of 100: the scale's top is the 99.5% value, not the spike.
    const n = 400;
    const wavelength = Array.from({ length: n + 1 }, (_, i) => 1000 + i);
    const flux = [...Array.from({ length: n }, (_, i) => i / n), 100];
    const shapes = explainSpectrumShapes({ wavelength, flux, reconstruction: flux, drivers: [] }, 100, 50, 0);
    const ys = shapes.flux
      .split(/[ML]/)
      .slice(1)
      .map((p) => Number(p.trim().split(' ')[1]));
    expect(ys.at(-1)).toBe(0);
    expect(ys[0]).toBe(50);
    // Flux 0.5 lies half way up; scaled to the spike it would lie at 49.75.
    expect(ys[200]).toBeCloseTo(25, 0);
  });

  it('keeps to the box when every value is the same', () => {
    const flat = { ...spectrum, flux: [1, 1, 1, 1, 1], drivers: [] };
    expect(explainSpectrumShapes(flat, 100, 50, 2).flux).toBe('M0.0 48.0 L25.0 48.0 L50.0 48.0 L75.0 48.0 L100.0 48.0');
  });
});
