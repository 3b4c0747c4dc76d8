// Shared pieces of the benchmarks: timing, printing figures, and running a reference
// implementation in Debian's python (skipped with a message when it is absent).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const REFERENCE_PYTHON = '/usr/bin/python3';

export async function timeIt<T>(fn: () => T | Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - start) / 1000 };
}

export function printFigure(name: string, value: number | string, unit = ''): void {
  const shown = typeof value === 'number' ? (Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(4)) : value;
  console.log(`  ${name.padEnd(48)} ${shown}${unit ? ' ' + unit : ''}`);
}

export function printHeading(title: string): void {
  console.log(`\n== ${title}`);
}

export function benchScratchDir(prefix: string): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `serendip-bench-${prefix}-`));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs `script` with Debian's python and parses the last stdout line as JSON.
 * Returns null (after printing why) when python or one of `modules` is missing.
 */
export function runPythonReference<T>(
  script: string,
  modules: string[],
  args: string[] = [],
  timeoutMs = 20 * 60_000,
): T | null {
  if (!existsSync(REFERENCE_PYTHON)) {
    console.log(`  (reference skipped: ${REFERENCE_PYTHON} not found)`);
    return null;
  }
  const probe = spawnSync(REFERENCE_PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ') || 'pass'], {
    encoding: 'utf8',
  });
  if (probe.status !== 0) {
    console.log(
      `  (reference skipped: python module missing: ${modules.join(', ')}; install the Debian ` +
        'packages listed in README)',
    );
    return null;
  }
  const { dir, dispose } = benchScratchDir('py');
  try {
    const file = join(dir, 'reference.py');
    writeFileSync(file, script);
    // OpenBLAS core-type overrides slow current numpy; the reference should run at its best.
    const env = { ...process.env };
    delete env.OPENBLAS_CORETYPE;
    delete env.OPENBLAS_L2_SIZE;
    const result = spawnSync(REFERENCE_PYTHON, [file, ...args], {
      encoding: 'utf8',
      env,
      timeout: timeoutMs,
      maxBuffer: 1 << 28,
    });
    if (result.status !== 0) throw new Error(`reference script failed: ${result.stderr}`);
    const lines = result.stdout.trim().split('\n');
    return JSON.parse(lines[lines.length - 1]) as T;
  } finally {
    dispose();
  }
}
