// The k nearest neighbours of the selected object in the current embedding, as
// thumbnails; click one to inspect it, or label them all. When no embedding of the object's
// modality covers it yet (none made, or the object came later), a button queues that
// modality's default embedding with its scores and map, and the grid asks again once it is done.
import { useEffect, useState } from 'react';
import type { ObjectHit } from '../../../../electron/core/api/contract.js';
import {
  DEFAULT_EMBED_METHOD,
  SPECTRUM_REGIMES,
  type Modality,
  type SpectrumRegime,
} from '../../../../electron/core/api/contract-lists.js';
import type { ObjectDetails } from '../../../../electron/core/api/view-types.js';
import { ApiError } from '../../api/api-error.js';
import { appStore, useAppState } from '../../state/app-store.js';
import { LabelSetForm } from '../LabelSetForm.js';

const K = 12;

/** How the grid failed: no embedding to answer from (a job can fix it), or another error, in words. */
type Failure = { kind: 'no-embedding' } | { kind: 'error'; message: string };

export function SimilarGrid({ details }: { details: ObjectDetails }) {
  const store = appStore();
  const [hits, setHits] = useState<ObjectHit[] | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [queued, setQueued] = useState(false);
  // Finished embeddings: each one may answer what failed before.
  const embeddings = useAppState((s) => s.jobs.filter((j) => j.method === 'embed' && j.state === 'done').length);
  useEffect(() => {
    let live = true;
    setHits(null);
    void store.api.call('similar', [details.name], K).then(
      (h) => live && (setHits(h), setFailure(null), setQueued(false)),
      (err: Error) => {
        if (!live) return;
        const noEmbedding = err instanceof ApiError && err.code === 'conflict';
        setFailure(noEmbedding ? { kind: 'no-embedding' } : { kind: 'error', message: err.message });
      },
    );
    return () => {
      live = false;
    };
  }, [details.name, store, embeddings]);
  const modality = (details.modality === 'spectrum' ? 'spectrum' : 'image') satisfies Modality;
  // A spectrum's model grid (ingest's model_grid metadata): 'none' outside every grid, where nothing can embed it.
  const grid = modality === 'spectrum' ? details.metadata.model_grid : undefined;
  if (failure?.kind === 'error') return <div className="similar muted">Similar: {failure.message}</div>;
  if (failure?.kind === 'no-embedding' && grid === 'none') {
    return (
      <section className="similar muted" data-testid="similar">
        <h3>Similar</h3>
        <p>This spectrum lies outside every model grid, so no embedding can include it.</p>
      </section>
    );
  }
  if (failure?.kind === 'no-embedding') {
    const regime = (SPECTRUM_REGIMES as readonly string[]).includes(grid ?? '') ? (grid as SpectrumRegime) : undefined;
    const what = modality === 'spectrum' ? `${regime ? `${regime} ` : ''}spectra` : 'images';
    const compute = () => {
      setQueued(true);
      void store
        .computeAll({ modality, method: DEFAULT_EMBED_METHOD[modality], ...(regime ? { grid: regime } : {}) })
        .catch(() => setQueued(false));
    };
    return (
      <section className="similar muted" data-testid="similar">
        <h3>Similar</h3>
        <p>No embedding of the {what} includes this object yet.</p>
        <button data-testid="similar-compute" disabled={queued} onClick={compute}>
          {queued ? 'Computing the embedding…' : `Compute the ${what}' embedding, scores and map`}
        </button>
      </section>
    );
  }
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
