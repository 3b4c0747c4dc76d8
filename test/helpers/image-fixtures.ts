// Small image files with known content for ingest tests: gradients in PNG/JPEG, and
// FITS cubes with a simple TAN WCS pointing at a chosen RA/Dec.
import sharp from 'sharp';
import { writeFileSync } from 'node:fs';
import { writeFitsImage } from '../../electron/core/formats/fits/writer.js';

export async function writePng(path: string, width = 96, height = 96, seed = 0): Promise<void> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      for (let c = 0; c < 3; c++) pixels[(y * width + x) * 3 + c] = (x * 2 + y + c * 40 + seed * 17) % 256;
  await sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toFile(path);
}

export async function writeJpeg(path: string, width = 80, height = 64): Promise<void> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 7) % 251;
  await sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg()
    .toFile(path);
}

/** A 3-band float32 cube: a Gaussian blob on a flat sky, brighter in redder bands. */
export function writeFitsCube(
  path: string,
  options: { size?: number; ra?: number; dec?: number; amplitude?: number } = {},
): void {
  const size = options.size ?? 64;
  const bands = 3;
  const data = new Float32Array(size * size * bands);
  for (let b = 0; b < bands; b++)
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const r2 = (x - size / 2) ** 2 + (y - size / 2) ** 2;
        data[b * size * size + y * size + x] =
          1 + (options.amplitude ?? 100) * (b + 1) * Math.exp(-r2 / 50) + ((x * 31 + y * 17 + b) % 7) * 0.1;
      }
  writeFitsImage(path, {
    shape: [size, size, bands],
    bitpix: -32,
    data,
    cards: [
      ['BUNIT', 'nanomaggy'],
      ['CTYPE1', 'RA---TAN'],
      ['CTYPE2', 'DEC--TAN'],
      ['CRVAL1', options.ra ?? 150.1],
      ['CRVAL2', options.dec ?? 2.2],
      ['CRPIX1', (size + 1) / 2],
      ['CRPIX2', (size + 1) / 2],
      ['CD1_1', -0.262 / 3600],
      ['CD2_2', 0.262 / 3600],
    ],
  });
}

export function writeGarbage(path: string, bytes = 5000): void {
  const data = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) data[i] = (i * 131 + 7) % 256;
  writeFileSync(path, data);
}
