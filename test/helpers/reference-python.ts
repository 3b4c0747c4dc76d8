// Debian's python (with numpy and astropy) as ground truth in interoperability tests. Tests
// that need it skip cleanly where it or a module is missing.
import { spawnSync } from 'node:child_process';

export const REFERENCE_PYTHON = '/usr/bin/python3';

const availability = new Map<string, boolean>();

export function hasReferencePython(modules: string[]): boolean {
  const key = modules.join(',');
  let ok = availability.get(key);
  if (ok === undefined) {
    const probe = spawnSync(REFERENCE_PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], {
      encoding: 'utf8',
    });
    ok = probe.status === 0;
    availability.set(key, ok);
  }
  return ok;
}

/** Runs `script` with `args` in sys.argv[1:] and parses its last stdout line as JSON. */
export function runReferencePython<T>(script: string, args: string[] = []): T {
  const result = spawnSync(REFERENCE_PYTHON, ['-c', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`reference python failed: ${result.stderr}`);
  const lines = result.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}
