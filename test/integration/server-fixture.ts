// A browser-mode server over a small demo workspace, for the server integration tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerendipService } from '../../electron/core/api/serendip-service.js';
import { startBrowserServer, type BrowserServer } from '../../electron/server/browser-server.js';

export interface ServerFixture {
  dir: string;
  rendererDir: string;
  service: SerendipService;
  server: BrowserServer;
  base: string;
  close(): Promise<void>;
}

export async function startServerFixture(objects = 30): Promise<ServerFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'serendip-server-'));
  // A stand-in renderer build, so these tests do not depend on the Vite build.
  const rendererDir = join(dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    join(rendererDir, 'index.html'),
    '<!doctype html><title>Serendip</title><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  const service = SerendipService.open(join(dir, 'ws'), { create: true });
  await service.demo({ objects });
  const server = await startBrowserServer(service, { rendererDir });
  return {
    dir,
    rendererDir,
    service,
    server,
    base: `http://127.0.0.1:${server.port}`,
    async close() {
      await service.jobRunner.dispose();
      await server.close();
      service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** POST /api/call with the token header. */
export async function callApi(fixture: ServerFixture, method: string, args: unknown[] = []): Promise<Response> {
  return fetch(`${fixture.base}/api/call`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Serendip-Token': fixture.server.token },
    body: JSON.stringify({ method, args }),
  });
}
