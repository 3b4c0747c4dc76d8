// The project's own TypeScript sources, for tests that check a rule over all of them.
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourceFilesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFilesUnder(path);
    return /\.(c|m)?tsx?$/.test(e.name) ? [path] : [];
  });
}

/** Project-relative paths (forward slashes) of the .ts/.tsx files under each of `dirs`. */
export function projectSources(dirs: string[]): string[] {
  return dirs
    .flatMap((dir) => sourceFilesUnder(join(PROJECT_ROOT, dir)))
    .map((file) => relative(PROJECT_ROOT, file).split('\\').join('/'));
}
