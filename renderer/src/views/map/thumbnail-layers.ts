// One deck.gl IconLayer per loaded atlas batch, drawing the visible objects' thumbnails.
// Only the (at most a few hundred) visible rows become layer data; the full map stays binary.
import { IconLayer } from '@deck.gl/layers';
import type { MapData } from '../../../../electron/core/api/view-types.js';
import type { AtlasBatch, ThumbnailAtlasCache } from './thumbnail-atlas-cache.js';

/** Thumbnail side on screen: shrinks as more objects share the screen, within these bounds (px). */
const MIN_SIZE_PX = 28;
const MAX_SIZE_PX = 96;

export function thumbnailSizePx(visible: number, width: number, height: number): number {
  return Math.round(
    Math.min(MAX_SIZE_PX, Math.max(MIN_SIZE_PX, 0.7 * Math.sqrt((width * height) / Math.max(1, visible)))),
  );
}

export function thumbnailLayers(
  map: MapData,
  rows: number[],
  cache: ThumbnailAtlasCache,
  sizePx: number,
): { layers: IconLayer<number>[]; drawn: number } {
  const byBatch = new Map<AtlasBatch, number[]>();
  for (const row of rows) {
    const batch = cache.batchOf(map.ids[row]);
    if (!batch) continue;
    let list = byBatch.get(batch);
    if (!list) byBatch.set(batch, (list = []));
    list.push(row);
  }
  let drawn = 0;
  const layers = [...byBatch].map(([batch, batchRows]) => {
    drawn += batchRows.length;
    return new IconLayer<number>({
      id: `thumbs-${batch.key}`,
      data: batchRows,
      // deck.gl's 'image' prop uploads an ImageBitmap as a texture, though its type admits only string | Texture.
      iconAtlas: batch.bitmap as unknown as string,
      iconMapping: batch.mapping,
      getIcon: (row) => String(map.ids[row]),
      getPosition: (row) => [map.x[row], map.y[row]],
      sizeUnits: 'pixels',
      getSize: sizePx,
      pickable: true,
      updateTriggers: { getSize: sizePx },
    });
  });
  return { layers, drawn };
}
