// The queue's images, fetched and decoded ahead of the keypress that shows them: the next
// objects' previews (≤512 px, aspect kept) and thumbnails, and their neighbours' thumbnails.
// A view draws an image only once it is decoded (else its placeholder), so nothing on screen
// is ever blank or half-loaded after a keypress.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ObjectHit, ObjectPreview } from '../../../../electron/core/api/contract.js';
import type { ApiClient } from '../../api/api-client.js';

/** Decoded images kept; the oldest go first (a few hundred thumbnails and previews is a few tens of MB). */
const KEPT_IMAGES = 400;

/** Images decoded off screen; `ready` says which can be drawn at once. */
export class DecodedImages {
  private readonly images = new Map<string, HTMLImageElement>();
  private readonly ready = new Set<string>();

  constructor(private readonly onReady: () => void) {}

  load(url: string): void {
    if (this.images.has(url)) return;
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    this.images.set(url, img);
    img.decode().then(
      () => {
        if (!this.images.has(url)) return;
        this.ready.add(url);
        this.onReady();
      },
      () => {},
    );
    while (this.images.size > KEPT_IMAGES) {
      const oldest = this.images.keys().next().value!;
      this.images.delete(oldest);
      this.ready.delete(oldest);
    }
  }

  isReady(url: string): boolean {
    return this.ready.has(url);
  }
}

export interface QueueImages {
  preview(id: number): ObjectPreview | undefined;
  isReady(url: string): boolean;
}

/**
 * Previews for `ahead` (the object on screen and the next ones), loaded with their thumbnails and the neighbours'
 * thumbnails; re-renders the caller as each image finishes decoding.
 */
export function useQueueImages(api: ApiClient, ahead: ObjectHit[], neighbours: Map<string, ObjectHit[]>): QueueImages {
  const [, setDecoded] = useState(0);
  const decoded = useRef<DecodedImages | null>(null);
  decoded.current ??= new DecodedImages(() => setDecoded((n) => n + 1));
  const previews = useRef(new Map<number, ObjectPreview>());
  const asked = useRef(new Set<number>());

  useEffect(() => {
    const images = decoded.current!;
    for (const hit of ahead) {
      if (hit.thumb) images.load(api.fileUrl(hit.thumb));
      for (const n of neighbours.get(hit.name) ?? []) if (n.thumb) images.load(api.fileUrl(n.thumb));
    }
    const ids = ahead.map((h) => h.id).filter((id) => !asked.current.has(id));
    if (!ids.length) return;
    for (const id of ids) asked.current.add(id);
    void api.call('objectPreviews', ids).then(
      (made) => {
        for (const p of made) {
          previews.current.set(p.id, p);
          if (p.preview) images.load(api.fileUrl(p.preview));
        }
        setDecoded((n) => n + 1);
      },
      // The thumbnails stand in; asked again when the object comes round next.
      () => ids.forEach((id) => asked.current.delete(id)),
    );
  }, [api, ahead, neighbours]);

  const preview = useCallback((id: number) => previews.current.get(id), []);
  const isReady = useCallback((url: string) => decoded.current!.isReady(url), []);
  return { preview, isReady };
}
