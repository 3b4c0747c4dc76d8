// The nearest objects on the sky within a radius: objects sorted by Dec, a binary search
// to the lower edge of the ±radius Dec window, and a scan of that window by great-circle
// distance. Only Dec bounds the window, so RA wrap-around at 0/360° and the poles (where a
// few arcseconds span every RA) need no special case: the distance alone decides.
import { separationArcsec } from '../../ingest/catalog-join.js';

export interface SkyPoint {
  id: number;
  /** Degrees. */
  ra: number;
  dec: number;
}

export class SkyIndex {
  private readonly points: SkyPoint[];

  /** Points without a finite position are left out. */
  constructor(points: Iterable<SkyPoint>) {
    this.points = [...points].filter((p) => Number.isFinite(p.ra) && Number.isFinite(p.dec));
    this.points.sort((a, b) => a.dec - b.dec);
  }

  get size(): number {
    return this.points.length;
  }

  /** The nearest point within `radiusArcsec` (ties: the first in Dec order), or null. */
  nearest(ra: number, dec: number, radiusArcsec: number): { id: number; separationArcsec: number } | null {
    return this.within(ra, dec, radiusArcsec, 1)[0] ?? null;
  }

  /** Up to `limit` points within `radiusArcsec`, nearest first (ties: Dec order). */
  within(ra: number, dec: number, radiusArcsec: number, limit: number): { id: number; separationArcsec: number }[] {
    if (!Number.isFinite(ra) || !Number.isFinite(dec) || Math.abs(dec) > 90) return [];
    const window = radiusArcsec / 3600;
    const { points } = this;
    let lo = 0;
    let hi = points.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (points[mid].dec < dec - window) lo = mid + 1;
      else hi = mid;
    }
    const found: { id: number; separationArcsec: number }[] = [];
    for (let i = lo; i < points.length && points[i].dec <= dec + window; i++) {
      const d = separationArcsec(ra, dec, points[i].ra, points[i].dec);
      if (d <= radiusArcsec) found.push({ id: points[i].id, separationArcsec: d });
    }
    // A stable sort keeps Dec order among equal separations.
    return found.sort((a, b) => a.separationArcsec - b.separationArcsec).slice(0, limit);
  }
}
