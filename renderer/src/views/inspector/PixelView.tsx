// An image object's pixels on a canvas, whatever its format (FITS, .fits.gz, .fz, PNG, JPEG,
// HDF5; the server reads the file by content): stretch, percentile limits, one band or an RGB
// composite, zoom (fit, 1:1 and steps; wheel, buttons, or +, − and 0 on the focused image) with
// the aspect ratio kept, and the value under the pointer in the source's own pixel coordinates.
// An explanation map may lie over the image, on the model input's square of it (ExplainOverlay).
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ObjectPixels } from '../../../../electron/core/api/view-types.js';
import { appStore } from '../../state/app-store.js';
import { STRETCHES, defaultStretch, renderStretched, type StretchKind } from '../../state/stretch.js';
import { ZOOM_STEPS, fitScale, stepZoom, zoomLabel, type Zoom } from './zoom.js';
import { PixelControls } from './PixelControls.js';
import { modelInputSquare } from './explain-overlay.js';
import type { ExplainMap } from '../../../../electron/core/api/contract-explain.js';
import { OverlayLayer } from './ExplainOverlay.js';

/** The tallest the fitted image may be, as a share of the window's height. */
const FIT_HEIGHT_SHARE = 0.6;

interface Props {
  id: number;
  /** The stored size, for a placeholder of the right shape while the pixels load. */
  width: number | null;
  height: number | null;
  /** Shown when the pixels cannot be read. */
  fallback: React.ReactNode;
  /** Drawn semi-transparent over the image, or nothing. */
  overlay?: ExplainMap | null;
  /** Told the band shown: its name, or null for a colour composite. */
  onBandShown?: (band: string | null) => void;
}

