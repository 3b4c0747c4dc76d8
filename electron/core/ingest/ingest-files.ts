// Idempotent ingest of files and folders into a workspace. Files are decoded a few at a
// time on read workers (read-pool.ts), so this thread only commits (ingest-commit.ts), one
// batch of files per short transaction. Unchanged files (same size and mtime) are skipped; a
// file that cannot be read becomes an ingest error and the rest go on. Memory is bounded by
// the batch size, and a many-object file (an HDF5 collection) is committed one chunk at a time
// as it is read. Each reader says whether an item is an image or a spectrum and which input
// store it goes to, so images and spectra share this one path. What is read is a list of
// units: the files under the paths given, or one shard of a plan (shards/plan/), where a unit
// may be a row range of a large HDF5 file and names were decided by the plan.
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Workspace } from '../workspace/workspace.js';
import { findSourceFile } from '../workspace/repositories/source-files-repo.js';
import { countObjectsOfFileInRange } from '../workspace/repositories/objects-repo.js';
import { finishRun, startRun } from '../workspace/repositories/runs-repo.js';
import { formatOf } from './file-types.js';
import { DEFAULT_READ_OPTIONS, type IngestedItem, type ItemChunk, type ReadOptions } from './ingested-item.js';
import { ModelInputStore } from './model-input-store.js';
import { openReadPool, type ReadPool } from './read-pool.js';
import { sniffTextSpectrum } from './read-text-spectrum.js';
import { thumbnailName, writeThumbnail } from './thumbnail-store.js';
import { describeFsError, walkFiles } from './walk-files.js';
import { commitOutcomes, type FileOutcome, type Naming, type ReadOutcome } from './ingest-commit.js';

export interface IngestOptions extends Partial<ReadOptions> {
  /** Files read at once. Default 8. */
  concurrency?: number;
  /** Files per database transaction. Default 64. */
  batchSize?: number;
  /** Threads that decode files (0: this thread). Default one per core, at most 8. */
  readWorkers?: number;
  onProgress?: (progress: IngestProgress) => void;
  signal?: AbortSignal;
}

export interface IngestProgress {
  done: number;
  total: number;
  /** While a many-object file is read chunk by chunk: which, and its objects read of all. */
  file?: { path: string; read: number; total: number };
  added: number;
  updated: number;
  skipped: number;
  failed: number;
}

export interface IngestSummary extends IngestProgress {
  /** Files in folders whose type Serendip does not read (counted, not errors). */
  ignored: number;
  errors: { path: string; reason: string }[];
  /** Files read all the same with departures from their format's standard, and what they were. */
  warnings: { path: string; messages: string[] }[];
  runId: string;
}

/** One piece of ingest's work: a file, or a row range of a many-object file. */
export interface IngestUnit {
  /** Absolute path. */
  path: string;
  /** Named by the user (an unsupported type is an error) rather than met in a folder (passed over). */
  explicit: boolean;
  /** HDF5: only rows [start, end) of the file. */
  rows?: [number, number];
  /** Default: first free name (see ingest-commit.ts). */
  naming?: Naming;
}

/** How the ingest run is recorded: `files` for paths, `plan` for a shard, `sample` for a plan's sample. */
export interface IngestRunRecord {
  method: 'files' | 'plan' | 'sample';
  params: Record<string, unknown>;
}

/** What reading one file needs: where to commit a long file's chunks and whom to tell. */
interface ReadContext {
  workspace: Workspace;
  read: ReadOptions;
  pool: ReadPool;
  commitChunk: (chunk: ReadOutcome, progress: ItemChunk) => void;
  signal?: AbortSignal;
}

