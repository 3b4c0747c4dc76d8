// Layers import downwards only: a cycle ties files that could otherwise be read, tested and
// changed one at a time. Type-only imports and `import()` count too.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles } from '../../helpers/static-imports.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('import cycles', () => {
  it('has none among the sources', () => {
    expect(importCycles(root, ['electron', 'native-models', 'renderer/src'])).toEqual([]);
  });

  it('finds a cycle, a type-only one included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'serendip-cycles-'));
    try {
      mkdirSync(join(dir, 'src'));
      writeFileSync(join(dir, 'src/a.ts'), "import { b } from './b.js';\nexport const a = b;\n");
      writeFileSync(join(dir, 'src/b.ts'), "import type { C } from './c.js';\nexport const b: C = 1;\n");
      writeFileSync(join(dir, 'src/c.ts'), "export type C = number;\nexport const c = () => import('./a.js');\n");
      writeFileSync(join(dir, 'src/d.ts'), "import { a } from './a.js';\nexport const d = a;\n");
      expect(importCycles(dir, ['src'])).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
