// A FITS cutout's pixels on a canvas: stretch, percentile limits, one band or an RGB
// composite, and the value under the pointer.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ObjectPixels } from '../../../../electron/core/api/view-types.js';
import { appStore } from '../../state/app-store.js';
import { STRETCHES, renderStretched, type StretchKind } from '../../state/stretch.js';

export function PixelView({ id }: { id: number }) {
  const store = appStore();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [pixels, setPixels] = useState<ObjectPixels | null>(null);
  const [kind, setKind] = useState<StretchKind>('asinh');
  const [low, setLow] = useState(1);
  const [high, setHigh] = useState(99.5);
  const [band, setBand] = useState<number | 'rgb'>('rgb');
  const [readout, setReadout] = useState<string>('');

  useEffect(() => {
    let live = true;
    setPixels(null);
    void store.api.call('objectPixels', id).then(
      (p) => live && setPixels(p),
      (err: Error) => store.set({ error: err.message }),
    );
    return () => {
      live = false;
    };
  }, [id, store]);

  const shown = useMemo(() => {
    if (!pixels) return [0];
    // reddest band to red
    if (band === 'rgb' && pixels.bands >= 3) return [pixels.bands - 1, Math.floor(pixels.bands / 2), 0];
    return [band === 'rgb' ? 0 : Math.min(band, pixels.bands - 1)];
  }, [pixels, band]);

  useEffect(() => {
    if (!pixels || !canvas.current) return;
    const rgba = renderStretched(pixels, shown, kind, low, high);
    const ctx = canvas.current.getContext('2d');
    ctx?.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, pixels.width, pixels.height), 0, 0);
  }, [pixels, shown, kind, low, high]);

  if (!pixels) return <div className="pixel-view loading">Loading pixels…</div>;
  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const x = Math.floor(((e.clientX - r.left) / r.width) * pixels.width);
    const y = Math.floor(((e.clientY - r.top) / r.height) * pixels.height);
    if (x < 0 || y < 0 || x >= pixels.width || y >= pixels.height) return setReadout('');
    const plane = pixels.width * pixels.height;
    const values = Array.from(
      { length: pixels.bands },
      (_, b) => `${pixels.bandNames[b]} ${pixels.data[b * plane + y * pixels.width + x].toPrecision(4)}`,
    );
    // Rows are top-down here; FITS counts from the bottom, 1-based.
    setReadout(`x ${x + 1} y ${pixels.height - y} · ${values.join(' · ')}`);
  };
  return (
    <div className="pixel-view" data-testid="pixel-view">
      <canvas
        ref={canvas}
        width={pixels.width}
        height={pixels.height}
        onMouseMove={onMove}
        onMouseLeave={() => setReadout('')}
      />
      <div className="readout">
        {readout ||
          `${pixels.originalWidth}×${pixels.originalHeight} px, ${pixels.bands} band${pixels.bands > 1 ? 's' : ''}`}
      </div>
      <div className="pixel-controls">
        <select value={kind} onChange={(e) => setKind(e.target.value as StretchKind)} aria-label="stretch">
          {STRETCHES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select
          value={String(band)}
          onChange={(e) => setBand(e.target.value === 'rgb' ? 'rgb' : Number(e.target.value))}
          aria-label="band"
        >
          {pixels.bands >= 3 && <option value="rgb">RGB</option>}
          {pixels.bandNames.map((n, b) => (
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
            value={low}
            disabled={kind === 'zscale'}
            onChange={(e) => setLow(Number(e.target.value))}
          />
        </label>
        <label title="upper percentile">
          hi{' '}
          <input
            type="number"
            min={50}
            max={100}
            step={0.1}
            value={high}
            disabled={kind === 'zscale'}
            onChange={(e) => setHigh(Number(e.target.value))}
          />
        </label>
      </div>
    </div>
  );
}
