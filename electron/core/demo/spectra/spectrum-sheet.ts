// A sheet of small spectrum plots in one PNG (flux against wavelength, the noise-free model
// over it), for eyeballing whether the demo spectra look like SDSS's and for documentation.
// Lines are drawn into an RGBA buffer here; sharp adds the captions and encodes.
import sharp from 'sharp';

export interface SpectrumPanel {
  /** Wavelength (Å) of each pixel, increasing. */
  lambda: ArrayLike<number>;
  flux: ArrayLike<number>;
  /** Pixels with ivar 0 are not drawn; absent: all are. */
  ivar?: ArrayLike<number>;
  /** Drawn in red over the flux; absent: not drawn. */
  model?: ArrayLike<number>;
  caption: string;
}

export interface SpectrumSheetOptions {
  /** Panels per row; default 3. */
  columns?: number;
  /** Panel size in pixels; default 420 × 170. */
  width?: number;
  height?: number;
  /** Wavelength range of every panel (Å); default 3800–9200. */
  lambdaMin?: number;
  lambdaMax?: number;
}

const MARGIN = { left: 6, right: 6, top: 18, bottom: 16 };
type Rgb = [number, number, number];

class Canvas {
  readonly pixels: Buffer;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = Buffer.alloc(width * height * 4, 255);
  }

  blend(x: number, y: number, colour: Rgb, alpha: number): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const o = (y * this.width + x) * 4;
    for (let c = 0; c < 3; c++) this.pixels[o + c] = Math.round(this.pixels[o + c] * (1 - alpha) + colour[c] * alpha);
  }

  /** A straight line, one sample per pixel along its longer axis. */
  line(x0: number, y0: number, x1: number, y1: number, colour: Rgb, alpha: number): void {
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0))));
    for (let s = 0; s <= steps; s++) {
      const t = s / steps;
      this.blend(Math.round(x0 + (x1 - x0) * t), Math.round(y0 + (y1 - y0) * t), colour, alpha);
    }
  }
}

/**
 * From a little below the lowest flux (or 0) to the highest flux after a 3-pixel running
 * median: emission lines stay in view, single-pixel noise spikes do not set the scale.
 */
function fluxRange(panel: SpectrumPanel, lambdaRange: [number, number]): [number, number] {
  const good: number[] = [];
  for (let i = 0; i < panel.flux.length; i++) {
    const inside = panel.lambda[i] >= lambdaRange[0] && panel.lambda[i] <= lambdaRange[1];
    if (inside && (!panel.ivar || panel.ivar[i] > 0)) good.push(panel.flux[i]);
  }
  if (good.length < 3) return [0, 1];
  let high = -Infinity;
  for (let i = 1; i + 1 < good.length; i++) {
    const [a, b, c] = [good[i - 1], good[i], good[i + 1]];
    high = Math.max(high, Math.max(Math.min(a, b), Math.min(Math.max(a, b), c)));
  }
  const sorted = good.slice().sort((a, b) => a - b);
  const low = Math.min(0, sorted[Math.floor(sorted.length * 0.005)]);
  const pad = 0.05 * (high - low || 1);
  return [low - pad, high + pad];
}

function drawPanel(
  canvas: Canvas,
  panel: SpectrumPanel,
  left: number,
  top: number,
  w: number,
  h: number,
  lambdaRange: [number, number],
): void {
  const [fLow, fHigh] = fluxRange(panel, lambdaRange);
  const plotW = w - MARGIN.left - MARGIN.right;
  const plotH = h - MARGIN.top - MARGIN.bottom;
  const x = (lambda: number) =>
    left + MARGIN.left + ((lambda - lambdaRange[0]) / (lambdaRange[1] - lambdaRange[0])) * plotW;
  const y = (f: number) =>
    top + MARGIN.top + (1 - (Math.min(fHigh, Math.max(fLow, f)) - fLow) / (fHigh - fLow)) * plotH;
  const grey: Rgb = [170, 170, 170];
  canvas.line(x(lambdaRange[0]), y(fLow), x(lambdaRange[1]), y(fLow), grey, 1);
  canvas.line(x(lambdaRange[0]), y(fHigh), x(lambdaRange[1]), y(fHigh), grey, 1);
  if (fLow < 0) canvas.line(x(lambdaRange[0]), y(0), x(lambdaRange[1]), y(0), [215, 215, 215], 1);
  for (let tick = Math.ceil(lambdaRange[0] / 1000) * 1000; tick <= lambdaRange[1]; tick += 1000) {
    canvas.line(x(tick), y(fLow), x(tick), y(fLow) - 4, grey, 1);
  }
  const trace = (values: ArrayLike<number>, colour: Rgb, alpha: number) => {
    let previous: [number, number] | null = null;
    for (let i = 0; i < values.length; i++) {
      const outside = panel.lambda[i] < lambdaRange[0] || panel.lambda[i] > lambdaRange[1];
      if (outside || (panel.ivar && panel.ivar[i] <= 0 && values === panel.flux)) {
        previous = null;
        continue;
      }
      const point: [number, number] = [x(panel.lambda[i]), y(values[i])];
      if (previous) canvas.line(previous[0], previous[1], point[0], point[1], colour, alpha);
      previous = point;
    }
  };
  trace(panel.flux, [20, 20, 20], 0.75);
  if (panel.model) trace(panel.model, [220, 30, 30], 0.9);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function renderSpectrumSheet(
  panels: readonly SpectrumPanel[],
  options: SpectrumSheetOptions = {},
): Promise<Buffer> {
  const columns = options.columns ?? 3;
  const w = options.width ?? 420;
  const h = options.height ?? 170;
  const range: [number, number] = [options.lambdaMin ?? 3800, options.lambdaMax ?? 9200];
  const rows = Math.ceil(panels.length / columns);
  const canvas = new Canvas(columns * w, rows * h);
  const labels: string[] = [];
  panels.forEach((panel, k) => {
    const left = (k % columns) * w;
    const top = Math.floor(k / columns) * h;
    drawPanel(canvas, panel, left, top, w, h, range);
    labels.push(
      `<text x="${left + MARGIN.left}" y="${top + 13}" font-family="sans-serif" font-size="11" ` +
        `fill="#222">${escapeXml(panel.caption)}</text>`,
    );
    for (let tick = Math.ceil(range[0] / 1000) * 1000; tick <= range[1]; tick += 1000) {
      const tx = left + MARGIN.left + ((tick - range[0]) / (range[1] - range[0])) * (w - MARGIN.left - MARGIN.right);
      labels.push(
        `<text x="${tx.toFixed(1)}" y="${top + h - 3}" font-family="sans-serif" font-size="9" ` +
          `fill="#666" text-anchor="middle">${tick}</text>`,
      );
    }
  });
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${canvas.width}" ` +
    `height="${canvas.height}">${labels.join('')}</svg>`;
  return sharp(canvas.pixels, { raw: { width: canvas.width, height: canvas.height, channels: 4 } })
    .composite([{ input: Buffer.from(svg), left: 0, top: 0 }])
    .png()
    .toBuffer();
}
