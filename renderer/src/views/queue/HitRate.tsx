// A catalog column as the reference in the queue: pick a category column and the value that
// counts as a hit (flag = 1, class = ring), and the queue bar says how many of the objects looked
// at so far are hits ("flag = 1 found: 9 of 50 looked at"): how well the queue finds what the
// catalog already knows. "Looked at" is the objects this queue has gone past, labelled, rated or
// skipped. The values come from the map's catalog column (mapColumn), so an object not on the
// map has no value and never counts as a hit.
import { useEffect, useMemo, useState } from 'react';
import type { ObjectHit } from '../../../../electron/core/api/contract.js';
import type { MapColumn } from '../../../../electron/core/api/view-types.js';
import { appStore, useAppState } from '../../state/app-store.js';
import { hitIds, hitName } from './hit-rate.js';

export function HitRate({ seen }: { seen: readonly ObjectHit[] }) {
  const store = appStore();
  const map = useAppState((s) => s.map);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [column, setColumn] = useState<MapColumn | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setColumn(null);
    setError(null);
    if (!key) return;
    let live = true;
    void store.api.call('mapColumn', key).then(
      (c) => {
        if (!live) return;
        if (c.kind !== 'categorical') setError(`${key} has too many values to count hits: choose a category column`);
        else {
          setColumn(c);
          setValue((v) => (c.categories.includes(v) ? v : (c.categories.at(-1) ?? '')));
        }
      },
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [key, map?.runId, store]);

  const wanted = useMemo(() => (column && map ? hitIds(map.ids, column, value) : null), [column, map, value]);
  const hits = wanted ? seen.filter((hit) => wanted.has(hit.id)).length : 0;
  if (!map || map.metadataColumns.length === 0) return null;
  return (
    <span className="hit-rate" data-testid="hit-rate">
      <select
        value={key}
        onChange={(e) => {
          setKey(e.target.value);
          e.target.blur(); // the queue's keys work again at once
        }}
        aria-label="reference column"
        title="A catalog column whose value marks what you are looking for"
        data-testid="hit-column"
      >
        <option value="">reference column…</option>
        {map.metadataColumns.map((c) => (
          <option key={c.key} value={c.key}>
            {c.key}
          </option>
        ))}
      </select>
      {column && (
        <select
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            e.target.blur();
          }}
          aria-label="value that counts as a hit"
          data-testid="hit-value"
        >
          {column.categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      )}
      {column && (
        <span className="counter" data-testid="hit-count">
          {hitName(key, value)} found: {hits} of {seen.length} looked at
        </span>
      )}
      {error && <span className="counter">{error}</span>}
    </span>
  );
}
