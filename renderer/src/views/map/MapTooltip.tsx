// The hover card: thumbnail, name, score and rank (object-score.ts, as the queue and inspector
// write them) and label or relevance of the object under the pointer.
import { useObjectDetails } from '../../state/use-object-details.js';
import { appStore, useAppState } from '../../state/app-store.js';
import { currentScore, scoreSummary } from '../../state/object-score.js';
import { labelSummary } from '../../state/label-summary.js';

export function MapTooltip({ id, x, y }: { id: number; x: number; y: number }) {
  const store = appStore();
  const scoreRuns = useAppState((s) => s.map?.scoreRuns ?? null);
  const details = useObjectDetails(id);
  const score = details && currentScore(details, scoreRuns);
  const yours = details && labelSummary(details);
  return (
    <div className="map-tooltip" style={{ left: x + 14, top: y + 14 }} data-testid="map-tooltip">
      {details?.thumb && <img src={store.api.fileUrl(details.thumb)} alt="" width={128} height={128} />}
      <div className="tooltip-name">{details?.name ?? '…'}</div>
      {score && (
        <div className="tooltip-meta" data-testid="tooltip-score">
          {scoreSummary(score)}
        </div>
      )}
      {yours && <div className="tooltip-meta">{yours}</div>}
    </div>
  );
}
