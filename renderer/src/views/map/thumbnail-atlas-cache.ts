// Thumbnails for the zoomed-in map, fetched as server-built atlases (one WebP mosaic per
// batch of up to 64 objects, API method thumbnailAtlas) for the objects on screen only.
// Batches are kept in a small LRU; an evicted batch's bitmap is closed. Owned by MapView.
import type { ApiClient } from '../../api/api-client.js';

/** Objects per atlas request (the API's limit). */
export const ATLAS_BATCH = 64;
/** Batches kept decoded (64 × 64 px cells: ~1 MB each). */
const MAX_BATCHES = 24;
/** Atlas requests in flight at once: enough to fill a screen quickly, few enough to keep the server responsive. */
const MAX_IN_FLIGHT = 2;

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
  private readonly pending = new Set<number>();
  private readonly waiting: number[][] = [];
  private inFlight = 0;
  private nextKey = 1;
  private disposed = false;
  /** Atlas requests made, and every id they asked for (the test probe reads these). */
  readonly requestedIds: number[] = [];
  requests = 0;

  constructor(private readonly api: ApiClient, private readonly onDidLoad: () => void) {}

  /** The batch holding an id's thumbnail; undefined while unknown or loading, null for none. */
  batchOf(id: number): AtlasBatch | null | undefined {
    return this.byId.get(id);
  }

  /** Asks for the thumbnails of these (visible) ids that are neither cached nor on their way; marks their batches as recently used. */
  want(ids: number[]): void {
    const missing: number[] = [];
    for (const id of ids) {
      const batch = this.byId.get(id);
      if (batch) this.touch(batch);
      else if (batch === undefined && !this.pending.has(id)) missing.push(id);
    }
    // A newer view supersedes batches still waiting to be sent.
    this.waiting.length = 0;
    for (let i = 0; i < missing.length; i += ATLAS_BATCH) this.waiting.push(missing.slice(i, i + ATLAS_BATCH));
    for (const id of missing) this.pending.add(id);
    this.pump();
  }

  dispose(): void {
    this.disposed = true;
    for (const batch of this.batches.values()) batch.bitmap.close();
    this.batches.clear();
    this.byId.clear();
  }

  private touch(batch: AtlasBatch): void {
    this.batches.delete(batch.key);
    this.batches.set(batch.key, batch);
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.waiting.length) {
      const ids = this.waiting.shift()!.filter((id) => this.pending.has(id));
      if (ids.length) void this.load(ids);
    }
    // Ids dropped from the waiting list (superseded views) may be asked for again later.
    if (this.inFlight === 0) this.pending.clear();
  }

  private async load(ids: number[]): Promise<void> {
    this.inFlight++;
    this.requests++;
    this.requestedIds.push(...ids);
    try {
      const atlas = await this.api.call('thumbnailAtlas', ids);
      if (this.disposed) return;
      for (const id of ids) this.byId.set(id, null);
      if (atlas.ids.length) {
        const bitmap = await createImageBitmap(new Blob([atlas.image as Uint8Array<ArrayBuffer>], { type: 'image/webp' }));
        if (this.disposed) return bitmap.close();
        const batch: AtlasBatch = { key: this.nextKey++, bitmap, mapping: {} };
        atlas.ids.forEach((id, k) => {
          batch.mapping[String(id)] = { x: (k % atlas.columns) * atlas.cell, y: Math.floor(k / atlas.columns) * atlas.cell, width: atlas.cell, height: atlas.cell,
            // Centred on the point (IconLayer anchors at the bottom by default).
            anchorX: atlas.cell / 2, anchorY: atlas.cell / 2 };
          this.byId.set(id, batch);
        });
        this.batches.set(batch.key, batch);
        this.evict();
      }
      this.onDidLoad();
    } catch {
      // A failed batch leaves its objects as points; they are asked for again on the next view change.
    } finally {
      for (const id of ids) this.pending.delete(id);
      this.inFlight--;
      if (!this.disposed) this.pump();
    }
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
