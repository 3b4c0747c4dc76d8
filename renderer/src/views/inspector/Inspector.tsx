// The selected object: an image's pixels (any image format, with stretches and zoom) or, for
// a spectrum, its plot with line markers; label, relevance and note, scores, metadata, label
// history and its nearest neighbours; on demand, why it is odd (ExplainPanel), with where it is
// odd drawn over its image.
import { useObjectDetails } from '../../state/use-object-details.js';
import { appStore, useAppState } from '../../state/app-store.js';
import { PixelView } from './PixelView.js';
import { LabelEditor } from './LabelEditor.js';
import { SimilarGrid } from './SimilarGrid.js';
import { SpectrumView } from './SpectrumView.js';
import { FactsTable } from './FactsTable.js';
import { ExplainPanel } from './ExplainPanel.js';
import { OverlayControls } from './ExplainOverlay.js';
import { useExplainView } from './use-explain-view.js';

export function Inspector({ id }: { id: number }) {
  const store = appStore();
  const labelsVersion = useAppState((s) => s.labelsVersion);
  const details = useObjectDetails(id, {
    version: labelsVersion,
    onError: (err) => store.set({ error: err.message }),
  });
  const explain = useExplainView(details?.name ?? null);
  const { overlay } = explain;

  if (!details) return <aside className="inspector">Loading…</aside>;
  const isSpectrum = details.modality === 'spectrum';
  return (
    <aside
      className={isSpectrum ? 'inspector inspector-spectrum' : 'inspector'}
      data-testid="inspector"
      data-modality={details.modality}
    >
      <div className="inspector-head">
        <h2 data-testid="inspector-name">{details.name}</h2>
        <button className="close" onClick={() => store.select(null)} title="Close (Esc)">
          ×
        </button>
      </div>
      {isSpectrum ? (
        <SpectrumView id={id} />
      ) : (
        <div className="inspector-image">
          <PixelView
            id={id}
            width={details.width}
            height={details.height}
            fallback={
              details.thumb && <img className="large-thumb" src={store.api.fileUrl(details.thumb)} alt={details.name} />
            }
            overlay={overlay.drawn?.map}
            onBandShown={explain.setShownBand}
          />
          <OverlayControls
            choices={overlay.choices}
            chosen={overlay.chosen}
            on={overlay.on}
            onToggle={overlay.toggle}
            onPick={overlay.pick}
          />
        </div>
      )}
      <LabelEditor details={details} />
      <FactsTable details={details} />
      {details.history.length > 0 && (
        <details className="history">
          <summary>label history ({details.history.length})</summary>
          <ol>
            {details.history.map((h, i) => (
              <li key={i}>
                {h.at.slice(0, 19).replace('T', ' ')} {h.action} {h.label ?? ''}
                {h.relevance !== null ? ` (${h.relevance})` : ''} · {h.source}
              </li>
            ))}
          </ol>
        </details>
      )}
      <ExplainPanel view={explain} />
      <SimilarGrid details={details} />
    </aside>
  );
}
