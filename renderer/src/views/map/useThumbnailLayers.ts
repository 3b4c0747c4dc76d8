// The map's thumbnail layers: an atlas cache per map, asked only for what is on screen and
// only in thumbnail mode; leaving that mode (or panning elsewhere) cancels the requests for
// what is no longer on screen. The layers are rebuilt as atlases arrive.
import { useEffect, useMemo, useState } from 'react';
import type { IconLayer } from '@deck.gl/layers';
import type { MapData } from '../../../../electron/core/api/view-types.js';
import type { AppStore } from '../../state/app-store.js';
import type { MapMode } from './map-mode.js';
import { ThumbnailAtlasCache } from './thumbnail-atlas-cache.js';
import { thumbnailLayers, thumbnailSizePx } from './thumbnail-layers.js';

export interface ThumbnailLayers {
  layers: IconLayer<number>[];
  drawn: number;
  cache: ThumbnailAtlasCache | null;
}

export function useThumbnailLayers(
  store: AppStore,
  map: MapData | null,
  mode: MapMode,
  visible: number[] | null,
  width: number,
  height: number,
): ThumbnailLayers {
  // Bumped when thumbnail atlases arrive, so the layers are rebuilt with them.
  const [version, setVersion] = useState(0);
  const [cache, setCache] = useState<ThumbnailAtlasCache | null>(null);
  useEffect(() => {
    const created = new ThumbnailAtlasCache(store.api, () => setVersion((v) => v + 1));
    setCache(created);
    return () => created.dispose();
  }, [store, map]);

  useEffect(() => {
    if (!cache) return;
    cache.want(mode === 'thumbnails' && map && visible ? visible.map((row) => map.ids[row]) : []);
  }, [mode, map, visible, cache]);

  const built = useMemo(() => {
    if (mode !== 'thumbnails' || !map || !visible || !cache) return { layers: [], drawn: 0 };
    return thumbnailLayers(map, visible, cache, thumbnailSizePx(visible.length, width, height));
    // version: rebuilt when atlases arrive.
  }, [mode, map, visible, cache, version, width, height]);
  return { ...built, cache };
}
