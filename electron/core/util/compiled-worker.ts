// Worker threads run compiled JavaScript. From dist/ the worker sits beside the module
// that starts it; from the TypeScript sources (as the unit tests run them) it is the same
// path under <package root>/dist/, which `npm test` builds first. Null when neither
// exists: callers then do the work on the calling thread.
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The compiled `fileName` next to the module at `moduleUrl` (pass `import.meta.url`). */
export function compiledWorkerScript(moduleUrl: string, fileName: string): URL | null {
  const sibling = new URL(`./${fileName}`, moduleUrl);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const here = dirname(fileURLToPath(moduleUrl));
  let root = here;
  while (!existsSync(join(root, 'package.json'))) {
    const parent = dirname(root);
    if (parent === root) return null;
    root = parent;
  }
  const compiled = join(root, 'dist', relative(root, here), fileName);
  return existsSync(compiled) ? pathToFileURL(compiled) : null;
}
