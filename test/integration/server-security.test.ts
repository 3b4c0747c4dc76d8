// Browser mode's guard: loopback only, token on every request and socket, foreign Host
// and Origin refused, a strict CSP, workspace files only from inside the workspace.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { callApi, startServerFixture, type ServerFixture } from './server-fixture.js';

let f: ServerFixture;
beforeAll(async () => {
  f = await startServerFixture(12);
});
afterAll(async () => f?.close());

/** A raw request, so Host and paths are sent exactly as given (fetch normalises both). */
function rawGet(
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: f.server.port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const good = () => ({ Host: `127.0.0.1:${f.server.port}`, 'X-Serendip-Token': f.server.token });

function openSocket(url: string, headers: Record<string, string> = {}): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('browser mode security', () => {
  it('listens on 127.0.0.1 and prints a URL with the token', () => {
    expect(f.server.url).toBe(`http://127.0.0.1:${f.server.port}/?token=${f.server.token}`);
    expect(f.server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses an API call without the token, or with a wrong one', async () => {
    const none = await fetch(`${f.base}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"method":"status"}',
    });
    expect(none.status).toBe(401);
    const wrong = await fetch(`${f.base}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Serendip-Token': 'x'.repeat(32) },
      body: '{"method":"status"}',
    });
    expect(wrong.status).toBe(401);
    const right = await callApi(f, 'status');
    expect(right.status).toBe(200);
    expect(((await right.json()) as { result: { objects: number } }).result.objects).toBe(12);
  });

  it('refuses pages, assets and files without the token', async () => {
    for (const path of ['/', '/assets/app.js', '/files/thumbs']) {
      expect((await rawGet(path, { Host: `127.0.0.1:${f.server.port}` })).status).toBe(401);
    }
  });

  it('serves the page with ?token=, sets the cookie that later asset requests carry', async () => {
    const page = await rawGet(`/?token=${f.server.token}`, { Host: `127.0.0.1:${f.server.port}` });
    expect(page.status).toBe(200);
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    expect(cookie).toBe(`serendip_token=${f.server.token}`);
    expect(String(page.headers['set-cookie'])).toMatch(/HttpOnly/);
    const asset = await rawGet('/assets/app.js', { Host: `127.0.0.1:${f.server.port}`, Cookie: cookie });
    expect(asset.status).toBe(200);
    expect(asset.body).toContain('console.log');
  });

  it('refuses a foreign Host (DNS rebinding) even with the token', async () => {
    expect((await rawGet('/', { ...good(), Host: `evil.example:${f.server.port}` })).status).toBe(403);
    expect((await rawGet('/', { ...good(), Host: `127.0.0.1:${f.server.port + 1}` })).status).toBe(403);
    expect((await rawGet('/', good())).status).toBe(200);
    expect((await rawGet('/', { ...good(), Host: `localhost:${f.server.port}` })).status).toBe(200);
  });

  it('refuses a foreign Origin even with the token', async () => {
    const res = await fetch(`${f.base}/api/call`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Serendip-Token': f.server.token,
        Origin: 'http://evil.example',
      },
      body: '{"method":"status"}',
    });
    expect(res.status).toBe(403);
    expect((await rawGet('/', { ...good(), Origin: `http://127.0.0.1:${f.server.port}` })).status).toBe(200);
    expect((await rawGet('/', { ...good(), Origin: `https://127.0.0.1:${f.server.port}` })).status).toBe(403);
  });

  it('sends a strict Content-Security-Policy', async () => {
    const csp = String((await rawGet('/', good())).headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('requires the token and a local Origin on the WebSocket upgrade', async () => {
    const ws = `ws://127.0.0.1:${f.server.port}/api/events`;
    expect(await openSocket(ws)).toBe(401);
    expect(await openSocket(`${ws}?token=${f.server.token}`, { Origin: 'http://evil.example' })).toBe(403);
    expect(await openSocket(`${ws}?token=${f.server.token}`, { Origin: `http://127.0.0.1:${f.server.port}` })).toBe(
      'open',
    );
  });

  it('serves thumbnails but nothing outside the workspace, nor its database', async () => {
    const status = (await (await callApi(f, 'labelled')).json()) as unknown;
    expect(status).toEqual({ result: [] });
    const thumb = f.service.objectDetails(1).thumb!;
    const ok = await rawGet(`/files/${thumb}`, good());
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('image/webp');

    const root = f.service.workspace.paths.root;
    writeFileSync(join(f.dir, 'secret.txt'), 'secret');
    mkdirSync(join(root, 'links'), { recursive: true });
    symlinkSync(join(f.dir, 'secret.txt'), join(root, 'links', 'outside.txt'));
    symlinkSync(f.dir, join(root, 'links', 'parent'));
    for (const path of [
      '/files/../secret.txt',
      '/files/thumbs/../../secret.txt',
      '/files/%2e%2e/secret.txt',
      '/files/thumbs%2f..%2f..%2fsecret.txt',
      '/files/..%5csecret.txt',
      '/files/links/outside.txt',
      '/files/links/parent/secret.txt',
      '/files/serendip.db',
      '/files/thumbs',
      '/files/%00',
      '/files//etc/passwd',
    ]) {
      const res = await rawGet(path, good());
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('secret');
    }
  });

  it('refuses unknown methods and malformed arguments with 400', async () => {
    expect((await callApi(f, 'nope')).status).toBe(400);
    expect((await callApi(f, 'objectDetails', ['one'])).status).toBe(400);
    expect((await callApi(f, 'objectDetails', [999_999])).status).toBe(404);
  });
});
