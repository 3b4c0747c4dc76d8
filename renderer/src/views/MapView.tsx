// The UMAP map: every object a point in one deck.gl ScatterplotLayer fed binary attributes
// (positions and RGBA colours as typed arrays: no per-point objects), coloured by anomaly
// score, label or a metadata column. Labelled and selected objects are drawn again on top.
// Hover shows a thumbnail tooltip, click selects, box mode (b or Shift-drag) picks a set.
import { useEffect, useMemo, useRef, useState } from 'react';
import DeckGL, { type DeckGLRef } from '@deck.gl/react';
import { OrthographicView, type PickingInfo } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { MapColumn, MapData } from '../../../electron/core/api/view-types.js';
import { appStore, useAppState } from '../state/app-store.js';
import { mapColours } from '../state/colour-scale.js';
import { probe } from '../state/test-hooks.js';
import { MapLegend } from './MapLegend.js';
import { MapTooltip } from './MapTooltip.js';
import { BoxSelect, type Box } from './BoxSelect.js';
import { SelectionBar } from './SelectionBar.js';
import { isTyping } from './App.js';

interface ViewState {
  target: [number, number, number];
  zoom: number;
}

function fitView(map: MapData, width: number, height: number): ViewState {
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < map.count; i++) {
    minX = Math.min(minX, map.x[i]); maxX = Math.max(maxX, map.x[i]);
    minY = Math.min(minY, map.y[i]); maxY = Math.max(maxY, map.y[i]);
  }
  const span = Math.max((maxX - minX) / width, (maxY - minY) / height, 1e-6);
  return { target: [(minX + maxX) / 2, (minY + maxY) / 2, 0], zoom: Math.log2(0.85 / span) };
}

/** Rows to draw on top: labelled ones, the box selection and the selected object. */
function overlayRows(map: MapData, selectedId: number | null, box: Set<number>): number[] {
  const rows: number[] = [];
  for (let i = 0; i < map.count; i++) if (map.labelCode[i] !== 0 || box.has(map.ids[i]) || map.ids[i] === selectedId) rows.push(i);
  return rows;
}

