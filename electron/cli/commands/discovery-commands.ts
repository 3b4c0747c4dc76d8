// embed, rank, map, top, similar, export: the discovery steps over the current embedding;
// export-model and export-fitted write a run's model for other workspaces to apply.
import type { Command } from 'commander';
import { Option } from 'commander';
import { parseIntegerOption, printJson, withService } from '../run-command.js';
import { formatProbability, formatScore } from '../../core/util/score-numbers.js';
import {
  EMBED_METHODS,
  EXPORT_FORMATS,
  MODALITIES,
  MODEL_BACKENDS,
  ONNX_NORMALISATIONS,
  ONNX_PROVIDER_CHOICES,
  QUEUE_MODES,
  RANK_METHODS,
  SPECTRUM_REGIMES,
  type EmbedRequest,
  type MapRequest,
  type RankRequest,
  type ExportFormat,
  type ObjectHit,
  type QueueMode,
} from '../../core/api/contract.js';

/** `--mean 0.1,0.2,0.3`: comma-separated finite numbers. */
function parseNumberList(name: string) {
  return (text: string): number[] => {
    const values = text.split(',').map((part) => Number(part.trim()));
    if (values.length === 0 || values.some((v) => !Number.isFinite(v)) || text.trim() === '')
      throw new Error(`${name} must be comma-separated numbers, got "${text}"`);
    return values;
  };
}

/** What a hit's number is called and how it is written (score-numbers.ts: as the app writes it). */
interface HitNumber {
  name: string;
  format: (value: number) => string;
}

const ANOMALY_SCORE: HitNumber = { name: 'score', format: formatScore };
/**
 * discover: the anomaly rank re-weighted by the labels; like-labels: a point estimate, without an error bar;
 * uncertain: the same probability, nearest 0.5 first.
 */
const QUEUE_NUMBER: Record<QueueMode, HitNumber> = {
  discover: { name: 'queue priority', format: formatScore },
  'like-labels': { name: 'probability like your labels', format: formatProbability },
  uncertain: { name: 'probability like your labels (least sure first)', format: formatProbability },
};

function printHits(hits: ObjectHit[], json: boolean | undefined, number: HitNumber): void {
  if (json) return printJson(hits.map(({ thumb: _thumb, ...hit }) => hit));
  for (const [i, hit] of hits.entries())
    console.log(
      `${String(i + 1).padStart(4)}  ${hit.name.padEnd(32)} ${number.name} ${number.format(hit.score)}  ${hit.path}`,
    );
}

interface ExportOptions {
  format: ExportFormat[];
  labelledOnly?: boolean;
  withFiles?: boolean;
  withEmbeddings?: boolean;
}

