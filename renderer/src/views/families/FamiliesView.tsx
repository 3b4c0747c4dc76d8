// The Families view: the top-N anomalies grouped into families of look-alikes (the `families`
// method: the embedding together with the morphology features), the largest first, each with
// its exemplar, its members' thumbnails, its size and the features its members share; a family
// is labelled whole from its card. Thumbnails and ids come from `top` over the same N, since a
// family names its members only.
import { useEffect, useState } from 'react';
import type { AnomalyFamily } from '../../../../electron/core/api/contract-families.js';
import type { ObjectHit } from '../../../../electron/core/api/contract.js';
import { appStore, useAppState } from '../../state/app-store.js';
import { FamilyCard } from './FamilyCard.js';
import './families.css';

/** Top anomalies grouped when the view opens (the API's own default). */
const DEFAULT_N = 50;
/** The most the control offers: the API groups at most 2,000 at once. */
const MAX_N = 2000;

type Loaded = { families: AnomalyFamily[]; hits: Map<string, ObjectHit> };

export function FamiliesView() {
  const store = appStore();
  const [n, setN] = useState(DEFAULT_N);
  const [draft, setDraft] = useState(String(DEFAULT_N));
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A finished embedding or ranking changes the families: ask again when one ends.
  const runs = useAppState(
    (s) => s.jobs.filter((j) => (j.method === 'embed' || j.method === 'rank') && j.state === 'done').length,
  );
  useEffect(() => {
    let live = true;
    setLoaded(null);
    setError(null);
    Promise.all([store.api.call('families', n), store.api.call('top', n)]).then(
      ([families, top]) => live && setLoaded({ families, hits: new Map(top.map((h) => [h.name, h])) }),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [n, runs, store]);

  const apply = () => {
    const value = Number(draft);
    if (Number.isInteger(value) && value >= 1 && value <= MAX_N) setN(value);
    else setDraft(String(n));
  };
  return (
    <div className="families" data-testid="families">
      <form
        className="families-bar"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label>
          Group the top{' '}
          <input
            type="number"
            min={1}
            max={MAX_N}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            aria-label="top anomalies to group"
            data-testid="families-n"
          />{' '}
          anomalies
        </label>
        <button type="submit">Group</button>
        <span className="muted" data-testid="families-summary">
          {loaded ? `${loaded.families.length} families of the top ${n}` : ''}
        </span>
      </form>
      {error && (
        <div className="empty" role="alert" data-testid="families-error">
          {error}
        </div>
      )}
      {!error && !loaded && <div className="empty">Grouping the top {n} anomalies…</div>}
      {loaded && (
        <div className="families-list">
          {loaded.families.map((f) => (
            <FamilyCard key={`${n}-${f.family}`} family={f} hits={loaded.hits} />
          ))}
        </div>
      )}
    </div>
  );
}
