// Runs browser mode on a workspace until SIGINT/SIGTERM, then stops the jobs and closes
// whichever workspace is open by then (the chooser may have switched). Shared by
// `serendip serve` and `npm start`'s fallback.
import type { SerendipService } from '../core/api/serendip-service.js';
import { WorkspaceHub } from '../core/session/workspace-hub.js';
import { demoWorkspaceDir, userDataDir, workspacesDir } from '../core/user-data.js';
import { RecentWorkspaces } from '../core/workspace/recent-workspaces.js';
import { startBrowserServer } from './browser-server.js';
import { openInBrowser } from './open-browser.js';

export async function serveWorkspace(
  service: SerendipService,
  options: { port?: number; open?: boolean },
): Promise<void> {
  const hub = new WorkspaceHub({
    recent: RecentWorkspaces.inUserData(userDataDir()),
    demoDir: demoWorkspaceDir(),
    workspacesDir: workspacesDir(),
  });
  await hub.adopt(service);
  const server = await startBrowserServer(hub, { port: options.port });
  // The URL is the last line on stdout (the only one for `serendip serve`), so scripts and tests can read it.
  console.log(server.url);
  console.error(`Serendip browser mode on ${service.workspace.paths.root}; Ctrl-C stops it.`);
  if (options.open) openInBrowser(server.url);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await hub.close();
}
