// `serendip serve <ws> [--port P]`: browser mode (electron/server) on one workspace.
import type { Command } from 'commander';
import { SerendipService } from '../../core/api/serendip-service.js';
import { parseIntegerOption } from '../run-command.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('browser mode: serve the app on 127.0.0.1; prints the URL with its token')
    .argument('<workspace>', 'workspace folder')
    .option('--port <p>', 'port (0: a free one)', parseIntegerOption('--port', 0, 65_535), 0)
    .option('--open', 'open the URL in the default browser')
    .action(async (workspace: string, options: { port: number; open?: boolean }) => {
      // The server (and its WebSocket package) loads only for this command.
      const { serveWorkspace } = await import('../../server/serve-workspace.js');
      await serveWorkspace(SerendipService.open(workspace, { interactive: true }), {
        port: options.port,
        open: options.open,
      });
    });
}
