// The UMAP map: every object a point in one deck.gl ScatterplotLayer fed binary attributes
// (positions and RGBA colours as typed arrays: no per-point objects), coloured by anomaly
// score, label or a metadata column. Labelled, queued and selected objects are drawn again
// on top, at every zoom (map-marks.ts). Label changes patch only the label column.
// Hover shows a thumbnail tooltip, click selects, box mode (b or Shift-drag) or lasso mode
// (l) picks a set. Zoomed in on few objects the points become thumbnails (server-built
// atlases of what is on screen); zoomed far out, or on a huge map, a density image.
import { useEffect, useMemo, useRef, useState } from 'react';
import DeckGL, { type DeckGLRef } from '@deck.gl/react';
import { OrthographicView, type PickingInfo } from '@deck.gl/core';
import { BitmapLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { MapColumn, MapData } from '../../../../electron/core/api/view-types.js';
import { appStore, useAppState } from '../../state/app-store.js';
import { mapColours } from '../../state/colour-scale.js';
import { labelColumnOf } from '../../state/label-column.js';
import { probe } from '../../state/test-hooks.js';
import { MapLegend } from './MapLegend.js';
import { MapTooltip } from './MapTooltip.js';
import { BoxSelect, type Box } from './BoxSelect.js';
import { SelectionBar } from './SelectionBar.js';
import { isAppKey, isKey } from '../../keyboard.js';
import { LassoSelect } from './LassoSelect.js';
import { idsInPolygon } from './lasso.js';
import { densityImage } from './density-grid.js';
import { chooseMapMode, visibleRows, THUMBNAIL_MAX_VISIBLE, type MapViewState as ViewState } from './map-mode.js';
import { ThumbnailAtlasCache } from './thumbnail-atlas-cache.js';
import { thumbnailLayers, thumbnailSizePx } from './thumbnail-layers.js';
import { markAttributes, markedRows } from './map-marks.js';

type SelectMode = 'none' | 'box' | 'lasso';

function fitView(map: MapData, width: number, height: number): ViewState {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < map.count; i++) {
    minX = Math.min(minX, map.x[i]); maxX = Math.max(maxX, map.x[i]);
    minY = Math.min(minY, map.y[i]); maxY = Math.max(maxY, map.y[i]);
  }
  const span = Math.max((maxX - minX) / width, (maxY - minY) / height, 1e-6);
  return { target: [(minX + maxX) / 2, (minY + maxY) / 2, 0], zoom: Math.log2(0.85 / span) };
}

