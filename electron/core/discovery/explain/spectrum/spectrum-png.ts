// A spectrum's explanation as one PNG, for `serendip explain --out`: its model input (dark grey)
// over the model's reconstruction (a wider blue), and the wavelength ranges that drive its score
// shaded (amber), the strong ones named by their line and share. Drawn as an SVG that sharp
// rasterises, so no plotting library is needed. Masked bins break both curves: the model saw no
// flux there, so what it reconstructs there is not a comparison.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../util/atomic-write.js';
import { loadSharp } from '../../../util/heavy-packages.js';
import { fileSafeName } from '../where/map-png.js';
import { finitePath } from './finite-path.js';
import type { SpectrumEvidence } from './spectrum-evidence.js';

export const SPECTRUM_PNG_SIZE = { width: 1000, height: 360 };
/** Drivers labelled: the strongest, and any with at least this share (weak ones side by side would overprint). */
const LABELLED_SHARE = 0.05;
/** Pixels a driver's shade spans at least. */
const MIN_SHADE_WIDTH = 5;
/** The drivers' shade, also what a test looks for. */
export const DRIVER_SHADE = { r: 255, g: 214, b: 140 };
const MARGIN = { left: 10, right: 10, top: 24, bottom: 24 };

export interface WrittenPlot {
  kind: 'spectrum';
  band: null;
  /** Absolute path of the PNG. */
  path: string;
}

/** Writes <object>.spectrum.png to `dir`. */
export async function writeSpectrumPng(
  spectrum: SpectrumEvidence['spectrum'],
  dir: string,
  object: string,
): Promise<WrittenPlot> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${fileSafeName(object)}.spectrum.png`);
  await writeFileAtomic(
    path,
    await (
      await loadSharp()
    )(Buffer.from(spectrumSvg(spectrum)))
      .png()
      .toBuffer(),
  );
  return { kind: 'spectrum', band: null, path };
}

export function spectrumSvg({ wavelength, flux, reconstruction, drivers }: SpectrumEvidence['spectrum']): string {
  const { width, height } = SPECTRUM_PNG_SIZE;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const first = wavelength[0];
  const span = wavelength[wavelength.length - 1] - first || 1;
  const x = (lambda: number) => MARGIN.left + ((lambda - first) / span) * plotWidth;
  let low = Infinity;
  let high = -Infinity;
  const shown = reconstruction.map((v, i) => (Number.isFinite(flux[i]) ? v : NaN));
  for (const v of [...flux, ...shown]) if (Number.isFinite(v)) [low, high] = [Math.min(low, v), Math.max(high, v)];
  if (!(high > low)) [low, high] = [0, 1];
  const y = (v: number) => MARGIN.top + (1 - (v - low) / (high - low)) * plotHeight;
  const shade = `rgb(${DRIVER_SHADE.r},${DRIVER_SHADE.g},${DRIVER_SHADE.b})`;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
  ];
  drivers.forEach((d, rank) => {
    // A narrow window (one line on a 1,000-pixel plot) is widened to stay visible.
    const width = Math.max(MIN_SHADE_WIDTH, x(d.to) - x(d.from));
    const left = (x(d.from) + x(d.to) - width) / 2;
    parts.push(
      `<rect x="${left.toFixed(1)}" y="${MARGIN.top}" width="${width.toFixed(1)}" height="${plotHeight}" ` +
        `fill="${shade}"/>`,
    );
    if (rank > 0 && d.share < LABELLED_SHARE) return;
    const label = `${d.line ? `${d.line} ` : ''}${Math.round(100 * d.share)}%`;
    parts.push(`<text x="${left.toFixed(1)}" y="${MARGIN.top - 6}" font-size="12">${escapeXml(label)}</text>`);
  });
  parts.push(curve(wavelength, shown, x, y, '#7fa7e0', 3), curve(wavelength, flux, x, y, '#333', 1));
  const axis = height - 6;
  parts.push(
    `<text x="${MARGIN.left}" y="${axis}" font-size="12">${Math.round(first)} Å</text>`,
    `<text x="${width - MARGIN.right}" y="${axis}" font-size="12" text-anchor="end">` +
      `${Math.round(first + span)} Å</text>`,
    '</svg>',
  );
  return parts.join('\n');
}

/** One path through the finite values, broken where a value is not. */
function curve(
  wavelength: readonly number[],
  values: readonly number[],
  x: (lambda: number) => number,
  y: (v: number) => number,
  colour: string,
  strokeWidth: number,
): string {
  const d = finitePath(wavelength, values, x, y);
  return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="${strokeWidth}"/>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
