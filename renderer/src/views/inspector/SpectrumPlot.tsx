// A 1-D spectrum as an SVG plot: flux against observed wavelength, masked pixels as gaps with
// grey spans behind them, an optional ±1σ band, and the common lines marked at (1 + z)·λ_rest.
// Zoom with the wheel (about the pointer), by dragging a range, or with + and −; pan with
// shift-drag, a sideways wheel or the arrow keys; 0, a double click or "reset" shows it all.
// SVG rather than canvas: a few thousand vertices at most (spectrum-trace.ts thins them),
// and the markers stay elements a test, a screen reader and a tooltip can find.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ObjectSpectrum } from '../../../../electron/core/api/view-types.js';
import { linesInRange, restWavelength } from './spectral-lines.js';
import {
  clampRange,
  isFullRange,
  niceTicks,
  panRange,
  rangeFromDrag,
  zoomRange,
  type WavelengthRange,
} from './wavelength-range.js';
import { fluxRange, lowerIndex, spectrumTrace } from './spectrum-trace.js';
import { labelWidth, layoutLineLabels } from './line-label-layout.js';
import { formatFluxUnit } from './flux-unit.js';
import { isKey } from '../../keyboard.js';
import './spectrum.css';

const HEIGHT = 300;
const LABEL_ROWS = 3;
const ROW_PX = 12;
const MARGIN = { left: 58, right: 12, top: 8 + LABEL_ROWS * ROW_PX, bottom: 38 };
/** One wheel notch (about 100 px of deltaY) zooms by this factor. */
const WHEEL_ZOOM_PER_100PX = 0.8;

export interface SpectrumPlotProps {
  spectrum: ObjectSpectrum;
  /** The redshift the line markers are drawn at. */
  z: number;
  showErrors: boolean;
  showLines: boolean;
}

const fmtTick = (v: number, step: number) =>
  step >= 1 ? v.toFixed(0) : v.toFixed(Math.min(6, Math.ceil(-Math.log10(step))));

function pathOf(xs: number[], ys: number[]): string {
  let d = '';
  for (let i = 0; i < xs.length; i++) d += `${i ? 'L' : 'M'}${xs[i].toFixed(1)},${ys[i].toFixed(1)}`;
  return d;
}

