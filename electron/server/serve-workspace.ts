// Runs browser mode on a workspace until SIGINT/SIGTERM, then stops the jobs and closes
// it. Shared by `serendip serve` and `npm start`'s fallback.
import { SerendipService } from '../core/api/serendip-service.js';
import { startBrowserServer } from './browser-server.js';
import { openInBrowser } from './open-browser.js';

export async function serveWorkspace(service: SerendipService, options: { port?: number; open?: boolean }): Promise<void> {
  const server = await startBrowserServer(service, { port: options.port });
  // The URL is the last line on stdout (the only one for `serendip serve`), so scripts and tests can read it.
  console.log(server.url);
  console.error(`Serendip browser mode on ${service.workspace.paths.root}; Ctrl-C stops it.`);
  if (options.open) openInBrowser(server.url);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await service.jobRunner.dispose();
  await server.close();
  service.close();
}
