// Everything labelled, newest first, filterable by label; export from here.
import { useEffect, useState } from 'react';
import type { LabelledObject } from '../../../electron/core/api/view-types.js';
import { appStore, useAppState } from '../state/app-store.js';
import { ExportDialog } from './ExportDialog.js';

export function LabelsGallery() {
  const store = appStore();
  const labelsVersion = useAppState((s) => s.labelsVersion);
  const [filter, setFilter] = useState<string | null>(null);
  const [counts, setCounts] = useState<{ label: string; count: number }[]>([]);
  const [items, setItems] = useState<LabelledObject[]>([]);
  const [exporting, setExporting] = useState(false);
  useEffect(() => {
    void store.api.call('labelCounts').then(setCounts);
    void store.api.call('labelled', ...(filter ? [filter] : [])).then(setItems);
  }, [filter, labelsVersion, store]);
  const total = counts.reduce((s, c) => s + c.count, 0);
  return (
    <div className="gallery" data-testid="gallery">
      <div className="gallery-bar">
        <button className={filter === null ? 'chip active' : 'chip'} onClick={() => setFilter(null)}>
          all {total}
        </button>
        {counts.map((c) => (
          <button
            key={c.label}
            className={filter === c.label ? 'chip active' : 'chip'}
            onClick={() => setFilter(c.label)}
          >
            {c.label} {c.count}
          </button>
        ))}
        <span className="spacer" />
        <button className="primary" onClick={() => setExporting(true)}>
          Export…
        </button>
      </div>
      {items.length === 0 && <div className="empty">Nothing labelled yet. Label from the queue (2) or the map.</div>}
      <div className="thumb-grid gallery-grid">
        {items.map((o) => (
          <button key={o.id} className="gallery-item" onClick={() => store.select(o.id)} data-testid="gallery-item">
            {o.thumb && <img src={store.api.fileUrl(o.thumb)} alt={o.name} loading="lazy" />}
            <span className="gallery-caption">{o.name}</span>
            <span className="gallery-label">
              {o.label}
              {o.relevance !== null ? ` · ${o.relevance}` : ''}
            </span>
          </button>
        ))}
      </div>
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
    </div>
  );
}