export function MapView() {
  const map = useAppState((s) => s.map);
  const colourBy = useAppState((s) => s.colourBy);
  const selectedId = useAppState((s) => s.selectedId);
  const boxSelection = useAppState((s) => s.boxSelection);
  const store = appStore();
  const deckRef = useRef<DeckGLRef>(null);
  const frameStart = useRef(0);
  const [viewState, setViewState] = useState<ViewState | null>(null);
  const [hover, setHover] = useState<{ id: number; x: number; y: number } | null>(null);
  const [boxMode, setBoxMode] = useState(false);
  const [column, setColumn] = useState<MapColumn | null>(null);
  const container = useRef<HTMLDivElement>(null);

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
    const onKey = (e: KeyboardEvent) => {
      if (!isTyping(e) && e.key === 'b') setBoxMode((m) => !m);
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
  const { colours, legend } = useMemo(() => (map ? mapColours(map, colourBy, column) : { colours: new Uint8Array(0), legend: null }), [map, colourBy, column]);
  const boxSet = useMemo(() => new Set(boxSelection), [boxSelection]);
  const overlay = useMemo(() => {
    if (!map) return null;
    const rows = overlayRows(map, selectedId, boxSet);
    const pos = new Float32Array(rows.length * 2);
    const fill = new Uint8Array(rows.length * 4);
    const line = new Uint8Array(rows.length * 4);
    const radius = new Float32Array(rows.length);
    rows.forEach((row, k) => {
      pos.set([map.x[row], map.y[row]], 2 * k);
      fill.set(colours.subarray(4 * row, 4 * row + 4), 4 * k);
      fill[4 * k + 3] = 255;
      const selected = map.ids[row] === selectedId;
      const boxed = boxSet.has(map.ids[row]);
      line.set(selected ? [255, 255, 255, 255] : boxed ? [255, 220, 80, 255] : [20, 20, 28, 255], 4 * k);
      radius[k] = selected ? 8 : boxed ? 5 : 4.5;
    });
    return { rows, pos, fill, line, radius };
  }, [map, colours, selectedId, boxSet]);

  useEffect(() => {
    const p = probe();
    p.mapPoints = map?.count ?? 0;
    p.idAt = (index) => (map && index >= 0 && index < map.count ? map.ids[index] : null);
    p.screenPositionOf = (index) => {
      const viewport = deckRef.current?.deck?.getViewports()[0];
      const rect = container.current?.getBoundingClientRect();
      if (!map || !viewport || !rect || index < 0 || index >= map.count) return null;
      const [x, y] = viewport.project([map.x[index], map.y[index]]);
      return [rect.left + x, rect.top + y];
    };
  }, [map]);

  if (!map) return <div className="empty">Loading the map…</div>;
  if (map.count === 0) return <div className="empty">No map yet. Compute one from the prompt above or with <code>serendip map</code>.</div>;

  const layers = [
    new ScatterplotLayer({
      id: 'points',
      data: { length: map.count, attributes: { getPosition: { value: positions, size: 2 }, getFillColor: { value: colours, size: 4, normalized: true } } },
      radiusUnits: 'pixels',
      getRadius: 3,
      radiusMinPixels: 1.5,
      pickable: true,
    }),
    overlay && new ScatterplotLayer({
      id: 'marked',
      data: {
        length: overlay.rows.length,
        attributes: {
          getPosition: { value: overlay.pos, size: 2 },
          getFillColor: { value: overlay.fill, size: 4, normalized: true },
          getLineColor: { value: overlay.line, size: 4, normalized: true },
          getRadius: { value: overlay.radius, size: 1 },
        },
      },
      radiusUnits: 'pixels',
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      pickable: false,
    }),
  ];

  const onHover = (info: PickingInfo) => setHover(info.index >= 0 && info.layer?.id === 'points' ? { id: map.ids[info.index], x: info.x, y: info.y } : null);
  const onClick = (info: PickingInfo) => {
    if (info.index >= 0 && info.layer?.id === 'points') store.set({ selectedId: map.ids[info.index], boxSelection: [] });
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
    setBoxMode(false);
  };

  return (
    <div className="map-view" ref={container} data-testid="map-view">
      {viewState && (
        <DeckGL
          ref={deckRef}
          views={new OrthographicView({ id: 'map', flipY: false })}
          viewState={viewState}
          onViewStateChange={({ viewState: v }) => setViewState(v as unknown as ViewState)}
          controller={{ dragPan: !boxMode, doubleClickZoom: false }}
          layers={layers}
          onHover={onHover}
          onClick={onClick}
          getCursor={({ isHovering }) => (boxMode ? 'crosshair' : isHovering ? 'pointer' : 'grab')}
          onAfterRender={() => {
            const p = probe();
            p.mapFrames++;
            if (p.mapFirstFrameMs === null) p.mapFirstFrameMs = performance.now() - frameStart.current;
          }}
        />
      )}
      <BoxSelect active={boxMode} onBox={onBox} />
      <div className="map-toolbar">
        <label>
          Colour by{' '}
          <select value={colourBy} onChange={(e) => store.set({ colourBy: e.target.value })} data-testid="colour-by">
            <option value="score">anomaly score</option>
            <option value="label">label</option>
            {map.metadataColumns.map((c) => <option key={c.key} value={`meta:${c.key}`}>{c.key}</option>)}
          </select>
        </label>
        <button className={boxMode ? 'active' : ''} onClick={() => setBoxMode((m) => !m)} title="Box selection (b, or Shift-drag)">Box select</button>
        <button onClick={() => container.current && setViewState(fitView(map, container.current.clientWidth, container.current.clientHeight))} title="Fit the map">Fit</button>
      </div>
      {legend && <MapLegend legend={legend} />}
      {hover && !boxMode && <MapTooltip id={hover.id} x={hover.x} y={hover.y} />}
      {boxSelection.length > 0 && <SelectionBar ids={boxSelection} />}
    </div>
  );
}
