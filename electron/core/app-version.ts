// The app's version, read once from package.json so exports and runs record it.
import { readFileSync } from 'node:fs';

function findVersion(): string {
  for (const relative of ['../../package.json', '../../../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      // Running from source (electron/core) or from dist/electron/core: try the other depth.
    }
  }
  return '0.0.0';
}

export const APP_VERSION = findVersion();
