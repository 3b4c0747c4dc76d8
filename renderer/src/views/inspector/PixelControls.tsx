// The pixel view's controls: zoom (fit, 1:1, −, +), stretch, band and percentile limits. Kept
// apart from the canvas so PixelView holds only the image and its state.
import type { StretchKind } from '../../state/stretch.js';

interface ZoomControls {
  label: string;
  fit: boolean;
  onFit: () => void;
  onOne: () => void;
  onIn: () => void;
  onOut: () => void;
  canIn: boolean;
  canOut: boolean;
}

interface Props {
  zoom: ZoomControls;
  stretches: StretchKind[];
  kind: StretchKind;
  onKind: (kind: StretchKind) => void;
  bandNames: string[];
  band: number | 'rgb';
  onBand: (band: number | 'rgb') => void;
  low: number;
  high: number;
  onLow: (pct: number) => void;
  onHigh: (pct: number) => void;
}

export function PixelControls(p: Props) {
  return (
    <div className="pixel-controls">
      <span className="zoom-controls" role="group" aria-label="zoom">
        <button onClick={p.zoom.onOut} disabled={!p.zoom.canOut} title="zoom out (−)" aria-label="zoom out">
          −
        </button>
        <button onClick={p.zoom.onIn} disabled={!p.zoom.canIn} title="zoom in (+)" aria-label="zoom in">
          +
        </button>
        <button onClick={p.zoom.onOne} title="one image pixel per screen pixel (0)" data-testid="zoom-one">
          1:1
        </button>
        <button onClick={p.zoom.onFit} className={p.zoom.fit ? 'active' : ''} title="fit the panel (f)">
          fit
        </button>
        <span className="zoom-label" data-testid="zoom-label">
          {p.zoom.label}
        </span>
      </span>
      <select value={p.kind} onChange={(e) => p.onKind(e.target.value as StretchKind)} aria-label="stretch">
        {p.stretches.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select
        value={String(p.band)}
        onChange={(e) => p.onBand(e.target.value === 'rgb' ? 'rgb' : Number(e.target.value))}
        aria-label="band"
      >
        {p.bandNames.length >= 3 && <option value="rgb">RGB</option>}
        {p.bandNames.map((n, b) => (
          <option key={b} value={b}>
            {n}
          </option>
        ))}
      </select>
      <label title="lower percentile">
        lo{' '}
        <input
          type="number"
          min={0}
          max={50}
          step={0.5}
          value={p.low}
          disabled={p.kind === 'zscale'}
          onChange={(e) => p.onLow(Number(e.target.value))}
        />
      </label>
      <label title="upper percentile">
        hi{' '}
        <input
          type="number"
          min={50}
          max={100}
          step={0.1}
          value={p.high}
          disabled={p.kind === 'zscale'}
          onChange={(e) => p.onHigh(Number(e.target.value))}
        />
      </label>
    </div>
  );
}