export function defaultReadWorkers(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

export async function ingestPaths(
  workspace: Workspace,
  paths: string[],
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const walked = await walkFiles(paths, options.signal);
  const explicit = new Set(paths.map((p) => workspace.storedPath(p)));
  const units = walked.files.map((path) => ({ path, explicit: explicit.has(workspace.storedPath(path)) }));
  return ingestUnits(workspace, units, { method: 'files', params: { paths } }, options, walked.problems);
}

export function readOptionsOf(options: Partial<ReadOptions>): ReadOptions {
  return {
    inputSize: options.inputSize ?? DEFAULT_READ_OPTIONS.inputSize,
    crop: options.crop ?? DEFAULT_READ_OPTIONS.crop,
    maxPixels: options.maxPixels ?? DEFAULT_READ_OPTIONS.maxPixels,
    hdu: options.hdu,
    eachImageHdu: options.eachImageHdu,
    sliceBytes: options.sliceBytes,
  };
}

/** Reads `units` into the workspace; `problems` (paths that could not be listed) are recorded as errors first. */
export async function ingestUnits(
  workspace: Workspace,
  units: IngestUnit[],
  record: IngestRunRecord,
  options: IngestOptions = {},
  problems: { path: string; reason: string }[] = [],
): Promise<IngestSummary> {
  const read = readOptionsOf(options);
  const concurrency = options.concurrency ?? 8;
  const batchSize = options.batchSize ?? 64;
  const runId = startRun(workspace.db, {
    kind: 'ingest',
    method: record.method,
    params: { ...record.params, ...read },
  });
  const summary: IngestSummary = {
    done: 0,
    total: units.length,
    added: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    ignored: 0,
    errors: [],
    warnings: [],
    runId,
  };
  const inputs = new ModelInputStore(workspace.paths.inputs);
  // Decoding is most of the work and this thread only commits, so every core decodes: with
  // cores − 1, one of two cores idled through most of an ingest (195 against 320 objects/s).
  const pool = openReadPool(options.readWorkers ?? defaultReadWorkers());
  try {
    const commit = (outcomes: FileOutcome[]) => commitOutcomes(workspace, inputs, outcomes, summary);
    commit(
      problems.map((p) => ({
        kind: 'failed',
        stored: workspace.storedPath(p.path),
        reason: p.reason,
        size: null,
        mtimeMs: null,
      })),
    );
    const context: ReadContext = {
      workspace,
      read,
      pool,
      signal: options.signal,
      commitChunk: (chunk, { read: objectsRead, total }) => {
        commit([chunk]);
        options.onProgress?.({ ...summary, file: { path: chunk.stored, read: objectsRead, total } });
      },
    };
    for (let start = 0; start < units.length; start += batchSize) {
      options.signal?.throwIfAborted();
      const batch = units.slice(start, start + batchSize);
      const outcomes = await mapWithConcurrency(batch, concurrency, (unit) => readOne(context, unit));
      commit(outcomes);
      summary.done += batch.length;
      options.onProgress?.({ ...summary });
    }
    const { errors: _omitted, warnings: _listed, runId: _id, ...counts } = summary;
    finishRun(workspace.db, runId, 'done', undefined, { ...record.params, ...read, ...counts });
    return summary;
  } catch (err) {
    finishRun(workspace.db, runId, options.signal?.aborted ? 'cancelled' : 'failed', (err as Error).message);
    throw err;
  } finally {
    inputs.close();
    await pool.close();
  }
}

/** Whether a unit was read whole before: the file unchanged and, for a row range, every row of it there. */
function alreadyIngested(workspace: Workspace, unit: IngestUnit, stored: string, size: number, mtimeMs: number) {
  const known = findSourceFile(workspace.db, stored);
  if (!known || known.size !== size || known.mtime_ms !== mtimeMs) return false;
  if (!unit.rows) return true;
  const [start, end] = unit.rows;
  return countObjectsOfFileInRange(workspace.db, known.id, start, end) === end - start;
}

async function readOne(context: ReadContext, unit: IngestUnit): Promise<FileOutcome> {
  const { workspace } = context;
  const { path: file, explicit } = unit;
  const options: ReadOptions = unit.rows ? { ...context.read, rows: unit.rows } : context.read;
  const stored = workspace.storedPath(file);
  const format = formatOf(file);
  let info;
  try {
    info = await stat(file);
  } catch (err) {
    return { kind: 'failed', stored, reason: describeFsError(err), size: null, mtimeMs: null };
  }
  const size = info.size;
  const mtimeMs = Math.trunc(info.mtimeMs);
  const supported =
    'Serendip reads FITS images and spectra, PNG and JPEG images, HDF5 cutout collections and text spectra';
  if (!format) {
    return explicit
      ? { kind: 'failed', stored, reason: `unsupported file type (${supported})`, size, mtimeMs }
      : { kind: 'ignored' };
  }
  if (alreadyIngested(workspace, unit, stored, size, mtimeMs)) return { kind: 'skipped' };
  // An empty .txt met in a folder is an empty note, passed over below like any other.
  if (size === 0 && (explicit || format !== 'text-spectrum'))
    return { kind: 'failed', stored, reason: 'empty file', size, mtimeMs };
  // Notes and catalogs share .txt/.csv with text spectra: only files that read as spectrum tables are read.
  if (format === 'text-spectrum') {
    const whyNot = await sniffTextSpectrum(file).catch((err: Error) => err.message);
    if (whyNot !== null) {
      return explicit
        ? { kind: 'failed', stored, reason: `not a spectrum table: ${whyNot} (${supported})`, size, mtimeMs }
        : { kind: 'ignored' };
    }
  }
  const chunks = context.pool.read(file, format, options);
  const chunk = (items: IngestedItem[], complete: boolean, manyItems: boolean): ReadOutcome => ({
    kind: 'read',
    stored,
    size,
    mtimeMs,
    format,
    items,
    complete,
    manyItems,
    naming: unit.naming ?? { kind: 'first-free' },
  });
  // A failure to read is the file's error; a failure to commit is the workspace's, and stops ingest.
  let committing = false;
  const commitPart = (part: ItemChunk): void => {
    committing = true;
    context.commitChunk(chunk(part.items, false, true), part);
    committing = false;
  };
  const withThumbnails = async (part: ItemChunk): Promise<ItemChunk> => {
    await Promise.all(
      part.items.map((item) =>
        writeThumbnail(workspace.paths.root, thumbnailName(stored, item.itemIndex), item.thumbnail),
      ),
    );
    return part;
  };
  // Read, its thumbnails written, not yet committed: a chunk waits until the next one shows
  // whether it is the last.
  let pending: ItemChunk | null = null;
  try {
    const first = await chunks.next();
    pending = await withThumbnails(first.done ? { items: [], read: 0, total: 0 } : first.value);
    let next = first.done ? first : await chunks.next();
    if (next.done) return chunk(pending.items, true, pending.items.length > 1);
    // A long file: each chunk is committed before the one after next is read.
    while (!next.done) {
      context.signal?.throwIfAborted();
      commitPart(pending);
      pending = null; // committed: a failure writing the next one's thumbnails must not commit it again
      pending = await withThumbnails(next.value);
      next = await chunks.next();
    }
    return chunk(pending.items, true, true);
  } catch (err) {
    await chunks.return?.();
    if (committing || context.signal?.aborted) throw err;
    // A long file damaged part-way keeps what was read before the damage (the file stays
    // marked incomplete, so the next ingest reads it again).
    if (pending && pending.items.length > 0 && pending.read < pending.total) commitPart(pending);
    return { kind: 'failed', stored, reason: (err as Error).message || String(err), size, mtimeMs };
  }
}

export async function mapWithConcurrency<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}
