import { describe, expect, it } from 'vitest';
import { SkyIndex } from '../../../../electron/core/discovery/imports/sky-match.js';

const ARCSEC = 1 / 3600;

describe('SkyIndex.nearest', () => {
  it('finds the nearest point within the radius, and nothing beyond it', () => {
    const index = new SkyIndex([
      { id: 1, ra: 150, dec: 2 },
      { id: 2, ra: 150, dec: 2 + 1.5 * ARCSEC },
      { id: 3, ra: 150, dec: 2 - 0.5 * ARCSEC },
    ]);
    expect(index.nearest(150, 2 + 0.1 * ARCSEC, 2)).toEqual({ id: 1, separationArcsec: expect.closeTo(0.1, 6) });
    expect(index.nearest(150, 2 - 0.4 * ARCSEC, 2)?.id).toBe(3);
    expect(index.nearest(150, 2 + 1.4 * ARCSEC, 2)?.id).toBe(2);
    // 2.1″ north of the northernmost point: out of reach.
    expect(index.nearest(150, 2 + 3.6 * ARCSEC, 2)).toBeNull();
    // Along RA at Dec 2°, 2″ of sky is 2″/cos(2°) of RA.
    const ra = 150 + (1.9 * ARCSEC) / Math.cos((2 * Math.PI) / 180);
    expect(index.nearest(ra, 2, 2)).toEqual({ id: 1, separationArcsec: expect.closeTo(1.9, 6) });
  });

  it('matches across RA 0/360', () => {
    const index = new SkyIndex([{ id: 7, ra: 359.9997, dec: 0 }]);
    // 0.0005° = 1.8″ apart through RA 0.
    expect(index.nearest(0.0002, 0, 2)).toEqual({ id: 7, separationArcsec: expect.closeTo(1.8, 6) });
    // 0.0007° = 2.52″: too far.
    expect(index.nearest(0.0004, 0, 2)).toBeNull();
    const other = new SkyIndex([{ id: 8, ra: 0.0001, dec: -30 }]);
    expect(other.nearest(359.9999, -30, 2)?.separationArcsec).toBeCloseTo(0.0002 * 3600 * Math.cos(Math.PI / 6), 6);
  });

  it('matches near the poles, where a few arcseconds span every RA', () => {
    const north = new SkyIndex([{ id: 1, ra: 0, dec: 89.9998 }]);
    // Opposite sides of the pole: 2 × 0.0002° = 1.44″ apart, though RA differs by 180°.
    expect(north.nearest(180, 89.9998, 2)).toEqual({ id: 1, separationArcsec: expect.closeTo(1.44, 5) });
    // 2 × 0.0003° = 2.16″: too far.
    expect(new SkyIndex([{ id: 1, ra: 0, dec: 89.9997 }]).nearest(180, 89.9997, 2)).toBeNull();
    // A quarter turn apart at 0.36″ from the pole: 0.36·√2 = 0.509″.
    const south = new SkyIndex([{ id: 2, ra: 10, dec: -89.9999 }]);
    expect(south.nearest(100, -89.9999, 2)?.separationArcsec).toBeCloseTo(0.36 * Math.SQRT2, 4);
    expect(new SkyIndex([{ id: 3, ra: 45, dec: 90 }]).nearest(270, 90 - 1 * ARCSEC, 2)?.id).toBe(3);
  });

  it('leaves out points without a position and answers null for impossible queries', () => {
    const index = new SkyIndex([
      { id: 1, ra: NaN, dec: 0 },
      { id: 2, ra: 10, dec: 0 },
    ]);
    expect(index.size).toBe(1);
    expect(index.nearest(10, 0, 2)?.id).toBe(2);
    expect(index.nearest(NaN, 0, 2)).toBeNull();
    expect(index.nearest(10, 91, 2)).toBeNull();
    expect(new SkyIndex([]).nearest(10, 0, 2)).toBeNull();
  });

  // Two patches, sparse enough that some queries find nothing and many find several: a polar
  // cap (every RA, within 3.6″ of the pole) and a 14″ × 7″ strip across RA 0.
  const patches = {
    'the north pole': { points: 10, draw: () => ({ ra: random() * 360, dec: 90 - random() * 0.001 }) },
    'RA 0/360': {
      points: 20,
      draw: () => ({ ra: (360 + (random() - 0.5) * 0.004) % 360, dec: (random() - 0.5) * 0.002 }),
    },
  };
  let seed = 12345;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

  /** Great-circle separation by atan2 of unit vectors' cross and dot products (exact at any angle). */
  function reference(ra1: number, dec1: number, ra2: number, dec2: number): number {
    const r = Math.PI / 180;
    const unit = (ra: number, dec: number) => [
      Math.cos(dec * r) * Math.cos(ra * r),
      Math.cos(dec * r) * Math.sin(ra * r),
      Math.sin(dec * r),
    ];
    const [a, b] = [unit(ra1, dec1), unit(ra2, dec2)];
    const cross = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
    return (Math.atan2(Math.hypot(...cross), a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) / r) * 3600;
  }

  for (const [where, { points: count, draw }] of Object.entries(patches)) {
    it(`agrees with a brute-force search over random points near ${where}`, () => {
      const points = Array.from({ length: count }, (_, id) => ({ id, ...draw() }));
      const index = new SkyIndex(points);
      let matched = 0;
      let missed = 0;
      for (let q = 0; q < 300; q++) {
        const { ra, dec } = draw();
        const best = points.map((p) => ({ id: p.id, d: reference(ra, dec, p.ra, p.dec) })).sort((a, b) => a.d - b.d)[0];
        const found = index.nearest(ra, dec, 2);
        if (best.d < 2 - 1e-6) {
          expect(found).toEqual({ id: best.id, separationArcsec: expect.closeTo(best.d, 6) });
          matched++;
        } else if (best.d > 2 + 1e-6) {
          expect(found).toBeNull();
          missed++;
        }
      }
      // Both outcomes are exercised.
      expect(matched).toBeGreaterThan(30);
      expect(missed).toBeGreaterThan(3);
    });
  }
});

describe('SkyIndex.within', () => {
  it('lists the points inside the radius nearest first, up to the limit', () => {
    // On the equator 1″ of RA is 1″ on the sky: separations 0″, 3″, 10″ and 4″ (Dec), one at 40″.
    const s = 1 / 3600;
    const index = new SkyIndex([
      { id: 1, ra: 150 + 10 * s, dec: 0 },
      { id: 2, ra: 150, dec: 0 },
      { id: 3, ra: 150 - 3 * s, dec: 0 },
      { id: 4, ra: 150, dec: -4 * s },
      { id: 5, ra: 150, dec: 40 * s },
    ]);
    const found = index.within(150, 0, 30, 10);
    expect(found.map((f) => f.id)).toEqual([2, 3, 4, 1]);
    expect(found.map((f) => f.separationArcsec)).toEqual([0, 3, 4, 10].map((d) => expect.closeTo(d, 6)));
    expect(index.within(150, 0, 30, 2).map((f) => f.id)).toEqual([2, 3]);
    expect(index.within(150, 91, 30, 2)).toEqual([]);
  });
});
