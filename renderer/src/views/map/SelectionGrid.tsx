// A box or lasso selection opens as a grid of the selected objects' thumbnails before anything
// is labelled: clicking a tile leaves that object out (clicking again takes it back), and the
// objects still in are labelled at once. Esc closes the grid and drops the selection.
import { useEffect, useMemo, useState } from 'react';
import { useObjectDetails } from '../../state/use-object-details.js';
import { appStore } from '../../state/app-store.js';
import { LabelSetForm } from '../LabelSetForm.js';

/** Tiles drawn at most; a larger selection is labelled whole, its first tiles shown. */
export const SELECTION_GRID_LIMIT = 500;

function Tile({ id, out, onToggle }: { id: number; out: boolean; onToggle: () => void }) {
  const store = appStore();
  const details = useObjectDetails(id);
  return (
    <button
      className={`selection-tile${out ? ' out' : ''}`}
      onClick={onToggle}
      title={`${details?.name ?? id}: click to ${out ? 'take back' : 'leave out'}`}
      aria-pressed={!out}
      data-testid="selection-tile"
      data-id={id}
    >
      {details?.thumb ? <img src={store.api.fileUrl(details.thumb)} alt="" loading="lazy" /> : <span>…</span>}
      <span className="tile-name">{details?.name ?? ''}</span>
    </button>
  );
}

export function SelectionGrid({ ids }: { ids: number[] }) {
  const store = appStore();
  const [out, setOut] = useState<ReadonlySet<number>>(new Set());
  const kept = useMemo(() => ids.filter((id) => !out.has(id)), [ids, out]);
  const close = () => store.set({ boxSelection: [] });
  useEffect(() => {
    setOut(new Set());
  }, [ids]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && store.set({ boxSelection: [] });
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
  const toggle = (id: number) =>
    setOut((old) => {
      const next = new Set(old);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <div className="selection-grid" data-testid="selection-grid">
      <div className="selection-bar" data-testid="selection-bar">
        <span>{kept.length} selected</span>
        {out.size > 0 && <span className="muted">({out.size} left out)</span>}
        <LabelSetForm ids={kept} onDone={close} />
        <button onClick={close} title="Close (Esc)">
          Clear
        </button>
      </div>
      <p className="selection-hint">
        Click an object to leave it out of the label.
        {ids.length > SELECTION_GRID_LIMIT &&
          ` Showing the first ${SELECTION_GRID_LIMIT} of ${ids.length}; the rest are labelled too.`}
      </p>
      <div className="selection-tiles">
        {ids.slice(0, SELECTION_GRID_LIMIT).map((id) => (
          <Tile key={id} id={id} out={out.has(id)} onToggle={() => toggle(id)} />
        ))}
      </div>
    </div>
  );
}
