// `npm start`: the app on the built-in demo collection. The demo workspace is made once
// in the user-data folder; later starts reuse it. (The desktop window and browser mode
// open it once the renderer lands; until then this prints what the workspace holds.)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SerendipService } from '../core/api/serendip-service.js';
import { demoWorkspaceDir } from '../core/user-data.js';
import { DATABASE_FILE } from '../core/workspace/workspace.js';
import { progressReporter } from './progress-reporter.js';
import { formatIngestSummary } from './commands/ingest-summary.js';

async function start(): Promise<void> {
  const dir = demoWorkspaceDir();
  const fresh = !existsSync(join(dir, DATABASE_FILE));
  const service = SerendipService.open(dir, { create: true });
  try {
    if (fresh || service.status().objects === 0) {
      console.error(`Creating the demo workspace in ${dir} ...`);
      const progress = progressReporter();
      // SERENDIP_DEMO_OBJECTS makes a smaller demo (quick tries, tests).
      const objects = process.env.SERENDIP_DEMO_OBJECTS ? Number(process.env.SERENDIP_DEMO_OBJECTS) : undefined;
      const result = await service.demo({ objects }, { onProgress: progress.report });
      progress.end();
      console.error(formatIngestSummary(result.ingest));
    }
    const status = service.status();
    console.log(`Serendip demo workspace: ${dir}`);
    console.log(`  ${status.objects} objects (${status.images} images, ${status.spectra} spectra), ${status.errors} ingest errors, ${status.labels} labels`);
    console.log(`Try: npx serendip status "${dir}"`);
  } finally {
    service.close();
  }
}

start().catch((err: Error) => {
  console.error(`serendip: ${err.message}`);
  process.exitCode = 1;
});
