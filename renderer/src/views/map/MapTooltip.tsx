// The hover card: thumbnail, name and score of the object under the pointer.
import { useEffect, useState } from 'react';
import type { ObjectDetails } from '../../../../electron/core/api/view-types.js';
import { appStore } from '../../state/app-store.js';

export function MapTooltip({ id, x, y }: { id: number; x: number; y: number }) {
  const store = appStore();
  const [details, setDetails] = useState<ObjectDetails | null>(null);
  useEffect(() => {
    let live = true;
    void store.objectDetails(id).then((d) => live && setDetails(d));
    return () => {
      live = false;
    };
  }, [id, store]);
  return (
    <div className="map-tooltip" style={{ left: x + 14, top: y + 14 }} data-testid="map-tooltip">
      {details?.thumb && <img src={store.api.fileUrl(details.thumb)} alt="" width={128} height={128} />}
      <div className="tooltip-name">{details?.name ?? '…'}</div>
      {details && details.scores[0] && (
        <div className="tooltip-meta">
          score {details.scores[0].score.toPrecision(3)} · #{details.scores[0].rank}
        </div>
      )}
      {details?.label && <div className="tooltip-meta">label: {details.label}</div>}
    </div>
  );
}
