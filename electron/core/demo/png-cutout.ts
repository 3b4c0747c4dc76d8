// Writes the viewer-style RGB of a cutout as an 8-bit PNG with sharp. Kept apart from the
// render workers: sharp is a native addon, loaded only on the main thread.
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
