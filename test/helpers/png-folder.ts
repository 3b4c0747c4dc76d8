// A folder of small, distinct PNG "galaxies" (a bright blob on noise, seeded), for tests
// that make a workspace from a folder of files.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

export async function writePngFolder(dir: string, count: number, size = 48): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const pixels = Buffer.alloc(size * size * 3);
    const cx = size / 2 + ((i * 7) % 11) - 5;
    const cy = size / 2 + ((i * 5) % 9) - 4;
    const radius = 3 + (i % 6);
    let state = i * 2654435761 + 1;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        state = (state * 1103515245 + 12345) >>> 0;
        const noise = (state >>> 24) / 16;
        const blob = 220 * Math.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * radius * radius));
        for (let c = 0; c < 3; c++)
          pixels[(y * size + x) * 3 + c] = Math.min(255, blob * (1 - c * 0.2 * (i % 3)) + noise);
      }
    }
    const file = join(dir, `obj-${String(i).padStart(3, '0')}.png`);
    await sharp(pixels, { raw: { width: size, height: size, channels: 3 } })
      .png()
      .toFile(file);
    files.push(file);
  }
  return files;
}
