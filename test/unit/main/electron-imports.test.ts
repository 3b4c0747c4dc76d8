// The layering rule (docs/ARCHITECTURE.md): only electron/main and electron/preload import
// `electron`. The rest (core, CLI, browser mode, models) must run in plain Node, and the
// renderer talks through the bridge.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, projectSources } from '../../helpers/source-files.js';

const importsElectron = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]electron(?:\/[^'"]*)?['"]/;

describe('electron imports', () => {
  it('appear only in electron/main and electron/preload', () => {
    const importing = projectSources(['electron', 'native-models', 'renderer/src']).filter((file) =>
      importsElectron.test(readFileSync(join(PROJECT_ROOT, file), 'utf8')),
    );
    const shell = (file: string) => file.startsWith('electron/main/') || file.startsWith('electron/preload/');
    expect(importing.filter(shell)).toContain('electron/main/main.ts'); // the scan does see imports
    expect(importing.filter((file) => !shell(file))).toEqual([]);
  });
});
