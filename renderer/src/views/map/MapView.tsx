// The UMAP map: the view's state and interaction around the layers (useMapLayers.ts).
// Hover shows a thumbnail tooltip, click selects, box mode (b or Shift-drag) or lasso mode
// (l) picks a set of the points shown, which opens as a thumbnail grid (SelectionGrid). The
// filter panel narrows the points shown (and the queue); saved views reopen filters and colours.
// Label changes patch only the label column.
import { useEffect, useMemo, useRef, useState } from 'react';
import DeckGL, { type DeckGLRef } from '@deck.gl/react';
import { OrthographicView, type PickingInfo } from '@deck.gl/core';
import type { MapData } from '../../../../electron/core/api/view-types.js';
import { appStore, useAppState } from '../../state/app-store.js';
import { probe } from '../../state/test-hooks.js';
import { isAppKey, isKey, keysOf } from '../../keyboard.js';
import { MapLegend } from './MapLegend.js';
import { MapTooltip } from './MapTooltip.js';
import { BoxSelect, type Box } from './BoxSelect.js';
import { SelectionGrid } from './SelectionGrid.js';
import { FilterPanel } from './FilterPanel.js';
import { SavedViewsMenu } from './SavedViewsMenu.js';
import { useMapFilter } from './useMapFilter.js';
import { labelColumnOf } from '../../state/label-column.js';
import { LassoSelect } from './LassoSelect.js';
import { idsInPolygon } from './lasso.js';
import { mapBounds } from './density-grid.js';
import type { MapViewState as ViewState } from './map-mode.js';
import { useMapLayers } from './useMapLayers.js';

type SelectMode = 'none' | 'box' | 'lasso';

function fitView(map: MapData, width: number, height: number): ViewState {
  const { minX, maxX, minY, maxY } = mapBounds(map);
  const span = Math.max((maxX - minX) / width, (maxY - minY) / height, 1e-6);
  return { target: [(minX + maxX) / 2, (minY + maxY) / 2, 0], zoom: Math.log2(0.85 / span) };
}

export function MapView() {
  const map = useAppState((s) => s.map);
  const colourBy = useAppState((s) => s.colourBy);
  const boxSelection = useAppState((s) => s.boxSelection);
  const storedLabels = useAppState((s) => s.labels);
  const store = appStore();
  const deckRef = useRef<DeckGLRef>(null);
  const [viewState, setViewState] = useState<ViewState | null>(null);
  const [hover, setHover] = useState<{ id: number; x: number; y: number } | null>(null);
  const [selectMode, setSelectMode] = useState<SelectMode>('none');
  const boxMode = selectMode === 'box';
  const container = useRef<HTMLDivElement>(null);
  const [fitZoom, setFitZoom] = useState(0);
  const width = container.current?.clientWidth ?? 0;
  const height = container.current?.clientHeight ?? 0;
  // The stored column follows label changes; until the store has one for this map, the map's own.
  const labels = useMemo(
    () => (map && storedLabels?.runId === map.runId ? storedLabels : map && labelColumnOf(map)),
    [map, storedLabels],
  );
  const applied = useMapFilter(map, labels);
  const { mask } = applied;
  const { layers, legend, marks, onAfterRender, pointRow } = useMapLayers(
    map,
    viewState,
    fitZoom,
    width,
    height,
    mask,
    labels,
  );

  useEffect(() => {
    if (store.mapStale) void store.refresh();
  }, [store]);

  // The whole map in the container as it is now.
  const fitted = (m: MapData) =>
    container.current && fitView(m, container.current.clientWidth, container.current.clientHeight);
  useEffect(() => {
    const fit = map && map.count && !viewState ? fitted(map) : null;
    if (fit) setViewState(fit);
  }, [map, viewState]);
  useEffect(() => {
    const fit = map && map.count ? fitted(map) : null;
    if (fit) setFitZoom(fit.zoom);
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
  if (map.count === 0) {
    return (
      <div className="empty">
        No map yet. Compute one from the prompt above or with <code>serendip map</code>.
      </div>
    );
  }

  // The map row under the pointer: a point, or a thumbnail (whose data are rows).
  const rowOf = (info: PickingInfo): number | null => {
    if (info.index < 0) return null;
    if (info.layer?.id === 'points') return pointRow(info.index);
    return info.layer?.id.startsWith('thumbs-') ? (info.object as number) : null;
  };
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
    store.set({ boxSelection: idsInPolygon(map, polygon, mask) });
    setSelectMode('none');
  };
  const onFit = () => {
    const fit = fitted(map);
    if (fit) setViewState(fit);
  };
  const onBox = (box: Box) => {
    const viewport = deckRef.current?.deck?.getViewports()[0];
    if (!viewport) return;
    const [x0, y0] = viewport.unproject([Math.min(box.x0, box.x1), Math.min(box.y0, box.y1)]);
    const [x1, y1] = viewport.unproject([Math.max(box.x0, box.x1), Math.max(box.y0, box.y1)]);
    const [lx, hx, ly, hy] = [Math.min(x0, x1), Math.max(x0, x1), Math.min(y0, y1), Math.max(y0, y1)];
    const ids: number[] = [];
    for (let i = 0; i < map.count; i++) {
      if (mask && !mask[i]) continue;
      if (map.x[i] >= lx && map.x[i] <= hx && map.y[i] >= ly && map.y[i] <= hy) ids.push(map.ids[i]);
    }
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
          onAfterRender={onAfterRender}
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
            {map.metadataColumns.map((c) => (
              <option key={c.key} value={`meta:${c.key}`}>
                {c.key}
              </option>
            ))}
          </select>
        </label>
        <button
          className={boxMode ? 'active' : ''}
          onClick={() => setSelectMode((m) => (m === 'box' ? 'none' : 'box'))}
          title={`Box selection (${keysOf('map.box').join(', ')}, or Shift-drag)`}
        >
          Box select
        </button>
        <button
          className={selectMode === 'lasso' ? 'active' : ''}
          onClick={() => setSelectMode((m) => (m === 'lasso' ? 'none' : 'lasso'))}
          title={`Lasso selection (${keysOf('map.lasso').join(', ')})`}
        >
          Lasso
        </button>
        <button onClick={onFit} title="Fit the map">
          Fit
        </button>
        <SavedViewsMenu />
      </div>
      <FilterPanel map={map} labels={labels} applied={applied} />
      {legend && <MapLegend legend={legend} marks={marks} />}
      {hover && selectMode === 'none' && <MapTooltip id={hover.id} x={hover.x} y={hover.y} />}
      {boxSelection.length > 0 && <SelectionGrid ids={boxSelection} />}
    </div>
  );
}
