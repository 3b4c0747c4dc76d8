// The two custom schemes the window uses. Both are registered before `ready` as standard
// and secure, so they get a real origin, CSP, fetch and CORS the way https pages do:
//  - app://serendip/...             the packaged renderer (dist/renderer); never remote content;
//  - serendip-file://workspace/...  files of the open workspace (thumbnails), read-only.
import type { CustomScheme } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://serendip';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const WORKSPACE_FILE_SCHEME = 'serendip-file';
export const WORKSPACE_FILE_ORIGIN = 'serendip-file://workspace';

export const PRIVILEGED_SCHEMES: CustomScheme[] = [
  // bypassCSP stays false (the default): these pages obey the app's CSP like any other.
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  {
    scheme: WORKSPACE_FILE_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
  },
];

/**
 * The still-encoded path of `url` below `origin/` (query and fragment dropped), or null
 * when `url` is not on that origin. Deliberately not normalised: the resolver must see a
 * `..` or `%2e%2e` to refuse it, rather than have it silently collapsed.
 */
export function rawPathBelow(url: string, origin: string): string | null {
  const prefix = `${origin}/`;
  // Scheme and host are case-insensitive; the path is not.
  if (url.length < prefix.length || url.slice(0, prefix.length).toLowerCase() !== prefix.toLowerCase()) return null;
  const rest = url.slice(prefix.length);
  const end = rest.search(/[?#]/);
  return end === -1 ? rest : rest.slice(0, end);
}

/** True when `url` is a page of the app itself (app://serendip/...). */
export function isAppUrl(url: string): boolean {
  return rawPathBelow(url, APP_ORIGIN) !== null;
}
