// Lasso selection: which map rows fall inside a freehand polygon. Runs over the binary x/y
// columns with a bounding-box pre-test, so a million points cost one pass and no objects.
import type { MapData } from '../../../../electron/core/api/view-types.js';

/** Polygon vertices as a flat [x0, y0, x1, y1, ...] array in map (data) coordinates. */
export type FlatPolygon = Float64Array;

/** Even-odd ray casting: true when (px, py) is inside the closed polygon. */
export function insidePolygon(polygon: FlatPolygon, px: number, py: number): boolean {
  let inside = false;
  const n = polygon.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = polygon[2 * i],
      yi = polygon[2 * i + 1];
    const xj = polygon[2 * j],
      yj = polygon[2 * j + 1];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Ids of the objects inside the polygon, in map row order; `shown`: only rows the filter's mask shows. */
export function idsInPolygon(
  map: Pick<MapData, 'count' | 'ids' | 'x' | 'y'>,
  polygon: FlatPolygon,
  shown: Uint8Array | null = null,
): number[] {
  if (polygon.length < 6) return [];
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity;
  for (let i = 0; i < polygon.length; i += 2) {
    minX = Math.min(minX, polygon[i]);
    maxX = Math.max(maxX, polygon[i]);
    minY = Math.min(minY, polygon[i + 1]);
    maxY = Math.max(maxY, polygon[i + 1]);
  }
  const ids: number[] = [];
  for (let i = 0; i < map.count; i++) {
    const x = map.x[i],
      y = map.y[i];
    if (x < minX || x > maxX || y < minY || y > maxY || (shown && !shown[i])) continue;
    if (insidePolygon(polygon, x, y)) ids.push(map.ids[i]);
  }
  return ids;
}
