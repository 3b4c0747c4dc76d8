// Content-Type by file extension for served files (the desktop app's schemes, browser mode). A file whose extension is
// not listed is not served at all: the renderer never needs the database or raw arrays.

/** What the renderer may load from a workspace: thumbnails, source images, JSON. */
export const WORKSPACE_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.webp': 'image/webp',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.fits': 'application/fits',
  '.fit': 'application/fits',
  '.fts': 'application/fits',
  '.json': 'application/json',
};

/** What Vite puts in dist/renderer. */
export const RENDERER_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/** The Content-Type for `file` from `table`, or null when its extension is not served. */
export function contentTypeOf(file: string, table: Readonly<Record<string, string>>): string | null {
  const dot = file.lastIndexOf('.');
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  if (dot <= slash + 1) return null; // no extension, or a dot-file such as ".env"
  const extension = file.slice(dot).toLowerCase();
  return Object.prototype.hasOwnProperty.call(table, extension) ? table[extension] : null;
}