export function PixelView({ id, width, height, fallback, overlay, onBandShown }: Props) {
  const store = appStore();
  const canvas = useRef<HTMLCanvasElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const [pixels, setPixels] = useState<ObjectPixels | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [kind, setKind] = useState<StretchKind>('asinh');
  const [low, setLow] = useState(1);
  const [high, setHigh] = useState(99.5);
  const [band, setBand] = useState<number | 'rgb'>('rgb');
  const [readout, setReadout] = useState<string>('');
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [box, setBox] = useState({ width: 0, height: 0 });

  useEffect(() => {
    let live = true;
    setPixels(null);
    setFailed(null);
    setZoom('fit');
    void store.api.call('objectPixels', id).then(
      (p) => {
        if (!live) return;
        const start = defaultStretch(p.source);
        setKind(start.kind);
        setLow(start.lowPct);
        setHigh(start.highPct);
        setPixels(p);
      },
      (err: Error) => live && setFailed(err.message),
    );
    return () => {
      live = false;
    };
  }, [id, store]);

  // The panel's width (and the window's height) decide the fitted scale.
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const measure = () => setBox({ width: element.clientWidth, height: window.innerHeight * FIT_HEIGHT_SHARE });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [pixels]);

  const shown = useMemo(() => {
    if (!pixels) return [0];
    if (band === 'rgb' && pixels.bands >= 3)
      // Display images are stored R, G, B; measurements go reddest band to red, as survey viewers do.
      return pixels.source === 'raster' ? [0, 1, 2] : [pixels.bands - 1, Math.floor(pixels.bands / 2), 0];
    return [band === 'rgb' ? 0 : Math.min(band, pixels.bands - 1)];
  }, [pixels, band]);

  const shownBand = pixels && shown.length === 1 ? pixels.bandNames[shown[0]] : null;
  useEffect(() => onBandShown?.(shownBand), [shownBand, onBandShown]);

  useEffect(() => {
    if (!pixels || !canvas.current) return;
    const rgba = renderStretched(pixels, shown, kind, low, high, pixels.source === 'raster');
    const ctx = canvas.current.getContext('2d');
    ctx?.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, pixels.width, pixels.height), 0, 0);
  }, [pixels, shown, kind, low, high]);

  const fitted = pixels ? fitScale(pixels.width, pixels.height, box.width, box.height) : 1;
  const scale = zoom === 'fit' ? fitted : zoom;

  // The wheel zooms the image, not the panel: a native listener, since React's wheel events are passive.
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      setZoom(stepZoom(scale, event.deltaY < 0 ? 1 : -1));
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [scale]);

  if (failed) {
    return (
      <div className="pixel-view" data-testid="pixel-view-failed">
        {fallback}
        <div className="readout">pixels unavailable: {failed}</div>
      </div>
    );
  }
  if (!pixels) {
    const aspect = width && height ? `${width} / ${height}` : '1';
    return (
      <div className="pixel-view loading" style={{ aspectRatio: aspect }}>
        Loading pixels…
      </div>
    );
  }

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
    // A downsampled view names the source pixel at the block's corner.
    const sx = Math.floor((x * pixels.originalWidth) / pixels.width);
    const sy = Math.floor((y * pixels.originalHeight) / pixels.height);
    // FITS counts rows from the bottom, 1-based; display images from the top, 0-based.
    const where =
      pixels.source === 'fits' ? `x ${sx + 1} y ${pixels.originalHeight - sy}` : `x ${sx} y ${sy} (from top)`;
    setReadout(`${where} · ${values.join(' · ')}`);
  };
  const onKey = (e: React.KeyboardEvent) => {
    const next = e.key === '+' || e.key === '=' ? stepZoom(scale, 1) : e.key === '-' ? stepZoom(scale, -1) : null;
    if (next !== null) setZoom(next);
    else if (e.key === '0') setZoom(1);
    else if (e.key === 'f') setZoom('fit');
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const size = `${pixels.originalWidth}×${pixels.originalHeight} px`;
  const shownAt = pixels.width !== pixels.originalWidth ? ` (shown from ${pixels.width}×${pixels.height})` : '';
  return (
    <div className="pixel-view" data-testid="pixel-view" data-source={pixels.source}>
      <div
        ref={frame}
        className={zoom === 'fit' ? 'pixel-frame fit' : 'pixel-frame'}
        tabIndex={0}
        onKeyDown={onKey}
        title="wheel or + / − zoom · 0 one image pixel per screen pixel · f fit"
        data-testid="pixel-frame"
      >
        <div className="pixel-stack" style={{ width: pixels.width * scale, height: pixels.height * scale }}>
          <canvas
            ref={canvas}
            width={pixels.width}
            height={pixels.height}
            style={{ width: pixels.width * scale, height: pixels.height * scale }}
            className={scale >= 1 ? 'pixelated' : ''}
            onMouseMove={onMove}
            onMouseLeave={() => setReadout('')}
            data-testid="pixel-canvas"
          />
          {overlay && (
            <OverlayLayer map={overlay} square={modelInputSquare(pixels.originalWidth, pixels.originalHeight)} />
          )}
        </div>
      </div>
      <div className="readout" data-testid="pixel-readout">
        {readout || `${size}${shownAt}, ${pixels.bands} band${pixels.bands > 1 ? 's' : ''}`}
      </div>
      <PixelControls
        zoom={{
          label: zoomLabel(scale),
          fit: zoom === 'fit',
          onFit: () => setZoom('fit'),
          onOne: () => setZoom(1),
          onIn: () => setZoom(stepZoom(scale, 1)),
          onOut: () => setZoom(stepZoom(scale, -1)),
          canIn: scale < ZOOM_STEPS[ZOOM_STEPS.length - 1],
          canOut: scale > ZOOM_STEPS[0],
        }}
        stretches={STRETCHES}
        kind={kind}
        onKind={setKind}
        bandNames={pixels.bandNames}
        band={band}
        onBand={setBand}
        low={low}
        high={high}
        onLow={setLow}
        onHigh={setHigh}
      />
    </div>
  );
}
