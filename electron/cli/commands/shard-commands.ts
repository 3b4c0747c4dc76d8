// plan, sample and publish: the commands that take a collection past one machine. A plan
// divides it into shards; each task of a job array ingests one (`ingest --plan --shard`) on
// its node's disk and publishes it to the shared folder; a sample of the whole plan is what
// models are fitted on once. README.md, "On a cluster", shows them in order.
import type { Command } from 'commander';
import { parseIntegerOption, printJson, withService } from '../run-command.js';
import { formatIngestSummary } from './ingest-summary.js';
import { inputSizeOption } from './foundation-commands.js';
import { progressReporter } from '../progress-reporter.js';
import { makePlan } from '../../core/shards/plan/make-plan.js';
import { publishWorkspace } from '../../core/shards/publish-shard.js';
import { ingestPlanSample } from '../../core/api/ingest-service.js';

/** 1.2 GB, 340 MB, 12 kB: a size for a line of text. */
function sizeText(bytes: number): string {
  const units: [number, string][] = [
    [1e12, 'TB'],
    [1e9, 'GB'],
    [1e6, 'MB'],
    [1e3, 'kB'],
  ];
  for (const [size, unit] of units) if (bytes >= size) return `${(bytes / size).toPrecision(3)} ${unit}`;
  return `${bytes} B`;
}

export function registerShardCommands(program: Command): void {
  program
    .command('plan')
    .description(
      'divide files and folders into shards for a job array, balanced by bytes, with every ' +
        "object's name decided up front (walks and stats the files, reads HDF5 headers)",
    )
    .argument('<paths...>', 'files or folders, as for ingest')
    .requiredOption('--shards <n>', 'how many shards (array tasks)', parseIntegerOption('--shards', 1, 1_000_000))
    .requiredOption('--out <folder>', 'the plan folder to write (must not exist)')
    .option('--json', 'print plan.json on stdout')
    .action(async (paths: string[], options: { shards: number; out: string; json?: boolean }) => {
      const progress = progressReporter();
      let header;
      try {
        ({ header } = await makePlan(paths, options.out, {
          shards: options.shards,
          onProgress: (done, total, stage) => progress.report({ stage: `plan: ${stage}`, done, total }),
        }));
      } finally {
        progress.end();
      }
      if (options.json) return printJson(header);
      const sizes = header.shard_files.map((s) => s.bytes);
      console.error(
        `plan: ${header.files} files, ${header.objects} objects, ${sizeText(header.bytes)} in ` +
          `${header.shards} shards of ${sizeText(Math.min(...sizes))} to ${sizeText(Math.max(...sizes))}` +
          (header.ignored ? `; ${header.ignored} files ignored (not images)` : '') +
          (header.problems.length ? `; ${header.problems.length} unreadable (recorded by shard 0)` : ''),
      );
      console.error(`plan: written to ${options.out}`);
    });

  program
    .command('sample')
    .description('ingest a seeded sample of all the objects of a plan, across its shards, to fit models on')
    .argument('<plan>', 'plan folder (serendip plan)')
    .argument('<workspace>', 'workspace folder for the sample (created if absent)')
    .option('--objects <n>', 'objects to sample', parseIntegerOption('--objects', 1, 100_000_000), 20_000)
    .option('--seed <s>', 'random seed', parseIntegerOption('--seed', 0, 2 ** 31 - 1), 0)
    .addOption(inputSizeOption())
    .option('--crop <fraction>', 'centre crop as a fraction of the shorter side', (t) => Number(t), 1)
    .option('--json', 'print the summary as JSON on stdout')
    .action(
      async (
        plan: string,
        workspace: string,
        options: { objects: number; seed: number; inputSize: number; crop: number; json?: boolean },
      ) => {
        const { json, ...request } = options;
        const result = await withService(workspace, { create: true }, (service, call) =>
          ingestPlanSample(service.workspace, { ...request, plan }, call),
        );
        if (json) printJson(result);
        else console.error(formatIngestSummary(result));
      },
    );

  program
    .command('publish')
    .description(
      'copy a finished workspace (a shard built on node-local disk) to the shared folder atomically: ' +
        'copied beside DEST, then renamed; a shard already published is left as it is',
    )
    .argument('<workspace>', 'the finished workspace')
    .argument('<dest>', 'where it is published (must not exist, or hold this very shard)')
    .action(async (workspace: string, dest: string) => {
      const result = await publishWorkspace(workspace, dest);
      console.error(
        result.alreadyPublished
          ? `publish: ${result.dest} already holds this shard; nothing copied`
          : `publish: ${workspace} → ${result.dest}`,
      );
    });
}
