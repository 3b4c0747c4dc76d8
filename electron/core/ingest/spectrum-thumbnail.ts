// A spectrum's thumbnail: a small line plot drawn into an RGBA buffer here and encoded by
// sharp, so spectra sit on the map and in galleries like images do. The x axis is always the
// model grid's range (3,600–9,800 Å, log scale), so thumbnails line up and a shifted break or
// line stands out between neighbours. Each column shows the line through the mean of the
// pixels it holds, over a dim min–max envelope that says how noisy they are; the y axis
// follows the means (1st–99th percentile, with headroom), so noise and a single spike do not
// flatten the shape. Masked stretches break the line and are marked red along the bottom.
import { type Spectrum1D, isGoodPixel } from '../formats/spectra/spectrum.js';
import { quantileInPlace } from '../util/order-statistics.js';
import { SPECTRUM_GRID, type SpectrumGrid } from './spectrum-grid.js';
import { loadSharp } from '../util/heavy-packages.js';

export const SPECTRUM_THUMB_WIDTH = 256;
export const SPECTRUM_THUMB_HEIGHT = 128;
/** Lossless: a thin line on a flat background is where lossy WebP smears, and it stays a few kB. */
const SPECTRUM_WEBP = { lossless: true, effort: 0 } as const;

type Rgb = readonly [number, number, number];
const BACKGROUND: Rgb = [12, 14, 20];
const GRID_LINE: Rgb = [34, 39, 52];
const ZERO_LINE: Rgb = [58, 64, 80];
const ENVELOPE: Rgb = [32, 52, 78];
const LINE: Rgb = [232, 236, 245];
const MASKED: Rgb = [170, 45, 45];
const MARGIN_X = 3;
const MARGIN_TOP = 4;
const MASK_BAR = 3;

/** An opaque RGBA canvas with just the primitives a line plot needs. */
class Canvas {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.pixels = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) this.put(i, background);
  }

  private put(pixel: number, colour: Rgb): void {
    const at = pixel * 4;
    this.pixels[at] = colour[0];
    this.pixels[at + 1] = colour[1];
    this.pixels[at + 2] = colour[2];
    this.pixels[at + 3] = 255;
  }

  /** A vertical run from y0 to y1 inclusive (either order), clipped to the canvas. */
  vline(x: number, y0: number, y1: number, colour: Rgb): void {
    if (x < 0 || x >= this.width) return;
    const top = Math.max(0, Math.min(y0, y1));
    const bottom = Math.min(this.height - 1, Math.max(y0, y1));
    for (let y = top; y <= bottom; y++) this.put(y * this.width + x, colour);
  }

  hline(y: number, colour: Rgb): void {
    if (y < 0 || y >= this.height) return;
    for (let x = 0; x < this.width; x++) this.put(y * this.width + x, colour);
  }
}

interface Columns {
  min: Float64Array;
  max: Float64Array;
  mean: Float64Array;
  /** 0 empty, 1 only bad pixels, 2 good pixels. */
  state: Uint8Array;
}

function binIntoColumns(spectrum: Spectrum1D, grid: SpectrumGrid, plotWidth: number): Columns {
  const columns: Columns = {
    min: new Float64Array(plotWidth).fill(Infinity),
    max: new Float64Array(plotWidth).fill(-Infinity),
    mean: new Float64Array(plotWidth),
    state: new Uint8Array(plotWidth),
  };
  const counts = new Uint32Array(plotWidth);
  const perColumn = plotWidth / (grid.logMax - grid.logMin);
  for (let i = 0; i < spectrum.flux.length; i++) {
    const x = Math.floor((Math.log10(spectrum.wavelength[i]) - grid.logMin) * perColumn);
    if (x < 0 || x >= plotWidth) continue;
    if (!isGoodPixel(spectrum, i)) {
      if (columns.state[x] === 0) columns.state[x] = 1;
      continue;
    }
    const f = spectrum.flux[i];
    columns.state[x] = 2;
    columns.min[x] = Math.min(columns.min[x], f);
    columns.max[x] = Math.max(columns.max[x], f);
    columns.mean[x] += f;
    counts[x]++;
  }
  for (let x = 0; x < plotWidth; x++) if (counts[x] > 0) columns.mean[x] /= counts[x];
  return columns;
}

