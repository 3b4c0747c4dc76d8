// Temporary folders for tests, removed afterwards: a fresh one per test, or one shared by
// every test of a describe block (or file).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';

export function useTempDir(prefix = 'serendip-test-'): () => string {
  const made: string[] = [];
  afterEach(() => {
    while (made.length) rmSync(made.pop()!, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/**
 * One folder for the enclosing describe block (or file), removed after its last test. It is
 * made on the first call, not at registration, so a block that calls it only from its hooks
 * and tests leaves nothing behind when all its tests are skipped (its hooks then never run).
 */
export function useSharedTempDir(prefix = 'serendip-test-'): () => string {
  let dir: string | undefined;
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => (dir ??= mkdtempSync(join(tmpdir(), prefix)));
}
