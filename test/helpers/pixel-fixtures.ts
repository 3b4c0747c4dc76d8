// Real image files of known sizes for the pixel and preview tests: PNGs drawn with sharp and
// FITS written with the project's own writer (gzipped for .fits.gz), each a bright blob on a
// faint gradient so every size and stretch has something to show.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { encodeFitsImage } from '../../electron/core/formats/fits/writer.js';

function blob(x: number, y: number, width: number, height: number): number {
  const dx = (x - width / 2) / (width / 8);
  const dy = (y - height / 2) / (height / 8);
  return Math.exp(-(dx * dx + dy * dy) / 2) + (0.1 * (x + y)) / (width + height);
}

/** An RGB PNG of width × height at `path`. */
export async function writeBlobPng(path: string, width: number, height: number): Promise<void> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < 3; c++) pixels[(y * width + x) * 3 + c] = Math.min(255, 230 * blob(x, y, width, height) + c);
  await sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toFile(path);
}

/** A one-band float32 FITS image of width × height (gzipped when the path ends in .gz); pixel (x, y) is known. */
export function writeBlobFits(path: string, width: number, height: number): void {
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[y * width + x] = 100 * blob(x, y, width, height);
  const bytes = encodeFitsImage({ shape: [width, height], bitpix: -32, data, cards: [['FILTER', 'r']] });
  writeFileSync(path, path.endsWith('.gz') ? gzipSync(bytes) : bytes);
}

/** The files the preview and pixel tests ingest, by name. */
export async function writePixelFixtures(dir: string): Promise<void> {
  await writeBlobPng(join(dir, 'square-424.png'), 424, 424);
  await writeBlobPng(join(dir, 'wide-1000x500.png'), 1000, 500);
  writeBlobFits(join(dir, 'small-64x40.fits.gz'), 64, 40);
  writeBlobFits(join(dir, 'wide-1200x600.fits'), 1200, 600);
}