export function SpectrumPlot({ spectrum, z, showErrors, showLines }: SpectrumPlotProps) {
  const box = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const clipId = `spectrum-clip-${useId().replace(/[^\w-]/g, '')}`;
  const [width, setWidth] = useState(520);
  const n = spectrum.wavelength.length;
  const full = useMemo<WavelengthRange>(
    () => ({ min: spectrum.wavelength[0], max: spectrum.wavelength[n - 1] }),
    [spectrum, n],
  );
  /** The narrowest range: ten pixels' worth. */
  const minSpan = n > 1 ? (10 * (full.max - full.min)) / (n - 1) : 1;
  const [range, setRange] = useState<WavelengthRange>(full);
  const [drag, setDrag] = useState<{
    mode: 'select' | 'pan';
    startX: number;
    startRange: WavelengthRange;
    at: number;
  } | null>(null);
  const [hover, setHover] = useState<number | null>(null);

  useEffect(() => setRange(full), [full]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(240, Math.floor(el.clientWidth))));
    observer.observe(el);
    setWidth(Math.max(240, Math.floor(el.clientWidth)));
    return () => observer.disconnect();
  }, []);

  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const span = range.max - range.min;
  const xOf = (w: number) => MARGIN.left + ((w - range.min) / span) * plotW;
  const wAt = (clientX: number) => {
    const r = svg.current!.getBoundingClientRect();
    return range.min + ((clientX - r.left - MARGIN.left) / plotW) * span;
  };

  const trace = useMemo(() => spectrumTrace(spectrum, range.min, range.max, plotW), [spectrum, range, plotW]);
  const [y0, y1] = useMemo(() => fluxRange(spectrum, range.min, range.max), [spectrum, range]);
  const yOf = (f: number) => MARGIN.top + (1 - (f - y0) / (y1 - y0)) * plotH;

  // The wheel needs a non-passive listener to keep the inspector from scrolling under it.
  const wheelState = useRef({ range, full, minSpan, plotW });
  wheelState.current = { range, full, minSpan, plotW };
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const { range: r, full: f, minSpan: m, plotW: w } = wheelState.current;
      const scale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      const rect = el.getBoundingClientRect();
      const anchor = r.min + ((e.clientX - rect.left - MARGIN.left) / w) * (r.max - r.min);
      if (Math.abs(e.deltaX) > Math.abs(e.deltaY) || e.shiftKey) {
        const d = (Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.deltaY) * scale;
        setRange(panRange(r, f, (d / w) * (r.max - r.min)));
      } else {
        setRange(zoomRange(r, f, anchor, WHEEL_ZOOM_PER_100PX ** ((-e.deltaY * scale) / 100), m)); // down: out
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  const onPointerDown = (e: React.PointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    setDrag({ mode: e.shiftKey ? 'pan' : 'select', startX: e.clientX, startRange: range, at: wAt(e.clientX) });
  };
  const onPointerMove = (e: React.PointerEvent<SVGSVGElement>) => {
    const w = wAt(e.clientX);
    setHover(w >= range.min && w <= range.max ? w : null);
    if (drag?.mode === 'pan') {
      const r = drag.startRange;
      setRange(panRange(r, full, (-(e.clientX - drag.startX) / plotW) * (r.max - r.min)));
    } else if (drag) setDrag({ ...drag, at: w });
  };
  const onPointerUp = (e: React.PointerEvent<SVGSVGElement>) => {
    if (drag?.mode === 'select') {
      const picked = rangeFromDrag(wAt(drag.startX), wAt(e.clientX), full, minSpan);
      if (picked) setRange(picked);
    }
    setDrag(null);
  };
  const onKeyDown = (e: React.KeyboardEvent<SVGSVGElement>) => {
    const centre = (range.min + range.max) / 2;
    let next: WavelengthRange | null = null;
    if (isKey('spectrum.pan', e.key)) {
      next = panRange(range, full, (e.key === 'ArrowLeft' ? -1 : 1) * span * (e.shiftKey ? 0.5 : 0.1));
    } else if (isKey('spectrum.zoomIn', e.key)) next = zoomRange(range, full, centre, 0.7, minSpan);
    else if (isKey('spectrum.zoomOut', e.key)) next = zoomRange(range, full, centre, 1 / 0.7, minSpan);
    else if (isKey('spectrum.reset', e.key)) next = full;
    if (!next) return;
    e.preventDefault();
    e.stopPropagation();
    setRange(next);
  };

  const xTicks = niceTicks(range.min, range.max, Math.max(2, Math.floor(plotW / 80)));
  const xStep = xTicks.length > 1 ? xTicks[1] - xTicks[0] : span;
  const yTicks = niceTicks(y0, y1, 5);
  const yStep = yTicks.length > 1 ? yTicks[1] - yTicks[0] : y1 - y0;
  const lines = showLines ? linesInRange(z, range.min, range.max) : [];
  const placements = layoutLineLabels(
    lines.map((p) => ({ x: xOf(p.observed) - MARGIN.left, width: labelWidth(p.line.label), text: p.line.label })),
    plotW,
    LABEL_ROWS,
  );
  const selection =
    drag?.mode === 'select' ? [Math.min(wAt(drag.startX), drag.at), Math.max(wAt(drag.startX), drag.at)] : null;
  const readout = readoutAt(spectrum, hover, z, lines, xOf);
  const masked = spectrum.good.length - spectrum.good.reduce((a, b) => a + b, 0);

  return (
    <div
      className="spectrum-plot"
      ref={box}
      data-testid="spectrum-plot"
      data-range-min={range.min}
      data-range-max={range.max}
    >
      <svg
        ref={svg}
        width={width}
        height={HEIGHT}
        tabIndex={0}
        role="img"
        className={drag?.mode === 'pan' ? 'panning' : undefined}
        aria-label={
          `Spectrum of ${spectrum.name}, ${range.min.toFixed(0)} to ${range.max.toFixed(0)} Å. ` +
          'Arrow keys pan, plus and minus zoom, 0 resets.'
        }
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(null)}
        onPointerLeave={() => setHover(null)}
        onDoubleClick={() => setRange(full)}
        onKeyDown={onKeyDown}
      >
        <defs>
          <clipPath id={clipId}>
            <rect x={MARGIN.left} y={MARGIN.top} width={plotW} height={plotH} />
          </clipPath>
        </defs>
        <rect className="plot-area" x={MARGIN.left} y={MARGIN.top} width={plotW} height={plotH} />
        <g className="grid">
          {xTicks.map((t) => (
            <line key={`x${t}`} x1={xOf(t)} x2={xOf(t)} y1={MARGIN.top} y2={MARGIN.top + plotH} />
          ))}
          {yTicks.map((t) => (
            <line key={`y${t}`} x1={MARGIN.left} x2={MARGIN.left + plotW} y1={yOf(t)} y2={yOf(t)} />
          ))}
        </g>
        <g clipPath={`url(#${clipId})`}>
          {trace.masked.map(([a, b], i) => (
            <rect
              key={i}
              className="masked-span"
              data-testid="masked-span"
              x={xOf(a)}
              y={MARGIN.top}
              width={Math.max(2, xOf(b) - xOf(a))}
              height={plotH}
            />
          ))}
          {y0 < 0 && y1 > 0 && (
            <line className="zero-line" x1={MARGIN.left} x2={MARGIN.left + plotW} y1={yOf(0)} y2={yOf(0)} />
          )}
          {showErrors &&
            trace.segments.map((s, i) => {
              const xs = s.wavelength.map(xOf);
              if (s.high.some((v) => v !== v)) return null;
              const upper = pathOf(xs, s.high.map(yOf));
              const lower = pathOf([...xs].reverse(), [...s.low].reverse().map(yOf)).replace(/^M/, 'L');
              return <path key={i} className="error-band" data-testid="error-band" d={`${upper}${lower}Z`} />;
            })}
          {lines.map((p) => (
            <line
              key={p.line.name}
              className={`line-marker ${p.line.kind}`}
              data-testid="line-marker"
              data-line={p.line.name}
              data-observed={p.observed.toFixed(2)}
              x1={xOf(p.observed)}
              x2={xOf(p.observed)}
              y1={MARGIN.top}
              y2={MARGIN.top + plotH}
            >
              <title>
                {`${p.line.name} (${p.line.kind}): λ_rest ${p.line.rest.toFixed(2)} Å (vacuum) ` +
                  `→ ${p.observed.toFixed(1)} Å at z = ${z.toFixed(4)}`}
              </title>
            </line>
          ))}
          {trace.segments.map((s, i) => (
            <path
              key={i}
              className="flux-line"
              data-testid="flux-line"
              d={pathOf(s.wavelength.map(xOf), s.flux.map(yOf))}
            />
          ))}
          {selection && (
            <rect
              className="drag-range"
              x={xOf(selection[0])}
              y={MARGIN.top}
              width={Math.max(1, xOf(selection[1]) - xOf(selection[0]))}
              height={plotH}
            />
          )}
          {hover !== null && !drag && (
            <line className="cursor-line" x1={xOf(hover)} x2={xOf(hover)} y1={MARGIN.top} y2={MARGIN.top + plotH} />
          )}
        </g>
        {lines.map(
          (p, i) =>
            placements[i].row !== null && (
              <text
                key={p.line.name}
                className={`line-label ${p.line.kind}`}
                data-testid="line-label"
                x={MARGIN.left + placements[i].left + 2}
                y={6 + (placements[i].row! + 1) * ROW_PX - 2}
              >
                {p.line.label}
              </text>
            ),
        )}
        <rect className="plot-frame" x={MARGIN.left} y={MARGIN.top} width={plotW} height={plotH} />
        <g className="axis">
          {xTicks.map((t) => (
            <g key={`x${t}`}>
              <line x1={xOf(t)} x2={xOf(t)} y1={MARGIN.top + plotH} y2={MARGIN.top + plotH + 4} />
              <text x={xOf(t)} y={MARGIN.top + plotH + 15} textAnchor="middle">
                {fmtTick(t, xStep)}
              </text>
            </g>
          ))}
          {yTicks.map((t) => (
            <g key={`y${t}`}>
              <line x1={MARGIN.left - 4} x2={MARGIN.left} y1={yOf(t)} y2={yOf(t)} />
              <text x={MARGIN.left - 6} y={yOf(t) + 3.5} textAnchor="end">
                {fmtTick(t, yStep)}
              </text>
            </g>
          ))}
          <text className="axis-title" x={MARGIN.left + plotW / 2} y={HEIGHT - 6} textAnchor="middle">
            {spectrum.vacuum ? 'observed wavelength (Å, vacuum)' : 'observed wavelength (Å, as written)'}
          </text>
          <text
            className="axis-title"
            transform={`translate(12 ${MARGIN.top + plotH / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {formatFluxUnit(spectrum.fluxUnit)}
          </text>
        </g>
      </svg>
      <div className="spectrum-readout readout" data-testid="spectrum-readout">
        {readout ??
          `${full.min.toFixed(0)}–${full.max.toFixed(0)} Å · ${n} pixels` +
            (masked ? ` (${masked} masked)` : '') +
            (trace.points < trace.pixels ? ` · drawn as ${trace.points} points` : '')}
      </div>
      <div className="spectrum-zoom">
        <button
          type="button"
          onClick={() => setRange(zoomRange(range, full, (range.min + range.max) / 2, 0.5, minSpan))}
          title="Zoom in (+)"
          aria-label="zoom in"
        >
          +
        </button>
        <button
          type="button"
          onClick={() => setRange(zoomRange(range, full, (range.min + range.max) / 2, 2, minSpan))}
          title="Zoom out (−)"
          aria-label="zoom out"
        >
          −
        </button>
        <button
          type="button"
          onClick={() => setRange(clampRange(full, full, minSpan))}
          disabled={isFullRange(range, full)}
          data-testid="spectrum-reset"
          title="Show the whole spectrum (0)"
        >
          reset
        </button>
        <span className="muted">
          {range.min.toFixed(0)}–{range.max.toFixed(0)} Å · drag: zoom to a range · shift-drag: pan · wheel: zoom
        </span>
      </div>
    </div>
  );
}

/** What the pointer is over: wavelength (observed and rest), flux ± σ there, and a line within 6 px. */
function readoutAt(
  s: ObjectSpectrum,
  w: number | null,
  z: number,
  lines: ReturnType<typeof linesInRange>,
  xOf: (w: number) => number,
): string | null {
  if (w === null) return null;
  let i = lowerIndex(s.wavelength, w);
  if (i >= s.wavelength.length || (i > 0 && w - s.wavelength[i - 1] < s.wavelength[i] - w)) i--;
  i = Math.max(0, i);
  const sigma = s.sigma && s.sigma[i] === s.sigma[i] ? ` ± ${s.sigma[i].toPrecision(2)}` : '';
  const flux = s.good[i] ? `flux ${s.flux[i].toPrecision(4)}${sigma}` : 'masked';
  const near = lines.find((p) => Math.abs(xOf(p.observed) - xOf(w)) <= 6);
  const nearLine = near ? ` · ${near.line.name}` : '';
  return `λ ${w.toFixed(1)} Å · rest ${restWavelength(w, z).toFixed(1)} Å · ${flux}${nearLine}`;
}