export function MapView() {
  const map = useAppState((s) => s.map);
  const colourBy = useAppState((s) => s.colourBy);
  const selectedId = useAppState((s) => s.selectedId);
  const boxSelection = useAppState((s) => s.boxSelection);
  const storedLabels = useAppState((s) => s.labels);
  const queued = useAppState((s) => s.queued);
  const store = appStore();
  const deckRef = useRef<DeckGLRef>(null);
  const frameStart = useRef(0);
  const [viewState, setViewState] = useState<ViewState | null>(null);
  const [hover, setHover] = useState<{ id: number; x: number; y: number } | null>(null);
  const [selectMode, setSelectMode] = useState<SelectMode>('none');
  const boxMode = selectMode === 'box';
  const [column, setColumn] = useState<MapColumn | null>(null);
  const container = useRef<HTMLDivElement>(null);
  const [fitZoom, setFitZoom] = useState(0);
  // Bumped when thumbnail atlases arrive, so the layers are rebuilt with them.
  const [thumbsVersion, setThumbsVersion] = useState(0);
  const [thumbs, setThumbs] = useState<ThumbnailAtlasCache | null>(null);
  useEffect(() => {
    const cache = new ThumbnailAtlasCache(store.api, () => setThumbsVersion((v) => v + 1));
    setThumbs(cache);
    return () => cache.dispose();
  }, [store, map]);

  useEffect(() => {
    if (store.mapStale) void store.refresh();
  }, [store]);

  useEffect(() => {
    if (!colourBy.startsWith('meta:')) return setColumn(null);
    void store.api.call('mapColumn', colourBy.slice(5)).then(setColumn, () => setColumn(null));
  }, [colourBy, map, store]);

  useEffect(() => {
    if (map && map.count && !viewState && container.current) setViewState(fitView(map, container.current.clientWidth, container.current.clientHeight));
  }, [map, viewState]);
  useEffect(() => {
    if (map && map.count && container.current) setFitZoom(fitView(map, container.current.clientWidth, container.current.clientHeight).zoom);
  }, [map]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isAppKey(e)) return;
      if (isKey('map.box', e.key)) setSelectMode((m) => (m === 'box' ? 'none' : 'box'));
      else if (isKey('map.lasso', e.key)) setSelectMode((m) => (m === 'lasso' ? 'none' : 'lasso'));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

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
  // The stored column follows label changes; until the store has one for this map, the map's own.
  const labels = useMemo(() => (map && storedLabels?.runId === map.runId ? storedLabels : map && labelColumnOf(map)), [map, storedLabels]);
  // Colours depend on labels only when coloured by label: a label change does not recolour a score map.
  const colourLabels = colourBy === 'label' ? labels : null;
  const { colours, legend } = useMemo(
    () => (map ? mapColours(map, colourBy, column, colourLabels) : { colours: new Uint8Array(0), legend: null }),
    [map, colourBy, column, colourLabels],
  );
  const boxSet = useMemo(() => new Set(boxSelection), [boxSelection]);
  const queuedSet = useMemo(() => new Set(queued ?? []), [queued]);
  const overlay = useMemo(() => {
    if (!map || !labels) return null;
    const marked = markedRows(map, labels.codes, { selectedId, boxed: boxSet, queued: queuedSet });
    return { ...markAttributes(map, colours, marked), count: marked.rows.length, counts: marked.counts };
  }, [map, labels, colours, selectedId, boxSet, queuedSet]);

  const density = useMemo(() => (map ? densityImage(map) : null), [map]);
  const width = container.current?.clientWidth ?? 0;
  const height = container.current?.clientHeight ?? 0;
  const visible = useMemo(
    () => (map && viewState && width ? visibleRows(map, viewState, width, height, THUMBNAIL_MAX_VISIBLE) : null),
    [map, viewState, width, height],
  );
  const mode = map && viewState ? chooseMapMode(map.count, viewState.zoom, fitZoom, visible) : 'points';
  // Only what is on screen is asked for, and only in thumbnail mode; leaving it (or panning
  // elsewhere) cancels the requests for what is no longer on screen.
  useEffect(() => {
    if (!thumbs) return;
    thumbs.want(mode === 'thumbnails' && map && visible ? visible.map((row) => map.ids[row]) : []);
  }, [mode, map, visible, thumbs]);
  const thumbLayers = useMemo(() => {
    if (mode !== 'thumbnails' || !map || !visible || !thumbs) return { layers: [], drawn: 0 };
    return thumbnailLayers(map, visible, thumbs, thumbnailSizePx(visible.length, width, height));
    // thumbsVersion: rebuilt when atlases arrive.
  }, [mode, map, visible, thumbs, thumbsVersion, width, height]);

  useEffect(() => {
    const p = probe();
    p.mapPoints = map?.count ?? 0;
    p.idAt = (index) => (map && index >= 0 && index < map.count ? map.ids[index] : null);
    p.screenPositionOf = (index) => {
      const viewport = deckRef.current?.deck?.getViewports()[0];
      const rect = container.current?.getBoundingClientRect();
      if (!map || !viewport || !rect || index < 0 || index >= map.count) return null;
      // Just after the map is resized (the inspector opened or closed) deck.gl still holds the
      // old viewport until its next frame; a position from it would be off by the change.
      if (Math.abs(viewport.width - rect.width) > 1 || Math.abs(viewport.height - rect.height) > 1) return null;
      const [x, y] = viewport.project([map.x[index], map.y[index]]);
      return [rect.left + x, rect.top + y];
    };
  }, [map]);

  if (!map) return <div className="empty">Loading the map…</div>;
  if (map.count === 0) return <div className="empty">No map yet. Compute one from the prompt above or with <code>serendip map</code>.</div>;

  const layers = [
    density && new BitmapLayer({ id: 'density', image: density.canvas, bounds: density.bounds, visible: mode === 'density', pickable: false }),
    new ScatterplotLayer({
      id: 'points',
      visible: mode !== 'density',
      data: { length: map.count, attributes: { getPosition: { value: positions, size: 2 }, getFillColor: { value: colours, size: 4, normalized: true } } },
      radiusUnits: 'pixels',
      getRadius: 3,
      radiusMinPixels: 1.5,
      pickable: true,
    }),
    // Thumbnails go under the marked objects, which stay visible at every zoom.
    ...thumbLayers.layers,
    overlay && new ScatterplotLayer({
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
  p.mapLayers = layers.filter((l) => l && l.props.visible !== false).map((l) => l!.id);
  p.thumbnailsDrawn = thumbLayers.drawn;
  p.thumbnailRequests = thumbs?.requests.requests ?? 0;
  p.thumbnailRequestedIds = thumbs ? [...thumbs.requests.requestedIds] : [];
  p.thumbnailRequestsCancelled = thumbs?.requests.cancelled ?? 0;
  p.mapMarked = overlay ? { ...overlay.counts } : null;

  // The map row under the pointer: a point, or a thumbnail (whose data are rows).
  const rowOf = (info: PickingInfo): number | null =>
    info.index < 0 ? null : info.layer?.id === 'points' ? info.index : info.layer?.id.startsWith('thumbs-') ? (info.object as number) : null;
  const onHover = (info: PickingInfo) => {
    const row = rowOf(info);
    setHover(row !== null ? { id: map.ids[row], x: info.x, y: info.y } : null);
  };
  const onClick = (info: PickingInfo) => {
    const row = rowOf(info);
    if (row !== null) store.set({ selectedId: map.ids[row], boxSelection: [] });
  };
  const onLasso = (points: [number, number][]) => {
    const viewport = deckRef.current?.deck?.getViewports()[0];
    if (!viewport) return;
    const polygon = new Float64Array(points.length * 2);
    points.forEach((pt, k) => polygon.set(viewport.unproject(pt).slice(0, 2), 2 * k));
    store.set({ boxSelection: idsInPolygon(map, polygon) });
    setSelectMode('none');
  };
  const onBox = (box: Box) => {
    const viewport = deckRef.current?.deck?.getViewports()[0];
    if (!viewport) return;
    const [x0, y0] = viewport.unproject([Math.min(box.x0, box.x1), Math.min(box.y0, box.y1)]);
    const [x1, y1] = viewport.unproject([Math.max(box.x0, box.x1), Math.max(box.y0, box.y1)]);
    const [lx, hx, ly, hy] = [Math.min(x0, x1), Math.max(x0, x1), Math.min(y0, y1), Math.max(y0, y1)];
    const ids: number[] = [];
    for (let i = 0; i < map.count; i++) if (map.x[i] >= lx && map.x[i] <= hx && map.y[i] >= ly && map.y[i] <= hy) ids.push(map.ids[i]);
    store.set({ boxSelection: ids });
    setSelectMode('none');
  };

  return (
    <div className="map-view" ref={container} data-testid="map-view">
      {viewState && (
        <DeckGL
          ref={deckRef}
          views={new OrthographicView({ id: 'map', flipY: false })}
          viewState={viewState}
          onViewStateChange={({ viewState: v }) => setViewState(v as unknown as ViewState)}
          controller={{ dragPan: selectMode === 'none', doubleClickZoom: false }}
          layers={layers}
          onHover={onHover}
          onClick={onClick}
          getCursor={({ isHovering }) => (selectMode !== 'none' ? 'crosshair' : isHovering ? 'pointer' : 'grab')}
          onAfterRender={() => {
            const p = probe();
            p.mapFrames++;
            if (p.mapFirstFrameMs === null) p.mapFirstFrameMs = performance.now() - frameStart.current;
          }}
        />
      )}
      <BoxSelect active={boxMode} onBox={onBox} />
      <LassoSelect active={selectMode === 'lasso'} onLasso={onLasso} />
      <div className="map-toolbar">
        <label>
          Colour by{' '}
          <select value={colourBy} onChange={(e) => store.set({ colourBy: e.target.value })} data-testid="colour-by">
            <option value="score">anomaly score</option>
            <option value="label">label</option>
            {map.metadataColumns.map((c) => <option key={c.key} value={`meta:${c.key}`}>{c.key}</option>)}
          </select>
        </label>
        <button className={boxMode ? 'active' : ''} onClick={() => setSelectMode((m) => (m === 'box' ? 'none' : 'box'))} title="Box selection (b, or Shift-drag)">Box select</button>
        <button className={selectMode === 'lasso' ? 'active' : ''} onClick={() => setSelectMode((m) => (m === 'lasso' ? 'none' : 'lasso'))} title="Lasso selection (l)">Lasso</button>
        <button onClick={() => container.current && setViewState(fitView(map, container.current.clientWidth, container.current.clientHeight))} title="Fit the map">Fit</button>
      </div>
      {legend && <MapLegend legend={legend} marks={overlay?.counts ?? null} />}
      {hover && selectMode === 'none' && <MapTooltip id={hover.id} x={hover.x} y={hover.y} />}
      {boxSelection.length > 0 && <SelectionBar ids={boxSelection} />}
    </div>
  );
}
