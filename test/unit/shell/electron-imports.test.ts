// DESIGN.md: only electron/main and electron/preload import `electron`. The rest (core, CLI,
// browser mode, models) must run in plain Node, and the renderer talks through the bridge.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(c|m)?tsx?$/.test(e.name) ? [path] : [];
  });
}

const importsElectron = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]electron(?:\/[^'"]*)?['"]/;

describe('electron imports', () => {
  it('appear only in electron/main and electron/preload', () => {
    const importing = ['electron', 'native-models', 'renderer/src']
      .flatMap((dir) => sourceFiles(join(root, dir)))
      .map((file) => relative(root, file).split('\\').join('/'))
      .filter((file) => importsElectron.test(readFileSync(join(root, file), 'utf8')));
    const shell = (file: string) => file.startsWith('electron/main/') || file.startsWith('electron/preload/');
    expect(importing.filter(shell)).toContain('electron/main/main.ts'); // the scan does see imports
    expect(importing.filter((file) => !shell(file))).toEqual([]);
  });
});
