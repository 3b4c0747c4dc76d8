// The ingest methods of the API: files and folders, one shard of a plan, or a plan's sample.
// All three read through ingest/ingest-files.ts, report progress the same way and may join a
// catalog afterwards.
import { basename } from 'node:path';
import type { Workspace } from '../workspace/workspace.js';
import { ingestPaths, type IngestOptions, type IngestSummary } from '../ingest/ingest-files.js';
import { joinCatalog } from '../ingest/catalog-join.js';
import { ingestShard } from '../shards/ingest-shard.js';
import { ingestSample } from '../shards/sample-plan.js';
import { parseShardChoice } from '../shards/shard-choice.js';
import { z } from 'zod';
import { IngestRequest, type CallOptions, type IngestResult } from './contract.js';

/** Ingest one shard of a plan (`serendip plan`): `shard` is "i/n" or "auto" (the job array's task). */
export const ShardIngestRequest = IngestRequest.omit({ paths: true }).extend({
  plan: z.string().min(1),
  shard: z.string().min(1),
});
export type ShardIngestRequest = z.input<typeof ShardIngestRequest>;

/** Ingest a seeded sample of a plan's objects, across all its shards, to fit models on. */
export const SampleRequest = IngestRequest.omit({ paths: true }).extend({
  plan: z.string().min(1),
  objects: z.number().int().min(1).max(100_000_000).default(20_000),
  seed: z.number().int().min(0).default(0),
});
export type SampleRequest = z.input<typeof SampleRequest>;

function readOptions(r: Omit<ReturnType<typeof IngestRequest.parse>, 'paths'>, options: CallOptions): IngestOptions {
  return {
    inputSize: r.inputSize,
    crop: r.crop,
    concurrency: r.concurrency,
    hdu: r.hdu,
    eachImageHdu: r.eachHdu,
    signal: options.signal,
    // A long HDF5 collection reports its rows, so the bar moves while one file is read.
    onProgress: (p) =>
      options.onProgress?.(
        p.file
          ? { stage: `ingest ${basename(p.file.path)}`, done: p.file.read, total: p.file.total }
          : { stage: 'ingest', done: p.done, total: p.total },
      ),
  };
}

async function withCatalog(
  workspace: Workspace,
  summary: IngestSummary,
  catalogFile: string | undefined,
): Promise<IngestResult> {
  const { done: _done, ...result } = summary;
  if (!catalogFile) return result;
  const catalog = await joinCatalog(workspace, catalogFile);
  return {
    ...result,
    catalog: {
      rows: catalog.rows,
      matched: catalog.matched,
      unmatched: catalog.unmatched,
      by: catalog.by,
      key: catalog.key,
      unmatchedExamples: catalog.unmatchedExamples,
    },
  };
}

export async function ingestCollection(
  workspace: Workspace,
  request: IngestRequest,
  options: CallOptions = {},
): Promise<IngestResult> {
  const r = IngestRequest.parse(request);
  return withCatalog(workspace, await ingestPaths(workspace, r.paths, readOptions(r, options)), r.catalog);
}

export async function ingestPlanShard(
  workspace: Workspace,
  request: ShardIngestRequest,
  options: CallOptions = {},
): Promise<IngestResult> {
  const r = ShardIngestRequest.parse(request);
  const { shard, shards, shardName, ...summary } = await ingestShard(
    workspace,
    r.plan,
    parseShardChoice(r.shard),
    readOptions(r, options),
  );
  const result = await withCatalog(workspace, summary, r.catalog);
  return { ...result, shard: { index: shard, count: shards, name: shardName } };
}

export async function ingestPlanSample(
  workspace: Workspace,
  request: SampleRequest,
  options: CallOptions = {},
): Promise<IngestResult> {
  const r = SampleRequest.parse(request);
  const { sampled, planned, ...summary } = await ingestSample(
    workspace,
    r.plan,
    { objects: r.objects, seed: r.seed },
    readOptions(r, options),
  );
  const result = await withCatalog(workspace, summary, r.catalog);
  return { ...result, sample: { objects: sampled, planned } };
}
