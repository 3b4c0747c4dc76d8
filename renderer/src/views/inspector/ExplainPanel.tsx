// "Why odd?" for the selected object: where each anomaly scorer ranks it, the morphology (or
// spectral) features that set it apart from its typical neighbours (in σ of their spread and in words),
// those neighbours side by side (click one to inspect it), and what could not be shown (notes).
// Asked for on demand (the button or its key); the overlay on the image is ExplainOverlay's.
import { useEffect, useRef, useState } from 'react';
import type { Explanation, FeatureContrast, ScorerPlace } from '../../../../electron/core/api/contract-explain.js';
import { formatRank, formatScore } from '../../../../electron/core/util/score-numbers.js';
import { binding, displayKeys } from '../../keyboard.js';
import { appStore } from '../../state/app-store.js';
import type { ExplainView } from './use-explain-view.js';
import { SpectrumDrivers } from './ExplainSpectrumPlot.js';
import './explain.css';

/** Features listed at once; the rest behind "more". */
const FEATURES_SHOWN = 6;
/** |σ| that fills a feature's bar. */
const FULL_BAR_SIGMA = 5;

export function ExplainPanel({ view }: { view: Pick<ExplainView, 'open' | 'toggleOpen' | 'state'> }) {
  const { open, toggleOpen, state } = view;
  const keys = displayKeys(binding('inspector.explain'));
  const section = useRef<HTMLElement>(null);
  // Opened from a key or the button, the panel may lie below the fold: bring its head into view, no further.
  useEffect(() => {
    if (open) section.current?.scrollIntoView({ block: 'nearest' });
  }, [open]);
  return (
    <section ref={section} className="explain" data-testid="explain" data-phase={state.phase}>
      <div className="explain-head">
        <h3>Why odd?</h3>
        <button
          onClick={toggleOpen}
          title={`Explain this object's anomaly scores (${keys})`}
          data-testid="explain-toggle"
        >
          {open ? 'Hide' : 'Explain'}
        </button>
      </div>
      {state.phase === 'loading' && (
        <p className="muted" data-testid="explain-loading">
          Explaining…
        </p>
      )}
      {state.phase === 'failed' && (
        <p className="explain-error" data-testid="explain-error">
          {state.message}
        </p>
      )}
      {state.phase === 'done' && <ExplainBody result={state.result} />}
    </section>
  );
}

function ExplainBody({ result }: { result: Explanation }) {
  return (
    <>
      {result.notes.map((note) => (
        <p key={note} className="explain-note muted" data-testid="explain-note">
          {note}
        </p>
      ))}
      <Scorers scorers={result.scorers} typicalBy={result.typicalBy.method} />
      <Features features={result.features} />
      {result.spectrum && <SpectrumDrivers spectrum={result.spectrum} />}
      <Neighbours neighbours={result.neighbours} />
    </>
  );
}

function Scorers({ scorers, typicalBy }: { scorers: ScorerPlace[]; typicalBy: string }) {
  return (
    <table className="explain-scorers" data-testid="explain-scorers">
      <caption>Scorers</caption>
      <tbody>
        {scorers.map((s) => (
          <tr key={s.runId} className={s.top ? 'top' : ''} data-testid="explain-scorer" data-method={s.method}>
            <th>{s.method}</th>
            <td>{formatScore(s.score)}</td>
            <td>{formatRank(s)}</td>
            <td>{s.top ? <span className="explain-top">top 5%</span> : ''}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={4} className="muted">
            Typical neighbours: outside the top 5% of {typicalBy}.
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

function FeatureRow({ feature }: { feature: FeatureContrast }) {
  const { sigma } = feature;
  const share = sigma === null ? 1 : Math.min(1, Math.abs(sigma) / FULL_BAR_SIGMA);
  const sign = sigma === null ? 'none' : sigma >= 0 ? 'above' : 'below';
  return (
    <li
      data-testid="explain-feature"
      data-sigma={sigma ?? ''}
      title={
        `${feature.name}: ${feature.value.toPrecision(3)}, ` +
        `typical ${feature.mean.toPrecision(3)} ± ${feature.sd.toPrecision(2)}`
      }
    >
      <span className={`explain-bar ${sign}`} style={{ width: `${share * 100}%` }} />
      <span className="explain-phrase">{feature.phrase}</span>
    </li>
  );
}

function Features({ features }: { features: FeatureContrast[] }) {
  const first = features.slice(0, FEATURES_SHOWN);
  const rest = features.slice(FEATURES_SHOWN);
  return (
    <div className="explain-features" data-testid="explain-features">
      <h4>Features against its typical neighbours</h4>
      <ol>
        {first.map((f) => (
          <FeatureRow key={f.name} feature={f} />
        ))}
      </ol>
      {rest.length > 0 && (
        <details>
          <summary>{rest.length} more</summary>
          <ol start={FEATURES_SHOWN + 1}>
            {rest.map((f) => (
              <FeatureRow key={f.name} feature={f} />
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

/** The typical neighbours' thumbnails, read from their details; a newer list drops an older one's answers. */
function Neighbours({ neighbours }: { neighbours: Explanation['neighbours'] }) {
  const store = appStore();
  const [thumbs, setThumbs] = useState<Map<number, string | null>>(new Map());
  useEffect(() => {
    let live = true;
    setThumbs(new Map());
    void Promise.all(neighbours.map((n) => store.api.call('objectDetails', n.id).then((d) => [n.id, d.thumb] as const)))
      .then((pairs) => live && setThumbs(new Map(pairs)))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [neighbours, store]);
  return (
    <div className="explain-neighbours" data-testid="explain-neighbours">
      <h4>Typical neighbours</h4>
      <div className="thumb-grid">
        {neighbours.map((n) => {
          const thumb = thumbs.get(n.id);
          return (
            <button
              key={n.id}
              className="thumb"
              onClick={() => store.select(n.id)}
              title={`${n.name} (distance ${n.distance.toPrecision(3)})`}
              data-testid="explain-neighbour"
            >
              {thumb ? (
                <img src={store.api.fileUrl(thumb)} alt={n.name} loading="lazy" />
              ) : (
                <span className="thumb-placeholder">{n.name}</span>
              )}
            </button>
          );
        })}
      </div>
    </div>
  );
}
