// Runs the built `serendip` command (dist/, made by `npm test`'s build step) as a user would.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI_PATH = fileURLToPath(new URL('../../dist/electron/cli/serendip.js', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the command and fails (with its stderr) unless it exits 0. */
export function runCliOk(args: string[], env: Record<string, string> = {}): CliResult {
  const result = runCli(args, env);
  if (result.status !== 0) throw new Error(`serendip ${args.join(' ')} exited with ${result.status}\n${result.stderr}`);
  return result;
}
