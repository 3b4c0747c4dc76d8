// Labelling one object at a time, keyboard first. Letter keys label, 0–5 rate, space or →
// skips, ← goes back, z undoes. The next objects' previews, thumbnails, neighbour lists and
// neighbours' thumbnails are fetched and decoded ahead (queue-images.ts), so the next one is
// on screen, whole, within a frame of the keypress; label writes go out in
// order in the background and never hold the next object back.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ObjectHit } from '../../../../electron/core/api/contract.js';
import { appStore, QUEUED_ON_MAP, useAppState } from '../../state/app-store.js';
import { probe } from '../../state/test-hooks.js';
import { isAppKey, isKey } from '../../keyboard.js';
import { useQueueImages } from './queue-images.js';
import { NeighbourGrid, QueueImage } from './QueueImage.js';
import { QUEUE_MODE_HELP, QueueScore } from './QueueScore.js';
import { HitRate } from './HitRate.js';

import { QUEUE_MODES, type QueueMode as Mode } from '../../../../electron/core/api/contract-lists.js';
import { NEGATIVE_LABEL_PREFIX } from '../../../../electron/core/discovery/active/relevance-target.js';
/** Objects fetched per request, and how close to the end a refill starts. */
const BATCH = 40;
const REFILL_AT = 10;
/** Objects ahead whose images and neighbours are prefetched. */
const PREFETCH = 4;
const NEIGHBOURS = 6;

interface Done {
  index: number;
  /** Matched by name, not index: a change of mode refills the queue in another order. */
  name: string;
  /** The label given, or "relevance N" for a relevance alone. */
  label: string;
  rated: boolean;
}

