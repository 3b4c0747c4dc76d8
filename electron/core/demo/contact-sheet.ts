// A contact sheet: many cutouts tiled in one PNG with a caption under each, for eyeballing
// whether the demo collection looks like survey data and for showing it in docs.
import sharp from 'sharp';
import type { CutoutImage } from './cutout-image.js';
import { legacySurveyRgb } from './legacy-rgb.js';

export interface ContactSheetTile {
  image: CutoutImage;
  caption: string;
}

export interface ContactSheetOptions {
  /** Tiles per row; default 8. */
  columns?: number;
  /** Edge of each tile in pixels; cutouts are resampled to it. Default 128. */
  tile?: number;
}

const CAPTION_HEIGHT = 16;

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function renderContactSheet(
  tiles: readonly ContactSheetTile[],
  options: ContactSheetOptions = {},
): Promise<Buffer> {
  const columns = options.columns ?? 8;
  const tile = options.tile ?? 128;
  const rows = Math.ceil(tiles.length / columns);
  const cellHeight = tile + CAPTION_HEIGHT;
  const layers: sharp.OverlayOptions[] = [];
  for (let k = 0; k < tiles.length; k++) {
    const { image, caption } = tiles[k];
    const left = (k % columns) * tile;
    const top = Math.floor(k / columns) * cellHeight;
    const picture = await sharp(legacySurveyRgb(image), { raw: { width: image.size, height: image.size, channels: 3 } })
      .resize(tile, tile, { kernel: 'nearest' })
      .png()
      .toBuffer();
    layers.push({ input: picture, left, top });
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${tile}" height="${CAPTION_HEIGHT}">` +
      `<text x="3" y="12" font-family="sans-serif" font-size="11" fill="#ddd">${escapeXml(caption)}</text></svg>`;
    layers.push({ input: Buffer.from(svg), left, top: top + tile });
  }
  return sharp({ create: { width: columns * tile, height: rows * cellHeight, channels: 3, background: '#202020' } })
    .composite(layers)
    .png()
    .toBuffer();
}
