// The map's label column, kept apart from the map's geometry: a label change patches it
// from a small mapLabelChanges answer (the rows that changed), so a million-point map is
// neither sent again nor re-laid out when one object is labelled.
import type { MapData, MapLabelChanges } from '../../../electron/core/api/view-types.js';

export interface LabelColumn {
  /** The map run whose rows `codes` follows (null: no map). */
  runId: string | null;
  /** The newest label event reflected. */
  labelEvent: number;
  /** Per map row: 0 = unlabelled, k = names[k - 1]. */
  codes: Uint8Array;
  names: string[];
  /** Per map row: the relevance of an object rated without a label, else NO_RATING (a rating, not a label). */
  ratings: Uint8Array;
}

/** Codes are one byte: past 255 distinct labels the rest share the last code (as mapData does). */
const MAX_CODE = 255;

export function labelColumnOf(map: MapData): LabelColumn {
  return {
    runId: map.runId,
    labelEvent: map.labelEvent,
    codes: map.labelCode,
    names: map.labelNames,
    ratings: map.ratings,
  };
}

export type LabelPatch =
  /** The changes apply: the patched column (a new object, so views redraw). */
  | { kind: 'patched'; column: LabelColumn }
  /** Nothing newer than the column already shows. */
  | { kind: 'current' }
  /** The column misses changes from before `since` (a reload gave an older one): ask again from its own event. */
  | { kind: 'gap' }
  /** The changes index another map run: reload the whole map. */
  | { kind: 'other-map' };

export function patchLabelColumn(column: LabelColumn, changes: MapLabelChanges): LabelPatch {
  if (changes.runId !== column.runId) return { kind: 'other-map' };
  if (changes.labelEvent <= column.labelEvent) return { kind: 'current' };
  if (changes.since > column.labelEvent) return { kind: 'gap' };
  const names = [...column.names];
  const local = changes.names.map((name) => {
    const known = names.indexOf(name);
    return known >= 0 ? Math.min(known + 1, MAX_CODE) : Math.min(names.push(name), MAX_CODE);
  });
  const codes = column.codes.slice();
  const ratings = column.ratings.slice();
  changes.rows.forEach((row, i) => {
    const code = changes.codes[i];
    codes[row] = code === 0 ? 0 : local[code - 1];
    ratings[row] = changes.ratings[i];
  });
  return {
    kind: 'patched',
    column: { runId: column.runId, labelEvent: changes.labelEvent, codes, names: names.slice(0, MAX_CODE), ratings },
  };
}
