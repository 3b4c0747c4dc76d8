// Thumbnail atlases for the zoomed-in map: one WebP mosaic per batch of objects, so the
// renderer makes one request and uploads one texture per batch instead of one per object.
import { loadSharp } from '../util/heavy-packages.js';
import type { Workspace } from '../workspace/workspace.js';
import { getObject } from '../workspace/repositories/objects-repo.js';

/** Most objects one atlas request may name (8 × 8 cells). */
export const ATLAS_MAX_IDS = 64;
/** Cell side in pixels: thumbnails are drawn at most this large on the map. */
export const ATLAS_CELL = 64;

export interface ThumbnailAtlas {
  /**
   * Ids drawn in the mosaic, in cell order (cell k at column k % columns, row ⌊k / columns⌋); ids without a
   * readable thumbnail are left out.
   */
  ids: Float64Array;
  /** Cell side in pixels. */
  cell: number;
  columns: number;
  /** The mosaic as WebP bytes; empty when no id had a thumbnail. */
  image: Uint8Array;
}

export async function buildThumbnailAtlas(workspace: Workspace, ids: number[]): Promise<ThumbnailAtlas> {
  const sharp = await loadSharp();
  const cells: { id: number; input: Buffer }[] = [];
  for (const id of ids.slice(0, ATLAS_MAX_IDS)) {
    const thumb = getObject(workspace.db, id)?.thumb;
    if (!thumb) continue;
    try {
      // Thumbnails are small; resize keeps one cell size whatever size ingest chose.
      const input = await sharp(workspace.resolvePath(thumb))
        .resize(ATLAS_CELL, ATLAS_CELL, { fit: 'contain', background: '#000' })
        .removeAlpha()
        .png()
        .toBuffer();
      cells.push({ id, input });
    } catch {
      // A missing or unreadable thumbnail leaves that object drawn as a point.
    }
  }
  const columns = Math.max(1, Math.ceil(Math.sqrt(cells.length)));
  if (cells.length === 0) return { ids: new Float64Array(0), cell: ATLAS_CELL, columns, image: new Uint8Array(0) };
  const rows = Math.ceil(cells.length / columns);
  const image = await sharp({
    create: { width: columns * ATLAS_CELL, height: rows * ATLAS_CELL, channels: 3, background: '#000' },
  })
    .composite(
      cells.map((c, k) => ({
        input: c.input,
        left: (k % columns) * ATLAS_CELL,
        top: Math.floor(k / columns) * ATLAS_CELL,
      })),
    )
    .webp({ quality: 85 })
    .toBuffer();
  return {
    ids: Float64Array.from(cells.map((c) => c.id)),
    cell: ATLAS_CELL,
    columns,
    image: new Uint8Array(image.buffer, image.byteOffset, image.byteLength),
  };
}
