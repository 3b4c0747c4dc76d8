// Workspace files (thumbnails, source images) for the pages: only regular files inside
// the workspace folder, never its database, never through `..`, encoded separators or a
// symbolic link that leads outside.
import { realpathSync, statSync } from 'node:fs';
import { extname, join, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.webp': 'image/webp', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.fits': 'application/fits', '.fit': 'application/fits', '.fts': 'application/fits', '.csv': 'text/csv; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** The absolute path of a file under `root` for a URL path below the files route, or null when refused. */
export function resolveWorkspaceFile(root: string, urlPath: string): string | null {
  const segments = urlPath.split('/');
  const decoded: string[] = [];
  for (const raw of segments) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // Decoded separators, dot segments, NUL and empty segments are refused outright.
    if (segment === '' || segment === '.' || segment === '..' || /[\\/\0]/.test(segment)) return null;
    decoded.push(segment);
  }
  if (decoded.length === 0 || /^serendip\.db/i.test(decoded[0])) return null;
  try {
    const realRoot = realpathSync(root);
    const real = realpathSync(join(realRoot, ...decoded));
    if (!real.startsWith(realRoot + sep)) return null;
    if (!statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}
