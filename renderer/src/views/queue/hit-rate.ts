// The arithmetic of the queue's hit rate (HitRate.tsx), apart from React so it is tested alone:
// which map objects are hits for a catalog column's value, and how the hit is named.
import type { MapColumn } from '../../../../electron/core/api/view-types.js';

/** "ring", but "flag = 1" for a number or true/false, which says nothing without its column. */
export function hitName(key: string, value: string): string {
  return /^([+-]?\d+(\.\d+)?|true|false)$/i.test(value.trim()) ? `${key} = ${value}` : value;
}

/**
 * Ids of the map's objects whose value in `column` (aligned with `mapIds`) is `value`. Made once per
 * choice, so a keypress in the queue only looks up the objects seen, never the whole map.
 */
export function hitIds(
  mapIds: Float64Array,
  column: Pick<MapColumn, 'codes' | 'categories'>,
  value: string,
): Set<number> {
  const code = column.categories.indexOf(value) + 1;
  const ids = new Set<number>();
  if (code === 0 || !column.codes || column.codes.length !== mapIds.length) return ids;
  for (let row = 0; row < mapIds.length; row++) if (column.codes[row] === code) ids.add(mapIds[row]);
  return ids;
}
