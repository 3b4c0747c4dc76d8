// Browser mode: the app's API over HTTP (POST /api/call) and job events over a WebSocket
// (/api/events), its pages (dist/renderer) and workspace files (/files/...), on
// 127.0.0.1 only, behind request-guard.ts. A thin shell: every call goes through
// dispatchFromTransport, like Electron IPC. Given a WorkspaceHub, every request goes to
// whichever workspace is open now, so the chooser can switch workspaces under it.
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SerendipService } from '../core/api/serendip-service.js';
import type { JobEvent } from '../core/api/view-types.js';
import { WorkspaceHub } from '../core/session/workspace-hub.js';
import { ApiRequestError, dispatchFromTransport } from '../core/api/api-methods.js';
import type { ErrorCode } from '../core/api/contract.js';
import { errorReply, SerendipError } from '../core/api/errors.js';
import { BINARY_FRAME_CONTENT_TYPE, encodeBinaryFrame, holdsTypedArrays } from '../core/api/binary-frame.js';
import { checkRequest, contentSecurityPolicy, newToken, tokenCookie } from './request-guard.js';
import { resolveContainedFile } from '../core/util/contained-file-resolver.js';
import { shardThumbnailLinks } from '../core/shards/merge/shard-links.js';
import { WORKSPACE_CONTENT_TYPES } from '../core/util/content-types.js';
import { defaultRendererDir, readStaticFile } from './static-files.js';

/**
 * Largest accepted request body. Pixels only flow outwards; the largest call is labelMany on
 * a box selection, up to the contract's 1M names (~20 MB of JSON).
 */
const MAX_BODY_BYTES = 48 * 1024 * 1024;

export interface BrowserServerOptions {
  /** 0 (default): a free port chosen by the system. */
  port?: number;
  /** Default: dist/renderer of this package. */
  rendererDir?: string;
  /** Default: a new random token. */
  token?: string;
}

export interface BrowserServer {
  port: number;
  token: string;
  /** The address to open: http://127.0.0.1:PORT/?token=... */
  url: string;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'request body too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/**
 * The HTTP status of each error code. `conflict`: the request is fine but the workspace is not
 * ready for it (no embedding yet, no workspace open); `unsupported` is refused like any bad
 * request, the code tells the two apart.
 */
export const HTTP_STATUS_OF_CODE: Readonly<Record<ErrorCode, number>> = {
  'bad-request': 400,
  'not-found': 404,
  conflict: 409,
  unsupported: 400,
  internal: 500,
};

/** What a failed request answers: transport refusals (HttpError) have no API code. */
function failureOf(err: unknown): { status: number; body: { error: string; code?: ErrorCode } } {
  if (err instanceof HttpError) return { status: err.status, body: { error: err.message } };
  const { message, code } = errorReply(err);
  return { status: HTTP_STATUS_OF_CODE[code], body: { error: message, code } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiRequestError(`the request body is not JSON: ${(err as Error).message}`);
  }
}

/** What the server serves: one fixed workspace, or a hub's current one. */
interface Served {
  readonly service: SerendipService | null;
  onDidChangeJob(listener: (event: JobEvent) => void): () => void;
}

function servedBy(source: SerendipService | WorkspaceHub): Served {
  if (source instanceof WorkspaceHub) return source;
  return { service: source, onDidChangeJob: (listener) => source.jobRunner.onDidChangeJob(listener) };
}

export async function startBrowserServer(
  source: SerendipService | WorkspaceHub,
  options: BrowserServerOptions = {},
): Promise<BrowserServer> {
  const served = servedBy(source);
  const current = (): SerendipService => {
    const service = served.service;
    if (!service) throw new SerendipError('conflict', 'no workspace is open');
    return service;
  };
  const token = options.token ?? newToken();
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  let port = 0;

  const sendJson = (response: ServerResponse, status: number, value: unknown) => {
    response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(JSON.stringify(value));
  };

  async function handleCall(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method !== 'POST') throw new HttpError(405, 'use POST');
    if (!(request.headers['content-type'] ?? '').startsWith('application/json'))
      throw new HttpError(415, 'send application/json');
    const body = parseJson((await readBody(request)).toString('utf8'));
    if (typeof body !== 'object' || body === null || !('method' in body) || typeof body.method !== 'string') {
      throw new ApiRequestError('a call is a JSON object with a "method" string');
    }
    const args = 'args' in body ? body.args : [];
    const result = await dispatchFromTransport(current(), body.method, args ?? []);
    if (holdsTypedArrays(result)) {
      const frame = encodeBinaryFrame(result);
      response.writeHead(200, {
        'Content-Type': BINARY_FRAME_CONTENT_TYPE,
        'Content-Length': frame.length,
        'Cache-Control': 'no-store',
      });
      response.end(frame);
    } else sendJson(response, 200, { result: result ?? null });
  }

  // The same resolver as the desktop app's workspace-file protocol: one set of refusals.
  async function handleFile(url: URL, response: ServerResponse): Promise<void> {
    const resolved = await resolveContainedFile(
      current().workspace.paths.root,
      url.pathname.slice('/files/'.length),
      WORKSPACE_CONTENT_TYPES,
      { linkedFolders: shardThumbnailLinks },
    );
    if (!resolved.ok) throw new HttpError(404, 'no such workspace file');
    response.writeHead(200, {
      'Content-Type': resolved.contentType,
      'Content-Length': resolved.size,
      'Cache-Control': 'private, max-age=3600',
    });
    createReadStream(resolved.file).pipe(response);
  }

  function handleStatic(request: IncomingMessage, url: URL, response: ServerResponse): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') throw new HttpError(405, 'method not allowed');
    const file = readStaticFile(rendererDir, url.pathname);
    if (!file)
      throw new HttpError(404, url.pathname === '/' ? 'the renderer is not built: run `npm run build`' : 'not found');
    const headers: Record<string, string> = {
      'Content-Type': file.contentType,
      'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
    };
    // The page's own requests then carry the token without putting it in every URL.
    if (file.contentType.startsWith('text/html')) headers['Set-Cookie'] = tokenCookie(token);
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  const server = createServer((request, response) => {
    response.setHeader('Content-Security-Policy', contentSecurityPolicy(port));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const guard = checkRequest(request, url, port, token);
    if (!guard.ok) return sendJson(response, guard.status, { error: guard.reason });
    const route =
      url.pathname === '/api/call'
        ? handleCall(request, response)
        : url.pathname.startsWith('/files/')
          ? handleFile(url, response)
          : Promise.resolve().then(() => handleStatic(request, url, response));
    route.catch((err: unknown) => {
      if (response.headersSent) return response.destroy();
      const failure = failureOf(err);
      sendJson(response, failure.status, failure.body);
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const guard = checkRequest(request, url, port, token);
    if (!guard.ok || url.pathname !== '/api/events') {
      socket.end(
        `HTTP/1.1 ${guard.ok ? 404 : guard.status} ${guard.ok ? 'Not Found' : 'Refused'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws: WebSocket) => sockets.emit('connection', ws, request));
  });
  const unsubscribe = served.onDidChangeJob((event) => {
    const message = JSON.stringify(event);
    for (const client of sockets.clients) if (client.readyState === client.OPEN) client.send(message);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      unsubscribe();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
