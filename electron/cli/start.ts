// `npm start`: the app on the built-in demo collection. The demo workspace is made once
// in the user-data folder; later starts reuse it. With the Electron binary present the
// desktop shell (electron/main) opens it; without it (as on machines where Electron's
// lazy binary download cannot run) browser mode serves it and prints the URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SerendipService } from '../core/api/serendip-service.js';
import { demoWorkspaceDir } from '../core/user-data.js';
import { serveWorkspace } from '../server/serve-workspace.js';
import { progressReporter } from './progress-reporter.js';
import { formatIngestSummary } from './commands/ingest-summary.js';

/**
 * The Electron executable, else null. Resolving `electron` downloads its binary on first
 * use; that runs in a child process so a failed download (no network) becomes one line
 * here instead of a stack trace in the user's terminal.
 */
function electronBinary(): string | null {
  const resolver = 'process.stdout.write(String(require(process.argv[1])))';
  const modulePath = createRequire(import.meta.url).resolve('electron');
  const result = spawnSync(process.execPath, ['-e', resolver, modulePath], { encoding: 'utf8', timeout: 10 * 60_000 });
  const path = result.status === 0 ? result.stdout.trim() : '';
  if (path && existsSync(path)) return path;
  const reason = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|fetch failed/.test(result.stderr)
    ? 'its download failed (no network?)'
    : 'it is not installed';
  console.error(`Electron binary unavailable: ${reason}.`);
  return null;
}

/** The built Electron main entry (electron/main, compiled to dist/), if there is one. */
function electronMainEntry(): string | null {
  const dir = fileURLToPath(new URL('../main/', import.meta.url));
  for (const name of ['main.js', 'index.js']) if (existsSync(join(dir, name))) return join(dir, name);
  return null;
}

async function ensureDemoWorkspace(dir: string): Promise<SerendipService> {
  const service = SerendipService.open(dir, { create: true, interactive: true });
  // A new workspace has no objects either; an emptied or interrupted one is filled again.
  if (service.status().objects === 0) {
    console.error(`Creating the demo workspace in ${dir} ...`);
    const progress = progressReporter();
    // SERENDIP_DEMO_OBJECTS makes a smaller demo (quick tries, tests).
    const objects = process.env.SERENDIP_DEMO_OBJECTS ? Number(process.env.SERENDIP_DEMO_OBJECTS) : undefined;
    const result = await service.demo({ objects }, { onProgress: progress.report });
    progress.end();
    console.error(formatIngestSummary(result.ingest));
  }
  return service;
}

async function start(): Promise<void> {
  const dir = demoWorkspaceDir();
  const service = await ensureDemoWorkspace(dir);
  const status = service.status();
  console.log(`Serendip demo workspace: ${dir}`);
  console.log(
    `  ${status.objects} objects (${status.images} images, ${status.spectra} spectra), ` +
      `${status.errors} ingest errors, ${status.labels} labels`,
  );
  const binary = process.env.SERENDIP_BROWSER_MODE ? null : electronBinary();
  const entry = electronMainEntry();
  if (binary && entry) {
    service.close();
    console.error(`Starting the desktop app on ${dir}`);
    const child = spawn(binary, [entry, dir], { stdio: 'inherit', env: { ...process.env, SERENDIP_WORKSPACE: dir } });
    child.on('exit', (code) => (process.exitCode = code ?? 0));
    return;
  }
  console.error(
    binary
      ? 'The Electron main entry is not built; starting browser mode.'
      : 'The Electron binary is not installed here; starting browser mode.',
  );
  const port = process.env.SERENDIP_PORT ? Number(process.env.SERENDIP_PORT) : 0;
  await serveWorkspace(service, { port, open: !process.env.SERENDIP_NO_OPEN });
}

start().catch((err: Error) => {
  console.error(`serendip: ${err.message}`);
  process.exitCode = 1;
});
