// Display previews for the views that show one object large (the queue): the object at up to
// PREVIEW_SIDE px on its long side, aspect ratio kept, never enlarged. Rasters keep their own
// pixels; FITS and measurement HDF5 rows are stretched as thumbnails are (zscale + asinh, reddest
// band to R). Made on first request, written atomically to previews/ and served like thumbnails;
// making them at ingest would cost every object a second encode for the few that get looked at.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSharp } from '../util/heavy-packages.js';
import type { Workspace } from '../workspace/workspace.js';
import { getObject, type ObjectWithPath } from '../workspace/repositories/objects-repo.js';
import { rgbBandOrder, stretchBand } from '../ingest/thumbnail.js';
import { thumbnailName, writeThumbnail } from '../ingest/thumbnail-store.js';
import { bandPlane } from '../ingest/decoded-image.js';
import { readObjectImage } from './object-image.js';
import { PREVIEW_SIDE, type ObjectPreview } from './contract-preview.js';

/** Near-lossless for display images; the preview is looked at closely, unlike a 128 px thumbnail. */
const PREVIEW_WEBP = { quality: 92, effort: 2 } as const;

/** One preview per source item, named like its thumbnail (a hash of path and item) under previews/. */
export function previewName(storedPath: string, itemIndex: number): string {
  return thumbnailName(storedPath, itemIndex).replace(/^thumbs\//, 'previews/');
}

/** The preview as WebP bytes and its size. */
export async function renderPreview(
  workspace: Workspace,
  object: ObjectWithPath,
  maxSide = PREVIEW_SIDE,
): Promise<{ webp: Buffer; width: number; height: number }> {
  const image = await readObjectImage(workspace, object, maxSide);
  const { width, height } = image;
  const plane = width * height;
  const channels = image.bands >= 3 ? 3 : 1;
  const pixels = new Uint8Array(plane * channels);
  const order = rgbBandOrder(image.bands);
  if (image.source === 'raster') {
    // Already display values (0–255) in R, G, B order.
    for (let c = 0; c < channels; c++) {
      const band = bandPlane(image, c);
      for (let i = 0; i < plane; i++) pixels[i * channels + c] = band[i];
    }
  } else for (let c = 0; c < channels; c++) stretchBand(bandPlane(image, order[c]), pixels, c, channels);
  const sharp = await loadSharp();
  const webp = await sharp(pixels, { raw: { width, height, channels } }).webp(PREVIEW_WEBP).toBuffer();
  return { webp, width, height };
}

/** Previews being made, by target file: two requests for one object make it once. */
const making = new Map<string, Promise<{ width: number; height: number }>>();

async function previewSize(file: string): Promise<{ width: number; height: number }> {
  const sharp = await loadSharp();
  const meta = await sharp(file).metadata();
  return { width: meta.width ?? 0, height: meta.height ?? 0 };
}

/** A preview kept from before, unless its source changed since (a re-ingest of an edited file). */
async function keptPreview(file: string, source: string): Promise<{ width: number; height: number } | null> {
  try {
    const [kept, from] = await Promise.all([stat(file), stat(source)]);
    return kept.mtimeMs >= from.mtimeMs ? await previewSize(file) : null;
  } catch {
    return null;
  }
}

export async function objectPreview(workspace: Workspace, id: number): Promise<ObjectPreview> {
  const none = { id, preview: null, width: 0, height: 0 };
  const object = getObject(workspace.db, id);
  if (!object || object.modality === 'spectrum') return none;
  const name = previewName(object.path, object.item_index);
  const file = join(workspace.paths.root, name);
  let job = making.get(file);
  if (!job) {
    job = (async () => {
      const kept = await keptPreview(file, workspace.resolvePath(object.path));
      if (kept) return kept;
      const { webp, width, height } = await renderPreview(workspace, object);
      await writeThumbnail(workspace.paths.root, name, webp);
      return { width, height };
    })().finally(() => making.delete(file));
    making.set(file, job);
  }
  try {
    return { id, preview: name, ...(await job) };
  } catch {
    // The queue then shows the thumbnail; the inspector's pixel view reports the file's own error.
    return none;
  }
}

export function objectPreviews(workspace: Workspace, ids: number[]): Promise<ObjectPreview[]> {
  return Promise.all(ids.map((id) => objectPreview(workspace, id)));
}
