// Where Serendip keeps its own files outside workspaces (the demo workspace, recent
// workspaces, what it learned of this machine's accelerators): the platform's user-data
// folder, or SERENDIP_HOME when set.
import { homedir, platform } from 'node:os';
import { join } from 'node:path';

export function userDataDir(): string {
  if (process.env.SERENDIP_HOME) return process.env.SERENDIP_HOME;
  switch (platform()) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Serendip');
    case 'win32':
      return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Serendip');
    default:
      return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'serendip');
  }
}

/**
 * Where new workspaces go unless the user says otherwise: a visible folder in the home folder (~/Serendip), not the
 * hidden user-data one. SERENDIP_WORKSPACES sets it; with SERENDIP_HOME set (tests, a portable install) it is
 * <SERENDIP_HOME>/workspaces, so nothing is written outside it.
 */
export function workspacesDir(): string {
  if (process.env.SERENDIP_WORKSPACES) return process.env.SERENDIP_WORKSPACES;
  if (process.env.SERENDIP_HOME) return join(process.env.SERENDIP_HOME, 'workspaces');
  return join(homedir(), 'Serendip');
}

export function demoWorkspaceDir(): string {
  return join(userDataDir(), 'demo-workspace');
}

/** The first-use checks of onnxruntime's accelerators against its CPU provider (one machine's, not a workspace's). */
export function onnxProviderChecksPath(): string {
  return join(userDataDir(), 'onnx-provider-checks.json');
}
