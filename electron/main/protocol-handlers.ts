// Handlers of the two custom schemes (app-schemes.ts). Both serve files through
// resolveContainedFile and answer every refusal with a bare 403/404; GET and HEAD only.
import fs from 'node:fs';
import { protocol } from 'electron';
import {
  APP_ORIGIN,
  APP_SCHEME,
  PRIVILEGED_SCHEMES,
  WORKSPACE_FILE_ORIGIN,
  WORKSPACE_FILE_SCHEME,
  rawPathBelow,
} from './app-schemes.js';
import { contentSecurityPolicy, withCspMeta } from './content-security-policy.js';
import { RENDERER_CONTENT_TYPES, WORKSPACE_CONTENT_TYPES } from '../core/util/content-types.js';
import {
  resolveContainedFile,
  type ContainmentOptions,
  type FileRefusal,
} from '../core/util/contained-file-resolver.js';
import { shardThumbnailLinks } from '../core/shards/merge/shard-links.js';

/** Must run before the app's `ready` event. */
export function registerPrivilegedSchemes(): void {
  protocol.registerSchemesAsPrivileged(PRIVILEGED_SCHEMES);
}

interface ServeOptions {
  origin: string;
  root: () => string | null;
  contentTypes: Readonly<Record<string, string>>;
  /** The file for the origin's bare path. */
  index?: string;
  /** Headers added to every successful answer. */
  headers: Record<string, string>;
  containment?: ContainmentOptions;
}

const NOT_FOUND: ReadonlySet<FileRefusal> = new Set(['not-found', 'not-a-file']);

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

async function serve(request: Request, options: ServeOptions): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
  let path = rawPathBelow(request.url, options.origin);
  if (path === null) return plain(404, 'not found');
  if (path === '' && options.index) path = options.index;
  const root = options.root();
  if (!root) return plain(404, 'no workspace is open');
  const resolved = await resolveContainedFile(root, path, options.contentTypes, options.containment);
  if (!resolved.ok) {
    if (!NOT_FOUND.has(resolved.refusal)) console.warn(`serendip: refused ${request.url}: ${resolved.reason}`);
    return plain(NOT_FOUND.has(resolved.refusal) ? 404 : 403, resolved.refusal);
  }
  let body: Uint8Array = await fs.promises.readFile(resolved.file);
  if (resolved.contentType.startsWith('text/html')) body = Buffer.from(withCspMeta(Buffer.from(body).toString('utf8')));
  const headers = {
    ...options.headers,
    'Content-Type': resolved.contentType,
    'Content-Length': String(body.byteLength),
    'X-Content-Type-Options': 'nosniff',
  };
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
}

/** app://serendip/... → the packaged renderer, every answer carrying the CSP. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, (request) =>
    serve(request, {
      origin: APP_ORIGIN,
      root: () => rendererRoot,
      contentTypes: RENDERER_CONTENT_TYPES,
      index: 'index.html',
      headers: { 'Content-Security-Policy': contentSecurityPolicy() },
    }),
  );
}

/** serendip-file://workspace/<relative path> → a file of the open workspace. */
export function serveWorkspaceFiles(workspaceRoot: () => string | null): void {
  protocol.handle(WORKSPACE_FILE_SCHEME, (request) =>
    serve(request, {
      origin: WORKSPACE_FILE_ORIGIN,
      root: workspaceRoot,
      contentTypes: WORKSPACE_CONTENT_TYPES,
      // A merged workspace's thumbnails stay in its shards, behind links.
      containment: { linkedFolders: shardThumbnailLinks },
      // The page (app://serendip) reads thumbnails with fetch for WebGL textures: CORS must allow it.
      headers: { 'Access-Control-Allow-Origin': APP_ORIGIN },
    }),
  );
}