/**
 * Flux range shown: 1st–99th percentile of the column means, with a little room below and more above for emission
 * lines.
 */
function yRange(columns: Columns): { lo: number; hi: number } {
  const sample = Float64Array.from(columns.mean.filter((_, x) => columns.state[x] === 2));
  if (sample.length === 0) return { lo: -1, hi: 1 };
  let lo = quantileInPlace(sample, 0.01);
  let hi = quantileInPlace(sample, 0.99);
  let span = hi - lo;
  if (!(span > 0)) span = Math.abs(hi) > 0 ? Math.abs(hi) : 1;
  lo -= 0.08 * span;
  hi += 0.2 * span;
  return { lo, hi };
}

/** RGBA pixels of the plot, row-major from the top. */
export function spectrumPlotPixels(
  spectrum: Spectrum1D,
  width = SPECTRUM_THUMB_WIDTH,
  height = SPECTRUM_THUMB_HEIGHT,
  grid: SpectrumGrid = SPECTRUM_GRID,
): Uint8Array {
  const canvas = new Canvas(width, height, BACKGROUND);
  const plotWidth = width - 2 * MARGIN_X;
  const plotBottom = height - MASK_BAR - 2;
  const plotHeight = plotBottom - MARGIN_TOP;
  const columnOf = (wavelength: number) =>
    MARGIN_X + Math.floor(((Math.log10(wavelength) - grid.logMin) / (grid.logMax - grid.logMin)) * plotWidth);
  for (let wavelength = 4000; wavelength < 10 ** grid.logMax; wavelength += 1000) {
    const x = columnOf(wavelength);
    canvas.vline(x, MARGIN_TOP, plotBottom, GRID_LINE);
  }
  const columns = binIntoColumns(spectrum, grid, plotWidth);
  const { lo, hi } = yRange(columns);
  const yOf = (f: number) => Math.round(plotBottom - ((f - lo) / (hi - lo)) * plotHeight);
  if (lo < 0 && hi > 0) canvas.hline(yOf(0), ZERO_LINE);
  for (let c = 0; c < plotWidth; c++) {
    if (columns.state[c] === 1) canvas.vline(MARGIN_X + c, height - MASK_BAR, height - 1, MASKED);
    if (columns.state[c] === 2) canvas.vline(MARGIN_X + c, yOf(columns.min[c]), yOf(columns.max[c]), ENVELOPE);
  }
  // The mean line: joined across empty columns (coarse input pixels), broken at masked ones.
  let previous = -1;
  for (let c = 0; c < plotWidth; c++) {
    if (columns.state[c] === 1) previous = -1;
    if (columns.state[c] !== 2) continue;
    const y = yOf(columns.mean[c]);
    if (previous >= 0) {
      const y0 = yOf(columns.mean[previous]);
      for (let x = previous + 1; x <= c; x++) {
        const from = Math.round(y0 + ((y - y0) * (x - 1 - previous)) / (c - previous));
        const to = Math.round(y0 + ((y - y0) * (x - previous)) / (c - previous));
        canvas.vline(MARGIN_X + x, from, to, LINE);
      }
    } else {
      canvas.vline(MARGIN_X + c, y, y, LINE);
    }
    previous = c;
  }
  return canvas.pixels;
}

/** The spectrum's thumbnail as WebP bytes (SPECTRUM_THUMB_WIDTH × SPECTRUM_THUMB_HEIGHT). */
export async function thumbnailFromSpectrum(spectrum: Spectrum1D): Promise<Buffer> {
  const pixels = spectrumPlotPixels(spectrum);
  const sharp = await loadSharp();
  return sharp(pixels, { raw: { width: SPECTRUM_THUMB_WIDTH, height: SPECTRUM_THUMB_HEIGHT, channels: 4 } })
    .webp(SPECTRUM_WEBP)
    .toBuffer();
}
