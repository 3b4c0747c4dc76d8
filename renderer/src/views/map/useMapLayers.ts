// The map's deck.gl layers. Every object is a point in one ScatterplotLayer fed binary
// attributes (positions and RGBA colours as typed arrays: no per-point objects), coloured by
// anomaly score, label or a metadata column. Labelled, queued and selected objects are drawn
// again on top, at every zoom (map-marks.ts). Zoomed in on few objects the points become
// thumbnails; zoomed far out, or on a huge map, a density image (map-mode.ts). A filter's mask
// (useMapFilter.ts) leaves its hidden points out of all of these, gathered into compact arrays.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { LayersList } from '@deck.gl/core';
import { BitmapLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { MapColumn, MapData } from '../../../../electron/core/api/view-types.js';
import { appStore, useAppState } from '../../state/app-store.js';
import { mapColours, type Legend } from '../../state/colour-scale.js';
import type { LabelColumn } from '../../state/label-column.js';
import { probe } from '../../state/test-hooks.js';
import { densityImage } from './density-grid.js';
import { chooseMapMode, visibleRows, THUMBNAIL_MAX_VISIBLE, type MapViewState } from './map-mode.js';
import { markAttributes, markedRows, type MarkKind } from './map-marks.js';
import { useThumbnailLayers } from './useThumbnailLayers.js';
import { ShownPointsGatherer } from '../../../../electron/core/api/map-filter-points.js';

export interface MapLayers {
  layers: LayersList;
  legend: Legend | null;
  /** How many objects of each kind are marked on top, for the legend. */
  marks: Record<MarkKind, number> | null;
  /** For deck.gl's onAfterRender: times the first frame of a new map. */
  onAfterRender: () => void;
  /** The map row of the points layer's `index` (the layer draws only the rows the filter shows). */
  pointRow: (index: number) => number;
}

/** The metadata column the map is coloured by (`meta:<key>`), fetched when chosen. */
function useColourColumn(map: MapData | null, colourBy: string): MapColumn | null {
  const store = appStore();
  const [column, setColumn] = useState<MapColumn | null>(null);
  useEffect(() => {
    if (!colourBy.startsWith('meta:')) return setColumn(null);
    void store.api.call('mapColumn', colourBy.slice(5)).then(setColumn, () => setColumn(null));
  }, [colourBy, map, store]);
  return column;
}

/** The layers for `map` seen through `view` on a `width` × `height` canvas. */
export function useMapLayers(
  map: MapData | null,
  view: MapViewState | null,
  fitZoom: number,
  width: number,
  height: number,
  mask: Uint8Array | null,
  labels: LabelColumn | null,
): MapLayers {
  const store = appStore();
  const colourBy = useAppState((s) => s.colourBy);
  const selectedId = useAppState((s) => s.selectedId);
  const boxSelection = useAppState((s) => s.boxSelection);
  const queued = useAppState((s) => s.queued);
  const column = useColourColumn(map, colourBy);
  const frameStart = useRef(0);

  const positions = useMemo(() => {
    if (!map) return new Float32Array(0);
    const p = new Float32Array(map.count * 2);
    for (let i = 0; i < map.count; i++) {
      p[2 * i] = map.x[i];
      p[2 * i + 1] = map.y[i];
    }
    frameStart.current = performance.now();
    probe().mapFirstFrameMs = null;
    return p;
  }, [map]);
  // Colours depend on labels only when coloured by label: a label change does not recolour a score map.
  const colourLabels = colourBy === 'label' ? labels : null;
  const { colours, legend } = useMemo(
    () => (map ? mapColours(map, colourBy, column, colourLabels) : { colours: new Uint8Array(0), legend: null }),
    [map, colourBy, column, colourLabels],
  );
  const gatherer = useRef(new ShownPointsGatherer());
  const shown = useMemo(() => (map && mask ? gatherer.current.gather(mask, map, colours) : null), [map, mask, colours]);
  const boxSet = useMemo(() => new Set(boxSelection), [boxSelection]);
  const queuedSet = useMemo(() => new Set(queued ?? []), [queued]);
  const overlay = useMemo(() => {
    if (!map || !labels) return null;
    const marked = markedRows(map, labels.codes, { selectedId, boxed: boxSet, queued: queuedSet }, mask);
    return { ...markAttributes(map, colours, marked), count: marked.rows.length, counts: marked.counts };
  }, [map, labels, colours, selectedId, boxSet, queuedSet, mask]);

  const density = useMemo(() => (map ? densityImage(shown ?? map) : null), [map, shown]);
  const visible = useMemo(() => {
    const rows = map && view && width ? visibleRows(shown ?? map, view, width, height, THUMBNAIL_MAX_VISIBLE) : null;
    return rows && shown ? rows.map((k) => shown.rows[k]) : rows;
  }, [map, shown, view, width, height]);
  const mode = map && view ? chooseMapMode(map.count, view.zoom, fitZoom, visible) : 'points';
  const thumbs = useThumbnailLayers(store, map, mode, visible, width, height);

  const onAfterRender = () => {
    const p = probe();
    p.mapFrames++;
    if (p.mapFirstFrameMs === null) p.mapFirstFrameMs = performance.now() - frameStart.current;
  };
  const pointRow = (index: number) => (shown ? shown.rows[index] : index);
  if (!map || map.count === 0) return { layers: [], legend, marks: overlay?.counts ?? null, onAfterRender, pointRow };

  const layers = [
    density &&
      new BitmapLayer({
        id: 'density',
        image: density.canvas,
        bounds: density.bounds,
        visible: mode === 'density',
        pickable: false,
      }),
    new ScatterplotLayer({
      id: 'points',
      visible: mode !== 'density',
      data: {
        length: shown?.count ?? map.count,
        attributes: {
          getPosition: { value: shown?.positions ?? positions, size: 2 },
          getFillColor: { value: shown?.colours ?? colours, size: 4, normalized: true },
        },
      },
      radiusUnits: 'pixels',
      getRadius: 3,
      radiusMinPixels: 1.5,
      pickable: true,
    }),
    // Thumbnails go under the marked objects, which stay visible at every zoom.
    ...thumbs.layers,
    overlay &&
      new ScatterplotLayer({
        id: 'marked',
        data: {
          length: overlay.count,
          attributes: {
            getPosition: { value: overlay.pos, size: 2 },
            getFillColor: { value: overlay.fill, size: 4, normalized: true },
            getLineColor: { value: overlay.line, size: 4, normalized: true },
            getRadius: { value: overlay.radius, size: 1 },
            getLineWidth: { value: overlay.lineWidth, size: 1 },
          },
        },
        radiusUnits: 'pixels',
        stroked: true,
        lineWidthUnits: 'pixels',
        pickable: false,
      }),
  ];
  const p = probe();
  p.mapMode = mode;
  p.mapPointsDrawn = shown?.count ?? map.count;
  p.mapLayers = layers.filter((l) => l && l.props.visible !== false).map((l) => l!.id);
  p.thumbnailsDrawn = thumbs.drawn;
  p.thumbnailRequests = thumbs.cache?.requests.requests ?? 0;
  p.thumbnailRequestedIds = thumbs.cache ? [...thumbs.cache.requests.requestedIds] : [];
  p.thumbnailRequestsCancelled = thumbs.cache?.requests.cancelled ?? 0;
  p.mapMarked = overlay ? { ...overlay.counts } : null;
  return { layers, legend, marks: overlay?.counts ?? null, onAfterRender, pointRow };
}
