// Every source line fits in 120 columns, prettier's printWidth (.prettierrc.json). Prettier
// leaves long string literals, comments, regexes and test titles as they are, so this checks
// what it does not: the sources git knows of (tracked, or new and not ignored), or, outside a
// git checkout, the same folders walked on disk. Test fixtures are data and are left out.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MAX_LINE = 120;
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FOLDERS = ['electron', 'native-models', 'renderer', 'test', 'build'];
const EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cts', '.css'];
const SKIPPED = ['test/fixtures/'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'renderer-dist', 'test-output', '.git']);

const isSource = (path: string) =>
  EXTENSIONS.some((ext) => path.endsWith(ext)) && !SKIPPED.some((prefix) => path.startsWith(prefix));

function gitSourceFiles(): string[] | null {
  const pathspecs = FOLDERS.flatMap((folder) => EXTENSIONS.map((ext) => `${folder}/*${ext}`));
  const listed = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z', '--', ...pathspecs], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  if (listed.error || listed.status !== 0) return null;
  return listed.stdout.split('\0').filter((path) => path && isSource(path));
}

function walkedSourceFiles(): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(ROOT, relative), { withFileTypes: true })) {
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile() && isSource(path)) found.push(path);
    }
  };
  for (const folder of FOLDERS) walk(folder);
  return found;
}

/** `file:line (length)` for each line longer than `max` characters (code points, as an editor counts them). */
export function longLines(root: string, files: string[], max = MAX_LINE): string[] {
  const long: string[] = [];
  for (const file of files) {
    const lines = readFileSync(join(root, file), 'utf8').split(/\r?\n/);
    lines.forEach((line, i) => {
      const length = [...line].length;
      if (length > max) long.push(`${file}:${i + 1} (${length})`);
    });
  }
  return long;
}

describe('source line length', () => {
  const files = gitSourceFiles() ?? walkedSourceFiles();

  it('finds the sources to check', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('test/unit/build/line-length.test.ts');
    expect(files.some((file) => file.startsWith('test/fixtures/'))).toBe(false);
  });

  it(`keeps every line within ${MAX_LINE} characters`, () => {
    const long = longLines(ROOT, files);
    expect(long, `lines over ${MAX_LINE} characters:\n${long.join('\n')}`).toEqual([]);
  });
});
