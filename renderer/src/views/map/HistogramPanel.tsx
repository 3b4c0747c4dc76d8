// One small histogram per chosen numeric column (the score first): drag across it to brush a
// range that filters the map and the queue, double-click (or ×) to clear it. Bars show every
// object in grey and the objects the whole filter shows in colour.
import { useMemo, useRef, useState } from 'react';
import { withRange, type MapFilter } from '../../../../electron/core/api/map-filter.js';
import { appStore } from '../../state/app-store.js';
import { histogram } from '../../state/filters.js';
import { finiteExtent } from '../../../../electron/core/util/order-statistics.js';

const BINS = 40;
const WIDTH = 240;
const HEIGHT = 44;

interface HistogramProps {
  column: string;
  values: Float32Array;
  mask: Uint8Array | null;
  filter: MapFilter;
}

function Histogram({ column, values, mask, filter }: HistogramProps) {
  const store = appStore();
  const svg = useRef<SVGSVGElement>(null);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const { min, max } = useMemo(() => finiteExtent(values), [values]);
  const all = useMemo(() => histogram(values, min, max, BINS), [values, min, max]);
  const shown = useMemo(() => (mask ? histogram(values, min, max, BINS, mask) : all), [values, min, max, mask, all]);
  const range = filter.ranges.find((r) => r.column === column) ?? null;
  const peak = Math.max(1, ...all);
  const span = max - min || 1;
  const valueAt = (clientX: number) => {
    const rect = svg.current!.getBoundingClientRect();
    return min + Math.min(1, Math.max(0, (clientX - rect.left) / rect.width)) * span;
  };
  const brush = (a: number, b: number) =>
    store.setFilter(withRange(store.get().filter, column, { min: Math.min(a, b), max: Math.max(a, b) }));
  const clear = () => store.setFilter(withRange(store.get().filter, column, null));
  const xOf = (v: number) => ((v - min) / span) * WIDTH;
  const barWidth = WIDTH / BINS;
  const name = column.replace(/^meta:/, '');
  return (
    <div className="histogram" data-testid={`histogram-${name}`}>
      <div className="histogram-title">
        <span>{column === 'score' ? 'anomaly score' : name}</span>
        {range && (
          <span className="histogram-range">
            {range.min.toPrecision(3)} – {range.max.toPrecision(3)}{' '}
            <button className="link" onClick={clear} title="Clear this range" aria-label={`clear ${name} range`}>
              ×
            </button>
          </span>
        )}
      </div>
      <svg
        ref={svg}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          setDragFrom(valueAt(e.clientX));
        }}
        onPointerMove={(e) => dragFrom !== null && brush(dragFrom, valueAt(e.clientX))}
        onPointerUp={(e) => {
          if (dragFrom !== null && Math.abs(xOf(valueAt(e.clientX)) - xOf(dragFrom)) > 2)
            brush(dragFrom, valueAt(e.clientX));
          setDragFrom(null);
        }}
        onDoubleClick={clear}
      >
        {[...all].map((count, k) => (
          <rect
            key={`a${k}`}
            className="bar-all"
            x={k * barWidth}
            width={barWidth - 0.5}
            y={HEIGHT - (count / peak) * HEIGHT}
            height={(count / peak) * HEIGHT}
          />
        ))}
        {[...shown].map((count, k) => (
          <rect
            key={`s${k}`}
            className="bar-shown"
            x={k * barWidth}
            width={barWidth - 0.5}
            y={HEIGHT - (count / peak) * HEIGHT}
            height={(count / peak) * HEIGHT}
          />
        ))}
        {range && (
          <rect
            className="brush"
            x={xOf(range.min)}
            width={Math.max(1, xOf(range.max) - xOf(range.min))}
            y={0}
            height={HEIGHT}
          />
        )}
      </svg>
    </div>
  );
}

export interface HistogramPanelProps {
  columns: ReadonlyMap<string, Float32Array>;
  columnErrors: ReadonlyMap<string, string>;
  chosen: string[];
  /** Catalog columns that may get a histogram (the colour menu's). */
  catalogColumns: string[];
  mask: Uint8Array | null;
  filter: MapFilter;
}

export function HistogramPanel({ columns, columnErrors, chosen, catalogColumns, mask, filter }: HistogramPanelProps) {
  const store = appStore();
  const remove = (column: string) => {
    store.set({ histogramColumns: chosen.filter((c) => c !== column) });
    store.setFilter(withRange(filter, column, null));
  };
  const addable = catalogColumns.map((k) => `meta:${k}`).filter((c) => !chosen.includes(c));
  return (
    <div className="histograms">
      {chosen.map((column) => {
        const values = columns.get(column);
        return (
          <div key={column} className="histogram-slot">
            {values ? (
              <Histogram column={column} values={values} mask={mask} filter={filter} />
            ) : (
              <div className="histogram-note">
                {column.replace(/^meta:/, '')}: {columnErrors.get(column) ?? 'loading…'}
              </div>
            )}
            {column !== 'score' && (
              <button className="link histogram-remove" onClick={() => remove(column)} title="Remove this histogram">
                remove
              </button>
            )}
          </div>
        );
      })}
      {addable.length > 0 && (
        <select
          value=""
          onChange={(e) => e.target.value && store.set({ histogramColumns: [...chosen, e.target.value] })}
          data-testid="histogram-add"
          aria-label="add a histogram"
        >
          <option value="">+ histogram of…</option>
          {addable.map((c) => (
            <option key={c} value={c}>
              {c.slice(5)}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
