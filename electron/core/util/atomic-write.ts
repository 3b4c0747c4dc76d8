// Every file Serendip writes goes to a temporary name in the same folder and is then
// renamed over the target, so a crash leaves either the old file or the new one, never half.
import { closeSync, fsyncSync, openSync, renameSync, writeSync, unlinkSync } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';

function temporaryNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

export function writeFileAtomicSync(target: string, data: Uint8Array | string, chunks?: Uint8Array[]): void {
  const tmp = temporaryNameFor(target);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    for (const chunk of chunks ?? []) writeSync(fd, chunk);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(tmp);
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, target);
}

export async function writeFileAtomic(target: string, ...parts: (Uint8Array | string)[]): Promise<void> {
  const tmp = temporaryNameFor(target);
  const handle = await open(tmp, 'w');
  try {
    for (const part of parts) await handle.write(typeof part === 'string' ? Buffer.from(part) : part);
    await handle.sync();
    await handle.close();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  await rename(tmp, target);
}
