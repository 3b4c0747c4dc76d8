// Where the object is odd, over its image: the chosen explanation map drawn semi-transparent on
// the model input's square of the cutout (PixelView places it; it scales with the image's zoom),
// and the controls that show or hide it and pick the map (rarity, saliency, the residual of a band),
// each with what it shows as its tooltip.
import { useEffect, useRef } from 'react';
import { displayKeys, binding } from '../../keyboard.js';
import { overlayRgba, type OverlayChoice } from './explain-overlay.js';
import type { ExplainMap } from '../../../../electron/core/api/contract-explain.js';

/** The map on a canvas of its own size, stretched by CSS over `square` (percentages of the image). */
export function OverlayLayer({
  map,
  square,
}: {
  map: ExplainMap;
  square: { left: number; top: number; width: number; height: number };
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const rgba = overlayRgba(map) as Uint8ClampedArray<ArrayBuffer>;
    ctx.putImageData(new ImageData(rgba, map.width, map.height), 0, 0);
  }, [map]);
  const style = {
    left: `${square.left}%`,
    top: `${square.top}%`,
    width: `${square.width}%`,
    height: `${square.height}%`,
  };
  return (
    <canvas
      ref={canvas}
      className="explain-overlay"
      width={map.width}
      height={map.height}
      style={style}
      data-testid="explain-overlay"
      data-kind={map.kind}
      data-band={map.band ?? ''}
    />
  );
}

export function OverlayControls({
  choices,
  chosen,
  on,
  onToggle,
  onPick,
}: {
  choices: OverlayChoice[];
  chosen: OverlayChoice | null;
  on: boolean;
  onToggle(): void;
  onPick(key: string): void;
}) {
  if (choices.length === 0 || !chosen) return null;
  const keys = displayKeys(binding('inspector.overlay'));
  const { peak } = chosen.map;
  return (
    <div className="explain-overlay-controls" data-testid="explain-overlay-controls">
      <label title={`Show where the object is odd over its image (${keys})`}>
        <input type="checkbox" checked={on} onChange={onToggle} data-testid="explain-overlay-toggle" /> where it is odd
      </label>
      {choices.length > 1 && (
        <select
          value={chosen.key}
          title={chosen.meaning}
          onChange={(e) => onPick(e.target.value)}
          aria-label="Explanation map"
          data-testid="explain-overlay-map"
        >
          {choices.map((c) => (
            <option key={c.key} value={c.key} title={c.meaning}>
              {c.label}
            </option>
          ))}
        </select>
      )}
      <span className="muted" title={`${chosen.meaning}; its largest value, in model-input pixels`}>
        {choices.length === 1 ? `${chosen.label}, ` : ''}peak at {peak.x}, {peak.y} of {chosen.map.width}
      </span>
    </div>
  );
}
