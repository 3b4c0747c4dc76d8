// The workspace a launch asks for: `serendip-app <workspace>` (packaged), `electron <entry>
// <workspace>` (development, as `npm start` runs it), or SERENDIP_WORKSPACE. Chromium and
// Electron switches (`--...`) are skipped. Also used for a second instance's argv.
import { resolve } from 'node:path';

/**
 * @param argv process.argv of the launch
 * @param defaultApp process.defaultApp: true when run as `electron <entry>`, where argv[1] is the entry
 * @param cwd the launch's working folder, to resolve a relative path against
 */
export function workspaceFromArgv(argv: readonly string[], defaultApp: boolean, cwd: string): string | null {
  const operands = argv.slice(defaultApp ? 2 : 1).filter((a) => !a.startsWith('-'));
  return operands.length > 0 ? resolve(cwd, operands[0]) : null;
}

export function workspaceFromEnvironment(env: NodeJS.ProcessEnv): string | null {
  const dir = env.SERENDIP_WORKSPACE;
  return dir && dir.trim() !== '' ? resolve(dir) : null;
}
