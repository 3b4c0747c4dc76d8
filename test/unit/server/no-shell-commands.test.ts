// No shell command is ever built from user input: Serendip starts other programs only with
// spawn/spawnSync/execFile and an argument array, never through a shell (exec, execSync,
// `shell: true`), and only from the places listed here, so a new one is a reviewed change.
// File names, URLs and workspace paths always travel as single arguments.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openerCommand } from '../../../electron/server/open-browser.js';
import { PROJECT_ROOT, projectSources } from '../../helpers/source-files.js';

/** Every file that may start a process, and why. */
const ALLOWED = {
  'electron/server/open-browser.ts': "opens browser mode's URL with the platform's opener",
  'electron/cli/start.ts': 'starts the Electron binary on the demo workspace',
};

const sources = projectSources(['electron', 'native-models', 'renderer/src']).map((file) => ({
  file,
  text: readFileSync(join(PROJECT_ROOT, file), 'utf8'),
}));
const importsChildProcess = /from\s+['"](?:node:)?child_process['"]|require\(\s*['"](?:node:)?child_process['"]\s*\)/;

describe('starting other programs', () => {
  it('happens only in the reviewed files', () => {
    const starting = sources.filter((s) => importsChildProcess.test(s.text)).map((s) => s.file);
    expect(starting.length).toBeGreaterThan(0); // the scan does see imports
    expect(starting.sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it('never goes through a shell', () => {
    for (const { file, text } of sources.filter((s) => importsChildProcess.test(s.text))) {
      const named = /import\s*\{([^}]*)\}\s*from\s*['"](?:node:)?child_process['"]/.exec(text)?.[1] ?? '';
      const functions = named
        .split(',')
        .map((n) => n.trim().split(/\s+as\s+/)[0])
        .filter(Boolean);
      expect(
        functions.every((f) => ['spawn', 'spawnSync', 'execFile', 'execFileSync'].includes(f)),
        `${file} imports ${functions}`,
      ).toBe(true);
      expect(text, file).not.toMatch(/shell\s*:\s*(true|['"])/);
      expect(text, file).not.toMatch(/import\s+\*\s+as\s+\w+\s+from\s+['"](?:node:)?child_process/);
    }
  });

  it("passes browser mode's URL as one argument on every platform", () => {
    const url = 'http://127.0.0.1:5173/?token=abc&x="; rm -rf ~"';
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const [command, args] = openerCommand(url, platform);
      expect(args[args.length - 1], platform).toBe(url);
      expect(['xdg-open', 'open', 'rundll32'], platform).toContain(command);
      expect(args.join(' '), platform).not.toMatch(/\/c|start/);
    }
  });
});
