// The k nearest neighbours of the selected object in the current embedding, as
// thumbnails; click one to inspect it, or label them all.
import { useEffect, useState } from 'react';
import type { ObjectHit } from '../../../../electron/core/api/contract.js';
import type { ObjectDetails } from '../../../../electron/core/api/view-types.js';
import { appStore } from '../../state/app-store.js';
import { LabelSetForm } from '../LabelSetForm.js';

const K = 12;

export function SimilarGrid({ details }: { details: ObjectDetails }) {
  const store = appStore();
  const [hits, setHits] = useState<ObjectHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setHits(null);
    void store.api.call('similar', [details.name], K).then(
      (h) => live && (setHits(h), setError(null)),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [details.name, store]);
  if (error) return <div className="similar muted">Similar: {error}</div>;
  return (
    <section className="similar" data-testid="similar">
      <h3>Similar</h3>
      <div className="thumb-grid">
        {(hits ?? []).map((h) => (
          <button
            key={h.id}
            className="thumb"
            onClick={() => store.select(h.id)}
            title={`${h.name} (distance ${h.score.toPrecision(3)})`}
          >
            {h.thumb ? <img src={store.api.fileUrl(h.thumb)} alt={h.name} loading="lazy" /> : h.name}
          </button>
        ))}
      </div>
      {hits && hits.length > 0 && <LabelSetForm ids={hits.map((h) => h.id)} />}
    </section>
  );
}
