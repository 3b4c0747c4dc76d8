// The built renderer (dist/renderer, made by `npm run build`): index.html for the app's
// routes, hashed assets otherwise.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RENDERER_CONTENT_TYPES, contentTypeOf } from '../core/util/content-types.js';

/** dist/renderer of the package this file belongs to, from source or from dist/. */
export function defaultRendererDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the package root above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return join(dir, 'dist', 'renderer');
}

export interface StaticFile {
  body: Buffer;
  contentType: string;
  immutable: boolean;
}

export function readStaticFile(rendererDir: string, urlPath: string): StaticFile | null {
  if (urlPath === '/' || urlPath === '/index.html') {
    const index = join(rendererDir, 'index.html');
    if (!existsSync(index)) return null;
    return { body: readFileSync(index), contentType: RENDERER_CONTENT_TYPES['.html'], immutable: false };
  }
  if (!/^\/[A-Za-z0-9_\-./]+$/.test(urlPath) || urlPath.includes('..')) return null;
  try {
    const root = realpathSync(rendererDir);
    const file = realpathSync(join(root, urlPath));
    if (!file.startsWith(root + sep) || !statSync(file).isFile()) return null;
    return {
      body: readFileSync(file),
      contentType: contentTypeOf(file, RENDERER_CONTENT_TYPES) ?? 'application/octet-stream',
      immutable: urlPath.startsWith('/assets/'),
    };
  } catch {
    return null;
  }
}
