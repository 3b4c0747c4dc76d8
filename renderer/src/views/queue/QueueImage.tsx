// The queue's object on screen and its neighbours. The object is shown from its preview at
// its own size (or a whole multiple of it when small, or shrunk to fit when large), aspect
// kept; until the preview is decoded its thumbnail stands in at the same size. A neighbour
// tile shows its thumbnail once decoded, a named placeholder before: never a blank tile.
import { useEffect, useRef, useState } from 'react';
import type { ObjectHit } from '../../../../electron/core/api/contract.js';
import type { ApiClient } from '../../api/api-client.js';
import { fitScale, wholeScale } from '../inspector/zoom.js';
import type { QueueImages } from './queue-images.js';

/** The space the image may fill, measured, so the scale can be a whole multiple. */
function useBoxSize(): [React.RefObject<HTMLDivElement | null>, { width: number; height: number }] {
  const ref = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setBox({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, box];
}

export function QueueImage({ api, hit, images }: { api: ApiClient; hit: ObjectHit; images: QueueImages }) {
  const [boxRef, box] = useBoxSize();
  const preview = images.preview(hit.id);
  const previewUrl = preview?.preview ? api.fileUrl(preview.preview) : null;
  const usePreview = previewUrl !== null && images.isReady(previewUrl);
  const src = usePreview ? previewUrl : hit.thumb ? api.fileUrl(hit.thumb) : null;
  // Before the preview's size is known the thumbnail fills the box as a square.
  const width = preview?.preview ? preview.width : Math.min(box.width, box.height);
  const height = preview?.preview ? preview.height : width;
  const scale = wholeScale(fitScale(width, height, box.width, box.height));
  return (
    <div className="queue-image-box" ref={boxRef}>
      {src && box.width > 0 && (
        <img
          src={src}
          alt={hit.name}
          data-testid="queue-image"
          data-kind={usePreview ? 'preview' : 'thumb'}
          className={scale > 1 ? 'pixelated' : ''}
          style={{ width: Math.round(width * scale), height: Math.round(height * scale) }}
        />
      )}
    </div>
  );
}

export function NeighbourGrid(props: {
  api: ApiClient;
  neighbours: ObjectHit[] | undefined;
  count: number;
  images: QueueImages;
}) {
  const { api, neighbours, count, images } = props;
  const tiles = neighbours?.length ? neighbours : Array.from({ length: count }, () => null);
  return (
    <div className="thumb-grid small" data-testid="queue-neighbours">
      {tiles.map((n, i) => {
        const url = n?.thumb ? api.fileUrl(n.thumb) : null;
        return url && images.isReady(url) ? (
          <img key={n!.id} src={url} alt={n!.name} title={n!.name} data-testid="neighbour-tile" />
        ) : (
          <div key={n?.id ?? `pending-${i}`} className="thumb-placeholder" title={n?.name} data-testid="neighbour-tile">
            {n?.name ?? '…'}
          </div>
        );
      })}
    </div>
  );
}