export function QueueView() {
  const store = appStore();
  const labelKeys = useAppState((s) => s.labelKeys);
  const [mode, setMode] = useState<Mode>('discover');
  const [items, setItems] = useState<ObjectHit[]>([]);
  const [index, setIndex] = useState(0);
  const [done, setDone] = useState<Done[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [neighbours, setNeighbours] = useState<Map<string, ObjectHit[]>>(new Map());
  const keyTime = useRef<number | null>(null);
  const writes = useRef<Promise<unknown>>(Promise.resolve());
  const fetching = useRef(false);

  const fetchMore = useCallback(
    async (reset: boolean) => {
      if (fetching.current) return;
      fetching.current = true;
      try {
        await writes.current; // the queue must see the labels already given
        const next = await store.api.call('queue', { mode, n: BATCH, filter: store.get().filter });
        setError(null);
        setItems((old) => {
          const base = reset ? [] : old;
          const seen = new Set(base.map((h) => h.id));
          return [...base, ...next.filter((h) => !seen.has(h.id))];
        });
        if (reset) setIndex(0);
      } catch (err) {
        setError((err as Error).message);
      } finally {
        fetching.current = false;
      }
    },
    [mode, store],
  );

  useEffect(() => {
    void fetchMore(true);
  }, [fetchMore]);

  useEffect(() => {
    if (items.length && index >= items.length - REFILL_AT) void fetchMore(false);
    // Prefetch the next objects' neighbour lists (their images: useQueueImages).
    for (const hit of items.slice(index, index + PREFETCH + 1)) {
      if (!neighbours.has(hit.name)) {
        setNeighbours((m) => new Map(m).set(hit.name, []));
        void store.api.call('similar', [hit.name], NEIGHBOURS).then(
          (n) => setNeighbours((m) => new Map(m).set(hit.name, n)),
          () => {},
        );
      }
    }
  }, [items, index, neighbours, fetchMore, store]);

  const current = items[index] ?? null;
  const ahead = useMemo(() => items.slice(index, index + PREFETCH + 1), [items, index]);
  const images = useQueueImages(store.api, ahead, neighbours);

  // The map marks what comes next in this session (after the paint: never on the keypress's path).
  useEffect(() => {
    if (items.length) store.publishQueued(items.slice(index, index + QUEUED_ON_MAP).map((hit) => hit.id));
  }, [items, index, store]);

  useLayoutEffect(() => {
    probe().queueCurrent = current?.name ?? null;
    const started = keyTime.current;
    if (started === null) return;
    keyTime.current = null;
    probe().queueCommitLatencies.push(performance.now() - started);
    requestAnimationFrame(() => probe().queueLatencies.push(performance.now() - started));
  }, [current]);

  const write = useCallback(
    (action: () => Promise<unknown>) => {
      writes.current = writes.current.then(action).catch((err: Error) => store.set({ error: err.message }));
      writes.current.then(() => store.labelsChanged([]));
    },
    [store],
  );

  // A layout effect, so the keys work from the moment the object is on screen: with a
  // passive effect a key pressed right after the paint could reach no listener.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isAppKey(event) || !current) return;
      const key = event.key;
      // Shift with a label key gives the label's negative ("not ring").
      const negative = /^[A-Z]$/.test(key) ? labelKeys[key.toLowerCase()] : undefined;
      const label = negative ? `${NEGATIVE_LABEL_PREFIX}${negative}` : labelKeys[key];
      if (label || isKey('queue.relevance', key)) {
        // A relevance key records a relevance, not a label: the object keeps whatever label it has.
        const relevance = label ? null : Number(key);
        keyTime.current = performance.now();
        const target = current;
        write(() => store.api.call('label', { name: target.name, label: label ?? null, relevance }));
        setDone((d) => [...d, { index, name: target.name, label: label ?? `relevance ${relevance}`, rated: !label }]);
        setIndex((i) => i + 1);
      } else if (isKey('queue.next', key)) {
        keyTime.current = performance.now();
        setIndex((i) => Math.min(i + 1, items.length));
      } else if (isKey('queue.back', key)) {
        setIndex((i) => Math.max(0, i - 1));
      } else if (isKey('queue.undo', key)) {
        const last = done.at(-1);
        if (!last) return;
        write(() => store.api.call('undoLabel'));
        setDone((d) => d.slice(0, -1));
        setIndex(last.index);
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [current, index, items.length, done, labelKeys, store, write]);

  // What this session gave the object on screen (seen again after ←): a label or a relevance.
  const given = done.findLast((d) => d.name === current?.name)?.label ?? null;
  const rated = done.filter((d) => d.rated).length;
  const counts = new Map<string, number>();
  for (const d of done) counts.set(d.label, (counts.get(d.label) ?? 0) + 1);

  return (
    <div className="queue-view" data-testid="queue-view">
      <div className="queue-bar">
        <div className="segmented">
          {QUEUE_MODES.map((m) => (
            <button
              key={m}
              className={mode === m ? 'active' : ''}
              title={QUEUE_MODE_HELP[m]}
              onClick={() => setMode(m)}
            >
              {m}
            </button>
          ))}
        </div>
        <span className="counter" data-testid="queue-counter">
          {done.length - rated} labelled, {rated} rated this session · #{index + 1} of {items.length}
        </span>
        <span className="counter">{[...counts].map(([l, n]) => `${l} ${n}`).join(' · ')}</span>
        <HitRate seen={items.slice(0, index)} />
      </div>
      {error && <div className="empty">{error}</div>}
      {!error && !current && <div className="empty">{items.length ? 'End of the queue.' : 'Loading the queue…'}</div>}
      {current && (
        <div className="queue-body">
          <figure className="queue-main">
            <QueueImage api={store.api} hit={current} images={images} />
            <figcaption>
              <span className="queue-name" data-testid="queue-name">
                {current.name}
              </span>
              <QueueScore hit={current} mode={mode} />
              {given && (
                <span className="queue-given" data-testid="queue-given">
                  yours: {given}
                </span>
              )}
            </figcaption>
          </figure>
          <div className="queue-side">
            <h3>Neighbours</h3>
            <NeighbourGrid
              api={store.api}
              neighbours={neighbours.get(current.name)}
              count={NEIGHBOURS}
              images={images}
            />
            <h3>Keys</h3>
            <ul className="key-list">
              {Object.entries(labelKeys).map(([k, l]) => (
                <li key={k}>
                  <kbd>{k}</kbd> {l}
                </li>
              ))}
              <li>
                <kbd>0</kbd>–<kbd>5</kbd> relevance
              </li>
              <li>
                <kbd>space</kbd> / <kbd>→</kbd> next · <kbd>←</kbd> back
              </li>
              <li>
                <kbd>z</kbd> undo
              </li>
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
