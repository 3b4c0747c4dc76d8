// Driver windows on made-to-order residuals: an emission line injected on top of noise-like
// ripples is the first window, holds the largest share and is named for the line at the
// object's redshift (no name without one); shares sum to at most 1; masked bins take no part,
// and a perfect reconstruction has no drivers.
import { describe, expect, it } from 'vitest';
import { MAX_DRIVERS, driverWindows } from '../../../../../electron/core/discovery/explain/spectrum/driver-windows.js';
import { EDGES, LENGTH, syntheticSpectrum } from './synthetic-spectra.js';

/** A reconstruction that misses a small deterministic ripple everywhere. */
const reconstruction = syntheticSpectrum(() => 1);
const ripple = (lambda: number) => 1 + 0.01 * Math.sin(lambda * 0.37) * Math.cos(lambda * 0.011);

describe('driverWindows', () => {
  const z = 0.1;
  const at = 5008.24 * (1 + z); // [O III] 5007 at z = 0.1
  const flux = syntheticSpectrum(ripple, [{ at, flux: 20, sigma: 4 }]);

  it('puts an injected line first, with the largest share, named at the redshift', () => {
    const drivers = driverWindows(EDGES, flux, reconstruction, z);
    expect(drivers.length).toBeGreaterThan(1);
    expect(drivers.length).toBeLessThanOrEqual(MAX_DRIVERS);
    const [top] = drivers;
    expect(top.from).toBeLessThan(at);
    expect(top.to).toBeGreaterThan(at);
    expect(top.line).toBe('[O III] 5007');
    // Most of the misfit is the line: the ripple's squared residual is ~1e-4 a bin, the line's ~4 per bin at its peak.
    expect(top.share).toBeGreaterThan(0.9);
    for (const d of drivers.slice(1)) expect(d.share).toBeLessThanOrEqual(top.share);
    expect(drivers.reduce((s, d) => s + d.share, 0)).toBeLessThanOrEqual(1 + 1e-12);
    expect(driverWindows(EDGES, flux, reconstruction, null)[0].line).toBeNull();
  });

  it('leaves masked bins out and finds nothing in a perfect fit', () => {
    const masked = Float64Array.from(flux);
    const lineBins: number[] = [];
    for (let k = 0; k < LENGTH; k++) if (Math.abs(Math.sqrt(EDGES[k] * EDGES[k + 1]) - at) < 20) lineBins.push(k);
    for (const k of lineBins) masked[k] = NaN;
    const [top] = driverWindows(EDGES, masked, reconstruction, z);
    expect(top.from > at + 20 || top.to < at - 20).toBe(true);
    expect(driverWindows(EDGES, reconstruction, reconstruction, z)).toEqual([]);
  });
});
