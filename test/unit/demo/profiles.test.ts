import { describe, it, expect } from 'vitest';
import { createCutoutImage, colourToFluxes, fluxesToGMinusR } from '../../../electron/core/demo/cutout-image.js';
import { gamma, paintArc, paintBlob, paintSersic, sersicB } from '../../../electron/core/demo/profiles.js';

function total(plane: Float32Array): number {
  let sum = 0;
  for (const v of plane) sum += v;
  return sum;
}

describe('Sérsic arithmetic', () => {
  it('matches the tabulated b_n and Γ values', () => {
    expect(sersicB(1)).toBeCloseTo(1.67835, 3);
    expect(sersicB(4)).toBeCloseTo(7.66925, 3);
    expect(sersicB(4)).toBeCloseTo(2 * 4 - 1 / 3, 1);
    expect(gamma(5)).toBeCloseTo(24, 8);
    expect(gamma(0.5)).toBeCloseTo(Math.sqrt(Math.PI), 8);
  });
});

describe('paintSersic', () => {
  it('puts the requested flux into every band for an exponential disk and a de Vaucouleurs profile', () => {
    for (const n of [1, 4]) {
      const image = createCutoutImage(256);
      paintSersic(image, { x: 127.3, y: 128.1, n, re: 3, q: 0.6, pa: 0.4 }, [1, 2, 5]);
      expect(total(image.bands[0])).toBeCloseTo(1, 1);
      expect(Math.abs(total(image.bands[1]) / 2 - 1)).toBeLessThan(0.02);
      expect(Math.abs(total(image.bands[2]) / 5 - 1)).toBeLessThan(0.02);
    }
  });

  it('lays spiral arms over a disk without changing its total light', () => {
    const smooth = createCutoutImage(200);
    const armed = createCutoutImage(200);
    const disk = { x: 99.5, y: 99.5, n: 1, re: 15, q: 0.8, pa: 0.3 };
    paintSersic(smooth, disk, [1, 1, 1]);
    const arms = { count: 2, pitch: 0.3, phase: 0, chirality: 1, amplitude: 0.8, sharpness: 3, startRadius: 5 };
    paintSersic(armed, { ...disk, arms }, [1, 1, 1]);
    expect(Math.abs(total(armed.bands[1]) / total(smooth.bands[1]) - 1)).toBeLessThan(0.03);
    // The arms redistribute light: along a ring at 1.5 r_e brightness now varies strongly.
    const ring: number[] = [];
    for (let k = 0; k < 72; k++) {
      const a = (k / 72) * 2 * Math.PI;
      const x = Math.round(99.5 + 22 * Math.cos(a));
      const y = Math.round(99.5 + 22 * Math.sin(a));
      ring.push(armed.bands[1][y * 200 + x] / smooth.bands[1][y * 200 + x]);
    }
    expect(Math.max(...ring) / Math.min(...ring)).toBeGreaterThan(3);
  });

  it('stops painting where the profile falls below the faintest level asked for', () => {
    const image = createCutoutImage(128);
    paintSersic(image, { x: 64, y: 64, n: 1, re: 2, q: 1, pa: 0 }, [1, 1, 1], { faintest: 1e-4 });
    expect(image.bands[1][64 * 128 + 64]).toBeGreaterThan(0);
    expect(image.bands[1][0]).toBe(0);
  });
});

describe('paintBlob and paintArc', () => {
  it('conserve flux', () => {
    const image = createCutoutImage(64);
    paintBlob(image, { x: 30.2, y: 31.7, sigma: 1.5, q: 0.5, pa: 1 }, [2, 2, 2]);
    expect(total(image.bands[0])).toBeCloseTo(2, 2);
    const arcs = createCutoutImage(64);
    paintArc(
      arcs,
      { x: 32, y: 32, q: 0.9, pa: 0, radius: 10, width: 0.6, windows: [{ angle: 0, kappa: 3, weight: 1 }] },
      [1, 3, 0],
    );
    expect(total(arcs.bands[1])).toBeCloseTo(3, 4);
    expect(total(arcs.bands[2])).toBe(0);
  });

  it('puts an arc on its ridge, on the side its window points to', () => {
    const image = createCutoutImage(64);
    paintArc(
      image,
      { x: 32, y: 32, q: 1, pa: 0, radius: 10, width: 0.6, windows: [{ angle: 0, kappa: 4, weight: 1 }] },
      [1, 1, 1],
    );
    const r = image.bands[1];
    expect(r[32 * 64 + 42]).toBeGreaterThan(20 * r[32 * 64 + 22]); // +x side, not −x
    expect(r[32 * 64 + 42]).toBeGreaterThan(20 * r[32 * 64 + 38]); // on the ridge, not inside it
  });
});

describe('colours', () => {
  it('turn into band fluxes and back', () => {
    const fluxes = colourToFluxes(10, { gr: 0.8, rz: 0.45 });
    expect(fluxes[1]).toBe(10);
    expect(fluxesToGMinusR(fluxes[0], fluxes[1])).toBeCloseTo(0.8, 10);
    expect(-2.5 * Math.log10(fluxes[1] / fluxes[2])).toBeCloseTo(0.45, 10);
  });
});
