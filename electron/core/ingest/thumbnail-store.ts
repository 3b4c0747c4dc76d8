// Thumbnails as WebP files under thumbs/, named by a hash of the source and item so a
// re-ingest overwrites the same file and the name never depends on database ids.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';

export function thumbnailName(storedPath: string, itemIndex: number): string {
  const hash = createHash('sha1').update(`${storedPath}#${itemIndex}`).digest('hex').slice(0, 20);
  return `thumbs/${hash.slice(0, 2)}/${hash}.webp`;
}

export async function writeThumbnail(workspaceRoot: string, name: string, data: Buffer): Promise<void> {
  const target = join(workspaceRoot, name);
  await mkdir(join(target, '..'), { recursive: true });
  await writeFileAtomic(target, data);
}
