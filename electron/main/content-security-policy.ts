// The window's Content Security Policy. What the renderer needs, and nothing more:
//  - scripts only from the app bundle: no eval, no inline script (deck.gl and luma.gl need
//    neither; WebGL itself is not governed by CSP);
//  - images and fetches from the bundle and the workspace-file scheme; blob: images because
//    loaders.gl decodes fetched thumbnails through object URLs;
//  - workers from the bundle or blob: (loaders.gl builds worker sources as blobs);
//  - no network at all: connect-src names no http(s) or ws origin.
import { WORKSPACE_FILE_SCHEME } from './app-schemes.js';

export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", `${WORKSPACE_FILE_SCHEME}:`, 'blob:', 'data:'],
  'connect-src': ["'self'", `${WORKSPACE_FILE_SCHEME}:`],
  'worker-src': ["'self'", 'blob:'],
  'font-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** Directives a <meta> policy may not carry (browsers ignore them there, with a warning). */
const HEADER_ONLY = new Set(['frame-ancestors']);

export function contentSecurityPolicy(directives = CSP_DIRECTIVES, forMeta = false): string {
  return Object.entries(directives)
    .filter(([name]) => !(forMeta && HEADER_ONLY.has(name)))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Puts the policy into an HTML document's <head> as well as in the response header, so it
 * holds even if a custom-protocol header were ever dropped. The meta tag goes first, before
 * any script the document loads.
 */
export function withCspMeta(html: string): string {
  const meta =
    '<meta http-equiv="Content-Security-Policy" ' +
    `content="${escapeAttribute(contentSecurityPolicy(CSP_DIRECTIVES, true))}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length);
  return meta + html;
}
