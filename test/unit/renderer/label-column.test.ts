// Patching the map's label column from mapLabelChanges: new names are appended (existing
// codes never move), cleared labels become 0, and stale, gapped or other-map answers are
// recognised rather than applied; relevance-only ratings follow their rows.
import { describe, expect, it } from 'vitest';
import { NO_RATING, type MapLabelChanges } from '../../../electron/core/api/view-types.js';
import { patchLabelColumn, type LabelColumn } from '../../../renderer/src/state/label-column.js';

const column: LabelColumn = {
  runId: 'map-1',
  labelEvent: 10,
  codes: Uint8Array.from([0, 1, 2, 0, 1]),
  names: ['lens', 'ring'],
  ratings: Uint8Array.from([NO_RATING, NO_RATING, NO_RATING, 2, NO_RATING]),
};

function changes(patch: Partial<MapLabelChanges>): MapLabelChanges {
  return {
    runId: 'map-1',
    since: 10,
    labelEvent: 12,
    rows: new Uint32Array(0),
    codes: new Uint16Array(0),
    names: [],
    ratings: new Uint8Array(0),
    ...patch,
  };
}

describe('label column patches', () => {
  it('sets, renames and clears only the rows that changed', () => {
    const patch = patchLabelColumn(
      column,
      changes({
        rows: Uint32Array.from([0, 1, 2, 3]),
        codes: Uint16Array.from([1, 2, 0, 0]),
        names: ['merger', 'lens'],
        // Row 2 loses its label and keeps a relevance 4; row 3's rating is cleared.
        ratings: Uint8Array.from([NO_RATING, NO_RATING, 4, NO_RATING]),
      }),
    );
    expect(patch.kind).toBe('patched');
    if (patch.kind !== 'patched') return;
    expect(patch.column.names).toEqual(['lens', 'ring', 'merger']);
    expect([...patch.column.codes]).toEqual([3, 1, 0, 0, 1]);
    expect([...patch.column.ratings]).toEqual([NO_RATING, NO_RATING, 4, NO_RATING, NO_RATING]);
    expect(patch.column.labelEvent).toBe(12);
    // The column it came from is untouched (views compare by identity).
    expect([...column.codes]).toEqual([0, 1, 2, 0, 1]);
  });

  it('applies changes asked from an older event, not from a newer one', () => {
    expect(patchLabelColumn(column, changes({ since: 4 })).kind).toBe('patched');
    expect(patchLabelColumn(column, changes({ since: 11 })).kind).toBe('gap');
    expect(patchLabelColumn(column, changes({ labelEvent: 10 })).kind).toBe('current');
    expect(patchLabelColumn(column, changes({ runId: 'map-2' })).kind).toBe('other-map');
  });
});
