// How the map draws at the current view: points, thumbnails (zoomed in on few objects) or
// a density image (zoomed far out, or a very large map not zoomed in).
import type { MapData } from '../../../../electron/core/api/view-types.js';

export type MapMode = 'points' | 'thumbnails' | 'density';

/** Thumbnails replace points only when at most this many objects are on screen. */
export const THUMBNAIL_MAX_VISIBLE = 400;
/**
 * Thumbnails need the view zoomed in at least this far (log2 steps) past the fitted view, so a small map is not all
 * thumbnails at once.
 */
export const THUMBNAIL_MIN_ZOOM_IN = 1;
/** Zoomed out this far (log2 steps) past the fitted view, points give way to the density image. */
export const DENSITY_ZOOM_OUT = 1.5;
/** Maps with more points than this show density until zoomed in past the fitted view. */
export const DENSITY_MIN_POINTS = 200_000;

export interface MapViewState {
  target: [number, number, number];
  zoom: number;
}

/** Rows of the points inside the screen, or null as soon as there are more than `limit`. */
export function visibleRows(
  map: Pick<MapData, 'count' | 'x' | 'y'>,
  view: MapViewState,
  width: number,
  height: number,
  limit: number,
): number[] | null {
  // An orthographic view: 2^zoom screen pixels per map unit, centred on the target.
  const scale = 2 ** view.zoom;
  const halfW = width / 2 / scale,
    halfH = height / 2 / scale;
  const [cx, cy] = view.target;
  const rows: number[] = [];
  for (let i = 0; i < map.count; i++) {
    if (Math.abs(map.x[i] - cx) <= halfW && Math.abs(map.y[i] - cy) <= halfH) {
      rows.push(i);
      if (rows.length > limit) return null;
    }
  }
  return rows;
}

export function chooseMapMode(count: number, zoom: number, fitZoom: number, visible: number[] | null): MapMode {
  if (zoom < fitZoom - DENSITY_ZOOM_OUT) return 'density';
  if (count > DENSITY_MIN_POINTS && zoom < fitZoom + THUMBNAIL_MIN_ZOOM_IN) return 'density';
  if (visible && zoom >= fitZoom + THUMBNAIL_MIN_ZOOM_IN) return 'thumbnails';
  return 'points';
}
