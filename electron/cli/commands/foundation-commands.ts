// demo, ingest and status: the commands that make and inspect a workspace.
import { Option, type Command } from 'commander';
import { parseIntegerOption, printJson, withService } from '../run-command.js';
import { formatIngestSummary } from './ingest-summary.js';
import { ingestPlanShard } from '../../core/api/ingest-service.js';

interface IngestCliOptions {
  plan?: string;
  shard?: string;
  catalog?: string;
  inputSize: number;
  crop: number;
  hdu?: number | string;
  eachHdu?: boolean;
  json?: boolean;
}

/** Shared by ingest and sample: the side of the square each image is resampled to for the models. */
export function inputSizeOption(): Option {
  return new Option('--input-size <px>', 'model input size')
    .argParser(parseIntegerOption('--input-size', 8, 512))
    .default(64);
}
import { listMergedShards } from '../../core/workspace/repositories/merged-shards-repo.js';

export function registerFoundationCommands(program: Command): void {
  program
    .command('demo')
    .description('write the synthetic demo collection (with injected anomalies and ground truth) and ingest it')
    .argument('<workspace>', 'workspace folder (created if absent)')
    .option('--objects <n>', 'number of galaxies', parseIntegerOption('--objects', 1, 1_000_000), 2000)
    .option('--seed <s>', 'random seed', parseIntegerOption('--seed', 0, 2 ** 31 - 1), 1)
    .option(
      '--spectra <n>',
      'also write and ingest this many SDSS-style spectra',
      parseIntegerOption('--spectra', 0, 1_000_000),
      0,
    )
    .action(async (workspace: string, options: { objects: number; seed: number; spectra: number }) => {
      const result = await withService(workspace, { create: true }, (service, call) => service.demo(options, call));
      console.error(
        `demo: ${result.files} files (${result.anomalies} injected anomalies) in ` +
          `${result.dataDir}; truth in ${result.truthPath}`,
      );
      if (result.spectra)
        console.error(
          `demo: ${result.spectra.files} spectra (${result.spectra.anomalies} injected ` +
            `anomalies); truth in ${result.spectra.truthPath}`,
        );
      console.error(formatIngestSummary(result.ingest));
    });

  program
    .command('ingest')
    .description(
      'add image and spectrum files and folders to a workspace (idempotent; folders recurse), ' +
        'or one shard of a plan (--plan, --shard)',
    )
    .argument('<workspace>', 'workspace folder (created if absent)')
    .argument(
      '[paths...]',
      'files or folders: FITS (.fits, .fits.gz, .fz; images and SDSS spectra), PNG, JPEG, HDF5 ' +
        'cutouts (.h5), text spectra',
    )
    .option('--plan <folder>', 'ingest one shard of this plan (serendip plan) instead of paths')
    .option(
      '--shard <i/n|auto>',
      'with --plan: shard i of n, or auto: from the job array (SLURM_ARRAY_TASK_ID less SLURM_ARRAY_TASK_MIN, ' +
        "or Kubernetes' JOB_COMPLETION_INDEX)",
    )
    .option('--catalog <file>', 'CSV/TSV or Parquet catalog joined by name or by ra/dec')
    .addOption(inputSizeOption())
    .option('--crop <fraction>', 'centre crop as a fraction of the shorter side', (t) => Number(t), 1)
    .option('--hdu <n|EXTNAME>', 'FITS: the image HDU to read (default: the first holding an image)', (t) =>
      /^\d+$/.test(t) ? Number(t) : t,
    )
    .option('--each-hdu', 'FITS: every image HDU of a file becomes its own object')
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (workspace: string, paths: string[], options: IngestCliOptions) => {
      const read = {
        catalog: options.catalog,
        inputSize: options.inputSize,
        crop: options.crop,
        hdu: options.hdu,
        eachHdu: options.eachHdu ?? false,
      };
      if (options.plan && paths.length > 0) throw new Error('give either paths or --plan, not both');
      if (options.plan && !options.shard) throw new Error('--plan needs --shard i/n or --shard auto');
      if (!options.plan && options.shard) throw new Error('--shard needs --plan');
      if (!options.plan && paths.length === 0) throw new Error('give the files or folders to ingest, or --plan');
      const { plan, shard } = options;
      const result = await withService(workspace, { create: true }, (service, call) =>
        plan && shard
          ? ingestPlanShard(service.workspace, { ...read, plan, shard }, call)
          : service.ingest({ ...read, paths }, call),
      );
      if (options.json) printJson(result);
      else console.error(formatIngestSummary(result));
    });

  program
    .command('status')
    .description('what a workspace holds')
    .argument('<workspace>', 'workspace folder')
    .option('--json', 'print one JSON object on stdout')
    .option('--errors', 'list the files that failed to ingest, and the warnings of those read generously')
    .action(async (workspace: string, options: { json?: boolean; errors?: boolean }) => {
      await withService(workspace, {}, (service) => {
        const status = service.status();
        if (options.json)
          return printJson(
            options.errors ? { ...status, errorList: service.errors(), warningList: service.warnings() } : status,
          );
        console.log(`workspace: ${service.workspace.paths.root}`);
        console.log(`objects: ${status.objects} (${status.images} images, ${status.spectra} spectra)`);
        console.log(`ingest errors: ${status.errors}`);
        console.log(`files read with warnings: ${status.warnings}`);
        console.log(`labels: ${status.labels} (and ${status.rated} rated without a label)`);
        const shards = listMergedShards(service.workspace.db);
        if (shards.length) console.log(`merged from ${shards.length} shard(s) (their folders must stay put):`);
        for (const s of shards) console.log(`  ${s.path}  ${s.objects} objects, merged ${s.merged_at}`);
        console.log(`runs: ${status.runs.length ? '' : 'none yet'}`);
        for (const run of status.runs) console.log(`  ${run.id}  ${run.kind} ${run.method}  ${run.created}`);
        for (const run of status.unfinished)
          console.log(`  ${run.id}  ${run.kind} ${run.method}  ${run.status}${run.message ? `: ${run.message}` : ''}`);
        if (options.errors) {
          for (const e of service.errors()) console.log(`  failed: ${e.path}: ${e.reason}`);
          for (const w of service.warnings()) console.log(`  warning: ${w.path}: ${w.message}`);
        }
      });
    });
}
