// `npm run bench`: every benchmark in turn, or only those named on the command line
// (e.g. `npm run bench -- ingest umap`). Each prints its figures and ratios to references.
import { pathToFileURL } from 'node:url';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

let failed = 0;
for (const file of benches) {
  const module = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<void> };
  try {
    await module.run();
  } catch (err) {
    failed++;
    console.error(`bench ${file} failed:`, err);
  }
}
process.exit(failed ? 1 : 0);
