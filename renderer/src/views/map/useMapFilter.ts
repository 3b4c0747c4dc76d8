// The map's filter applied: the numeric columns its histograms and ranges read (the score from
// the map, catalog columns fetched once each), the name filter's matching rows (asked of the
// server, which keeps the names), and the mask of the rows shown (null: no filter, all shown).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MapData } from '../../../../electron/core/api/view-types.js';
import { isFilterActive, SCORE_COLUMN, type FilterInputs } from '../../../../electron/core/api/map-filter.js';
import { appStore, useAppState } from '../../state/app-store.js';
import type { LabelColumn } from '../../state/label-column.js';
import { IncrementalMask } from '../../../../electron/core/api/map-filter-points.js';

export interface AppliedFilter {
  /** 1 for each map row shown; null when no filter is set. */
  mask: Uint8Array | null;
  /** Values of the columns with a histogram or a range; a catalog column not (yet) loaded is absent. */
  columns: ReadonlyMap<string, Float32Array>;
  /** Why a chosen column has no values (not numeric, failed to load), by column. */
  columnErrors: ReadonlyMap<string, string>;
}

/** Catalog columns fetched for `map`, by 'meta:<key>'. */
function useCatalogColumns(map: MapData | null, wanted: string[]) {
  const store = appStore();
  const [loaded, setLoaded] = useState<{ map: MapData | null; values: Map<string, Float32Array | string> }>({
    map,
    values: new Map(),
  });
  const current = loaded.map === map ? loaded.values : new Map<string, Float32Array | string>();
  const missing = wanted.filter((c) => c.startsWith('meta:') && !current.has(c));
  useEffect(() => {
    if (!map) return;
    for (const column of missing) {
      const done = (value: Float32Array | string) =>
        setLoaded((old) => ({ map, values: new Map(old.map === map ? old.values : []).set(column, value) }));
      store.api.call('mapColumn', column.slice(5)).then(
        (c) => done(c.values ?? `${c.key} has few values: colour by it, or filter by label`),
        (err: Error) => done(err.message),
      );
    }
  }, [map, missing.join('\n'), store]);
  return current;
}

/** Rows whose name contains the filter's text, asked for once the typing pauses. */
function useNameRows(map: MapData | null, text: string): Uint8Array | null {
  const store = appStore();
  const [rows, setRows] = useState<{ text: string; map: MapData | null; rows: Uint8Array } | null>(null);
  useEffect(() => {
    const query = text.trim();
    if (!map || !query) return;
    const timer = setTimeout(() => {
      void store.api.call('mapNameMatches', query).then((m) => {
        const mask = new Uint8Array(map.count);
        if (m.runId === map.runId) for (const row of m.rows) mask[row] = 1;
        setRows({ text: query, map, rows: mask });
      });
    }, 200);
    return () => clearTimeout(timer);
  }, [map, text, store]);
  return rows && rows.map === map && rows.text === text.trim() ? rows.rows : null;
}

export function useMapFilter(map: MapData | null, labels: LabelColumn | null): AppliedFilter {
  const filter = useAppState((s) => s.filter);
  const histogramColumns = useAppState((s) => s.histogramColumns);
  const wanted = [...new Set([...histogramColumns, ...filter.ranges.map((r) => r.column)])];
  const catalog = useCatalogColumns(map, wanted);
  const nameRows = useNameRows(map, filter.name);
  const masker = useRef(new IncrementalMask());

  const columnKey = wanted.map((c) => `${c}:${catalog.has(c)}`).join('\n');
  const { columns, columnErrors } = useMemo(() => {
    const values = new Map<string, Float32Array>();
    const errors = new Map<string, string>();
    if (map?.score) values.set(SCORE_COLUMN, map.score);
    for (const [column, value] of catalog) {
      if (typeof value === 'string') errors.set(column, value);
      else values.set(column, value);
    }
    return { columns: values, columnErrors: errors };
  }, [map, columnKey]);

  const inputs = useMemo<FilterInputs | null>(
    () =>
      map && labels ? { count: map.count, columns, labelCode: labels.codes, labelNames: labels.names, nameRows } : null,
    [map, labels, columns, nameRows],
  );
  // A range on a column still loading, or a name still being looked up, waits (all shown) rather than hiding all.
  const pending =
    filter.ranges.some((r) => !columns.has(r.column) && !columnErrors.has(r.column)) ||
    (filter.name.trim() !== '' && !nameRows);
  const mask = useMemo(
    () => (inputs && isFilterActive(filter) && !pending ? masker.current.compute(filter, inputs) : null),
    [inputs, filter, pending],
  );
  return { mask, columns, columnErrors };
}