export function registerDiscoveryCommands(program: Command): void {
  program
    .command('embed')
    .description(
      'compute an embedding of every object (features: classical morphology; pca: of the ' +
        'normalised pixels; autoencoder, contrastive: learned with TensorFlow.js; --model: a ' +
        'pretrained ONNX encoder)',
    )
    .argument('<workspace>', 'workspace folder')
    .addOption(
      new Option('--method <method>', 'embedding method (default features for images, pca for spectra)').choices([
        ...EMBED_METHODS,
      ]),
    )
    .addOption(
      new Option('--modality <modality>', 'which objects (spectra: pca or a learned method)')
        .choices([...MODALITIES])
        .default('image'),
    )
    .addOption(
      new Option('--grid <regime>', 'spectra: the model grid to embed (default: the one most spectra are on)').choices([
        ...SPECTRUM_REGIMES,
      ]),
    )
    .option('--dim <d>', 'dimension (pca, autoencoder, contrastive)', parseIntegerOption('--dim', 2, 1024), 32)
    .option(
      '--sample <n>',
      'objects to fit or train on; default up to 20,000 (pca); learned: by backend (2,500 on wasm, 200,000 on a GPU)',
      parseIntegerOption('--sample', 10, 100_000_000),
    )
    .option('--seed <s>', 'random seed', parseIntegerOption('--seed', 0, 2 ** 31 - 1), 0)
    .addOption(
      new Option('--backend <backend>', 'learned methods: TensorFlow.js backend')
        .choices([...MODEL_BACKENDS])
        .default('auto'),
    )
    .option(
      '--epochs <n>',
      'learned methods: training epochs (default 15 autoencoder, 12 contrastive)',
      parseIntegerOption('--epochs', 1, 10_000),
    )
    .option(
      '--batch-size <n>',
      'learned methods: objects per training step (default by backend: 32/64 on the CPU, 256 on a GPU)',
      parseIntegerOption('--batch-size', 2, 65_536),
    )
    .option(
      '--width <w>',
      'learned methods: filters per convolution ×w (default by backend: 1 on the CPU, 2 on a GPU)',
      parseIntegerOption('--width', 1, 8),
    )
    .option('--resume <run>', 'learned methods: continue an interrupted run from its last checkpoint')
    .option(
      '--no-stability',
      "learned methods: skip the augmented views that measure each object's embedding_stability " +
        '(they make encoding 6–12× slower on the CPU)',
    )
    .option(
      '--model <file.onnx>',
      'run a pretrained ONNX image encoder instead (copied into the workspace, models/onnx/<sha256>.onnx)',
    )
    .option(
      '--input-size <px>',
      'ONNX: side fed to a model whose spatial size is dynamic (default the stored side); ' +
        'images are resized bilinearly',
      parseIntegerOption('--input-size', 1, 4096),
    )
    .addOption(
      new Option(
        '--normalise <how>',
        'ONNX: asinh = the stored asinh-stretched values as they are; meanstd = (v - mean) / std per band of them',
      ).choices([...ONNX_NORMALISATIONS]),
    )
    .option('--mean <a,b,c>', 'ONNX meanstd: one value, or one per band', parseNumberList('--mean'))
    .option('--std <a,b,c>', 'ONNX meanstd: one value, or one per band', parseNumberList('--std'))
    .option(
      '--output <name>',
      'ONNX: the model output that becomes the embedding (default the first), flattened per object',
    )
    .addOption(
      new Option('--provider <provider>', 'ONNX: onnxruntime execution provider')
        .choices([...ONNX_PROVIDER_CHOICES])
        .default('auto'),
    )
    .option(
      '--fitted <file.fit>',
      'pca, features: apply this fitted model (export-fitted of a run of the same method) instead of fitting one',
    )
    .action(async (workspace: string, options: EmbedRequest) => {
      const result = await withService(workspace, {}, (service, call) => service.embed(options, call));
      if (result.provider)
        console.error(`embed: ran the ONNX model ${result.modelSha256?.slice(0, 12)} on ${result.provider}`);
      if (result.backend) console.error(`embed: trained on ${result.backend} (${result.device})`);
      if (result.encodedWith) console.error(`embed: encoded with ${result.encodedWith}`);
      if (result.reconstructionRun)
        console.error(`embed: reconstruction errors saved as score run ${result.reconstructionRun}`);
      console.error(`embed: run ${result.runId}, ${result.count} objects × ${result.dim} dimensions`);
    });

  program
    .command('export-model')
    .description(
      "write a learned embedding run's encoder as ONNX (input pixels [N, H, W, C] as stored, " +
        'output embedding [N, D]); runs again with embed --model',
    )
    .argument('<workspace>', 'workspace folder')
    .argument('<run>', 'an autoencoder or contrastive embedding run (see status)')
    .argument('<out>', 'the .onnx file to write')
    .action(async (workspace: string, run: string, out: string) => {
      const result = await withService(workspace, {}, (service, call) => service.exportModel({ run, out }, call));
      const shape = (s: (number | string)[]): string => `[${s.join(', ')}]`;
      console.error(
        `export-model: ${result.runId}'s encoder, ${result.input.name} ` +
          `${shape(result.input.shape)} → ${result.output.name} ${shape(result.output.shape)}, ` +
          `${result.bytes} bytes (sha256 ${result.sha256.slice(0, 12)}) to ${result.out}`,
      );
    });

  program
    .command('export-fitted')
    .description(
      "write a run's fitted model as one file for other workspaces (cluster shards) to apply: a pca or features " +
        'embedding (embed --fitted), an iforest or ensemble score (rank --forest), a map (map --reference)',
    )
    .argument('<workspace>', 'workspace folder')
    .argument('<run>', 'a finished run (see status), or embedding, score or map: the newest finished one of that kind')
    .argument('<out>', 'the file to write, e.g. model.fit')
    .option(
      '--max-reference <n>',
      'map runs: reference points kept, a seeded sample of the map (default 10,000; each placed object searches them)',
      parseIntegerOption('--max-reference', 10, 10_000_000),
    )
    .action(async (workspace: string, run: string, out: string, options: { maxReference?: number }) => {
      const result = await withService(workspace, {}, (service, call) =>
        service.exportFitted({ run, out, maxReference: options.maxReference }, call),
      );
      if (result.note) console.error(`export-fitted: ${result.note}`);
      console.error(
        `export-fitted: ${result.runId}'s ${result.kind} model, ${result.bytes} bytes ` +
          `(sha256 ${result.sha256.slice(0, 12)}) to ${result.out}`,
      );
    });

  program
    .command('rank')
    .description('score every object of the current embedding for how anomalous it looks')
    .argument('<workspace>', 'workspace folder')
    .addOption(
      new Option('--method <method>', 'anomaly scorer (default ensemble; iforest with --forest)').choices([
        ...RANK_METHODS,
      ]),
    )
    .option('--seed <s>', 'random seed', parseIntegerOption('--seed', 0, 2 ** 31 - 1), 0)
    .option('--forest <file.fit>', 'score with this fitted isolation forest (export-fitted of an iforest run)')
    .addOption(
      new Option('--modality <modality>', 'score the newest embedding of these objects').choices([...MODALITIES]),
    )
    .action(async (workspace: string, options: RankRequest) => {
      const result = await withService(workspace, {}, (service, call) => service.rank(options, call));
      console.error(`rank: run ${result.runId} (${result.method}), ${result.count} objects scored`);
    });

  program
    .command('map')
    .description('UMAP 2-D map of the current embedding')
    .argument('<workspace>', 'workspace folder')
    .option(
      '--reference <file.fit>',
      'place the objects on this fitted map (export-fitted of a map run), which does not move',
    )
    .addOption(
      new Option('--modality <modality>', 'map the newest embedding of these objects').choices([...MODALITIES]),
    )
    .action(async (workspace: string, options: MapRequest) => {
      const result = await withService(workspace, {}, (service, call) => service.map(options, call));
      console.error(`map: run ${result.runId}, ${result.count} objects`);
    });

  program
    .command('top')
    .description('the static anomaly ranking, most anomalous first')
    .argument('<workspace>', 'workspace folder')
    .option('-n <n>', 'how many', parseIntegerOption('-n', 1, 10_000_000), 20)
    .option('--json', 'print one JSON array on stdout')
    .action(async (workspace: string, options: { n: number; json?: boolean }) => {
      await withService(workspace, {}, (service) => printHits(service.top(options.n), options.json, ANOMALY_SCORE));
    });

  program
    .command('queue')
    .description(
      'what to look at next, given every label so far (discover: anomalies re-ranked by your ' +
        'labels; like-labels: more like the ones you marked; uncertain: the ones like-labels is least sure of)',
    )
    .argument('<workspace>', 'workspace folder')
    .option('-n <n>', 'how many', parseIntegerOption('-n', 1, 100_000), 20)
    .addOption(new Option('--mode <mode>', 'queue mode').choices([...QUEUE_MODES]).default('discover'))
    .option('--label <label>', 'like-labels, uncertain: learn this one label')
    .option('--json', 'print one JSON array on stdout')
    .action(async (workspace: string, options: { n: number; mode: QueueMode; label?: string; json?: boolean }) => {
      await withService(workspace, {}, (service) =>
        printHits(
          service.queue({ mode: options.mode, n: options.n, label: options.label }),
          options.json,
          QUEUE_NUMBER[options.mode],
        ),
      );
    });

  program
    .command('similar')
    .description('nearest objects to one object, or to the centroid of several')
    .argument('<workspace>', 'workspace folder')
    .argument('<names...>', 'object name(s)')
    .option('-k <k>', 'how many neighbours', parseIntegerOption('-k', 1, 10_000), 10)
    .option('--json', 'print one JSON array on stdout (score = distance)')
    .action(async (workspace: string, names: string[], options: { k: number; json?: boolean }) => {
      await withService(workspace, {}, (service) =>
        printHits(service.similar(names, options.k), options.json, { name: 'distance', format: formatScore }),
      );
    });

  program
    .command('export')
    .description(
      'write objects.csv (and objects.parquet, objects.fits) with labels, scores, map ' +
        'positions and metadata, plus manifest.json',
    )
    .argument('<workspace>', 'workspace folder')
    .argument('<out>', 'output folder')
    .addOption(new Option('--format <format...>', 'table formats').choices([...EXPORT_FORMATS]).default(['csv']))
    .option('--labelled-only', 'only objects given a label or a relevance')
    .option('--with-files', 'copy source files into one folder per label')
    .option('--with-embeddings', 'write embeddings.npy, row i = table row i')
    .action(async (workspace: string, out: string, options: ExportOptions) => {
      const result = await withService(workspace, {}, (service, call) =>
        service.exportCollection(
          {
            out,
            formats: options.format,
            labelledOnly: !!options.labelledOnly,
            withFiles: !!options.withFiles,
            withEmbeddings: !!options.withEmbeddings,
          },
          call,
        ),
      );
      console.error(`export: ${result.rows} rows to ${result.outDir}: ${result.files.join(', ')}`);
    });
}
