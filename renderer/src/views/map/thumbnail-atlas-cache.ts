// Thumbnails for the zoomed-in map, fetched as server-built atlases (one WebP mosaic per
// batch of up to 64 objects, API method thumbnailAtlas) for the objects on screen only;
// atlas-requests.ts decides what is sent and cancels what the view has left behind.
// Batches are kept in a small LRU; an evicted batch's bitmap is closed. Owned by MapView.
import type { ApiClient } from '../../api/api-client.js';
import { AtlasRequests } from './atlas-requests.js';

/** Batches kept decoded (64 × 64 px cells: ~1 MB each). */
const MAX_BATCHES = 24;

export interface AtlasBatch {
  key: number;
  bitmap: ImageBitmap;
  /** Icon name (the object id as a string) → its cell in the bitmap. */
  mapping: Record<string, { x: number; y: number; width: number; height: number; anchorX: number; anchorY: number }>;
}

export class ThumbnailAtlasCache {
  /** id → its batch, or null when the object has no thumbnail. */
  private readonly byId = new Map<number, AtlasBatch | null>();
  /** Batches in LRU order (oldest first: Map keeps insertion order). */
  private readonly batches = new Map<number, AtlasBatch>();
  /** What is asked for and cancelled (the test probe reads its counters). */
  readonly requests: AtlasRequests;
  private nextKey = 1;
  private disposed = false;

  constructor(
    private readonly api: ApiClient,
    private readonly onDidLoad: () => void,
  ) {
    this.requests = new AtlasRequests((ids, signal) => this.load(ids, signal));
  }

  /** The batch holding an id's thumbnail; undefined while unknown or loading, null for none. */
  batchOf(id: number): AtlasBatch | null | undefined {
    return this.byId.get(id);
  }

  /**
   * The visible ids: their cached batches are marked recently used, the rest asked for; `want([])` cancels what is out.
   */
  want(ids: number[]): void {
    for (const id of ids) {
      const batch = this.byId.get(id);
      if (batch) this.touch(batch);
    }
    this.requests.want(ids, (id) => this.byId.has(id));
  }

  dispose(): void {
    this.disposed = true;
    this.requests.dispose();
    for (const batch of this.batches.values()) batch.bitmap.close();
    this.batches.clear();
    this.byId.clear();
  }

  private touch(batch: AtlasBatch): void {
    this.batches.delete(batch.key);
    this.batches.set(batch.key, batch);
  }

  private async load(ids: number[], signal: AbortSignal): Promise<void> {
    const atlas = await this.api.callAbortable(signal, 'thumbnailAtlas', ids);
    if (signal.aborted || this.disposed) return;
    for (const id of ids) this.byId.set(id, null);
    if (atlas.ids.length) {
      const bitmap = await createImageBitmap(
        new Blob([atlas.image as Uint8Array<ArrayBuffer>], { type: 'image/webp' }),
      );
      if (this.disposed) return bitmap.close();
      const batch: AtlasBatch = { key: this.nextKey++, bitmap, mapping: {} };
      atlas.ids.forEach((id, k) => {
        batch.mapping[String(id)] = {
          x: (k % atlas.columns) * atlas.cell,
          y: Math.floor(k / atlas.columns) * atlas.cell,
          width: atlas.cell,
          height: atlas.cell,
          // Centred on the point (IconLayer anchors at the bottom by default).
          anchorX: atlas.cell / 2,
          anchorY: atlas.cell / 2,
        };
        this.byId.set(id, batch);
      });
      this.batches.set(batch.key, batch);
      this.evict();
    }
    this.onDidLoad();
  }

  private evict(): void {
    while (this.batches.size > MAX_BATCHES) {
      const [key, oldest] = this.batches.entries().next().value!;
      this.batches.delete(key);
      for (const id of Object.keys(oldest.mapping)) this.byId.delete(Number(id));
      oldest.bitmap.close();
    }
  }
}
