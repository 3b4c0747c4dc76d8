// Writes the viewer-style RGB of a cutout, and the truth regions' masks, as 8-bit PNGs with
// sharp. Kept apart from the render workers: sharp is a native addon, loaded only on the main thread.
import sharp from 'sharp';
import { writeFileAtomic } from '../util/atomic-write.js';

/** Encodes interleaved 8-bit RGB (rows top to bottom); deterministic for the same pixels. */
export async function encodeRgbPng(rgb: Uint8Array, size: number): Promise<Buffer> {
  return sharp(rgb, { raw: { width: size, height: size, channels: 3 } })
    .png({ compressionLevel: 6, adaptiveFiltering: false })
    .toBuffer();
}

export async function writeRgbPng(path: string, rgb: Uint8Array, size: number): Promise<void> {
  await writeFileAtomic(path, await encodeRgbPng(rgb, size));
}

/** A 0/1 mask (rows top to bottom) as an 8-bit grey PNG: 255 inside, 0 outside. */
export async function writeMaskPng(path: string, mask: Uint8Array, size: number): Promise<void> {
  const grey = Uint8Array.from(mask, (v) => (v ? 255 : 0));
  // Without b-w, sharp writes one band out as sRGB.
  const png = await sharp(grey, { raw: { width: size, height: size, channels: 1 } })
    .toColourspace('b-w')
    .png({ compressionLevel: 6, adaptiveFiltering: false })
    .toBuffer();
  await writeFileAtomic(path, png);
}
