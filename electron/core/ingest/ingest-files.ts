// Idempotent ingest of files and folders into a workspace. Files are decoded a few at a
// time on read workers (read-pool.ts), so this thread only commits, and each batch is
// committed in one short transaction: model inputs and thumbnails are written
// first, then the rows that point at them, so a crash never leaves a row pointing at
// nothing. Unchanged files (same size and mtime) are skipped; a file that cannot be read
// becomes an ingest error and the rest go on. Memory is bounded by the batch size, and a
// many-object file (an HDF5 collection) is committed one chunk at a time as it is read: its
// source-file row keeps an 'incomplete' mtime until the last chunk lands, so an ingest that is
// killed or fails part-way reads the file again next time, updating what it had. Each
// reader says whether an item is an image or a spectrum and which input store it goes to,
// so images and spectra share this one path.
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Workspace } from '../workspace/workspace.js';
import { inTransaction } from '../workspace/database.js';
import { findSourceFile, upsertSourceFile } from '../workspace/repositories/source-files-repo.js';
import { clearIngestError, recordIngestError } from '../workspace/repositories/ingest-errors-repo.js';
import { replaceIngestWarnings } from '../workspace/repositories/ingest-warnings-repo.js';
import {
  findObjectBySource,
  insertObject,
  nameIsTaken,
  updateObjectContent,
} from '../workspace/repositories/objects-repo.js';
import { putMetadata } from '../workspace/repositories/metadata-repo.js';
import { finishRun, startRun } from '../workspace/repositories/runs-repo.js';
import { nowIso } from '../util/time.js';
import { formatOf, stemOf, type SourceFormat } from './file-types.js';
import { DEFAULT_READ_OPTIONS, type IngestedItem, type ItemChunk, type ReadOptions } from './ingested-item.js';
import { ModelInputStore } from './model-input-store.js';
import { openReadPool, type ReadPool } from './read-pool.js';
import { sniffTextSpectrum } from './read-text-spectrum.js';
import { thumbnailName, writeThumbnail } from './thumbnail-store.js';
import { describeFsError, walkFiles } from './walk-files.js';

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

/** The mtime a many-object file's row keeps until its last chunk is committed: never a real file's. */
const INCOMPLETE_MTIME = -1;

interface ReadOutcome {
  kind: 'read';
  stored: string;
  size: number;
  mtimeMs: number;
  format: SourceFormat;
  items: IngestedItem[];
  /** False for a chunk of a file that has more to come. */
  complete: boolean;
  /** The file holds several objects (their names take the item index). */
  manyItems: boolean;
}

type FileOutcome =
  | ReadOutcome
  | { kind: 'skipped' }
  | { kind: 'ignored' }
  | { kind: 'failed'; stored: string; reason: string; size: number | null; mtimeMs: number | null };

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
  const read: ReadOptions = {
    inputSize: options.inputSize ?? DEFAULT_READ_OPTIONS.inputSize,
    crop: options.crop ?? DEFAULT_READ_OPTIONS.crop,
    maxPixels: options.maxPixels ?? DEFAULT_READ_OPTIONS.maxPixels,
    hdu: options.hdu,
    eachImageHdu: options.eachImageHdu,
    sliceBytes: options.sliceBytes,
  };
  const concurrency = options.concurrency ?? 8;
  const batchSize = options.batchSize ?? 64;
  const explicit = new Set(paths.map((p) => workspace.storedPath(p)));
  const runId = startRun(workspace.db, { kind: 'ingest', method: 'files', params: { paths, ...read } });
  const summary: IngestSummary = {
    done: 0,
    total: 0,
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
    const walked = await walkFiles(paths, options.signal);
    summary.total = walked.files.length;
    const commit = (outcomes: FileOutcome[]) => commitOutcomes(workspace, inputs, outcomes, summary);
    commit(
      walked.problems.map((p) => ({
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
    for (let start = 0; start < walked.files.length; start += batchSize) {
      options.signal?.throwIfAborted();
      const batch = walked.files.slice(start, start + batchSize);
      const outcomes = await mapWithConcurrency(batch, concurrency, (file) =>
        readOne(context, file, explicit.has(workspace.storedPath(file))),
      );
      commit(outcomes);
      summary.done += batch.length;
      options.onProgress?.({ ...summary });
    }
    const { errors: _omitted, ...counts } = summary;
    finishRun(workspace.db, runId, 'done', undefined, { paths, ...read, ...counts });
    return summary;
  } catch (err) {
    finishRun(workspace.db, runId, options.signal?.aborted ? 'cancelled' : 'failed', (err as Error).message);
    throw err;
  } finally {
    inputs.close();
    await pool.close();
  }
}

async function readOne(context: ReadContext, file: string, explicit: boolean): Promise<FileOutcome> {
  const { workspace, read: options } = context;
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
  const known = findSourceFile(workspace.db, stored);
  if (known && known.size === size && known.mtime_ms === mtimeMs) return { kind: 'skipped' };
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

function commitOutcomes(
  workspace: Workspace,
  inputs: ModelInputStore,
  outcomes: FileOutcome[],
  summary: IngestSummary,
): void {
  const { db } = workspace;
  const at = nowIso();
  // Array files first: their rows are only reachable once the transaction below commits.
  const placed = outcomes.map((outcome) => {
    if (outcome.kind !== 'read') return [];
    const file = findSourceFile(db, outcome.stored);
    return outcome.items.map((item) => {
      const existing = file ? findObjectBySource(db, file.id, item.itemIndex) : undefined;
      const slot = inputs.put(item.modelInput, item.inputLayout, {
        store: existing?.input_store ?? null,
        row: existing?.input_row ?? null,
      });
      return { item, existing, slot };
    });
  });
  inTransaction(db, () => {
    outcomes.forEach((outcome, i) => {
      switch (outcome.kind) {
        case 'skipped':
          summary.skipped++;
          return;
        case 'ignored':
          summary.ignored++;
          return;
        case 'failed':
          summary.failed++;
          summary.errors.push({ path: outcome.stored, reason: outcome.reason });
          recordIngestError(db, {
            path: outcome.stored,
            reason: outcome.reason,
            size: outcome.size,
            mtime_ms: outcome.mtimeMs,
            at,
          });
          return;
        case 'read': {
          const mtime = outcome.complete ? outcome.mtimeMs : INCOMPLETE_MTIME;
          const fileId = upsertSourceFile(db, {
            path: outcome.stored,
            size: outcome.size,
            mtime_ms: mtime,
            format: outcome.format,
            ingested_at: at,
          });
          if (outcome.complete) {
            clearIngestError(db, outcome.stored);
            const warnings = outcome.items[0]?.warnings ?? [];
            replaceIngestWarnings(db, outcome.stored, warnings, at);
            if (warnings.length > 0) summary.warnings.push({ path: outcome.stored, messages: warnings });
          }
          let updatedAny = false;
          for (const { item, existing, slot } of placed[i]) {
            const content = {
              hdu: item.hdu,
              ra: item.ra,
              dec: item.dec,
              width: item.width,
              height: item.height,
              bands: item.bands,
              input_store: slot.store,
              input_row: slot.row,
              thumb: thumbnailName(outcome.stored, item.itemIndex),
            };
            let objectId: number;
            if (existing) {
              updateObjectContent(db, existing.id, content, at);
              objectId = existing.id;
              updatedAny = true;
            } else {
              const name = uniqueName(workspace, item.nameHint, outcome.stored, item.itemIndex, outcome.manyItems);
              objectId = insertObject(
                db,
                { name, modality: item.modality, file_id: fileId, item_index: item.itemIndex, ...content },
                at,
              );
            }
            // What the file states (a spectrum's z and class), attributed to the file itself.
            if (item.metadata.length > 0) putMetadata(db, objectId, item.metadata, outcome.stored);
          }
          if (!outcome.complete) return;
          if (updatedAny) summary.updated++;
          else summary.added++;
        }
      }
    });
  });
}

/**
 * The name the file gives (an HDF5 names column: used as it is) if free, else the stem, else
 * the workspace-relative path (without extension) breaks the tie; items of a many-object
 * file take their index after the stem or path.
 */
function uniqueName(
  workspace: Workspace,
  hint: string | null,
  stored: string,
  itemIndex: number,
  manyItems: boolean,
): string {
  const suffix = manyItems ? `[${itemIndex}]` : '';
  const byPath = stored.replace(/\.[^./]+$/, '') + suffix;
  const candidates = [...(hint ? [hint] : []), stemOf(stored) + suffix, byPath];
  for (const name of candidates) if (!nameIsTaken(workspace.db, name)) return name;
  for (let n = 2; ; n++) if (!nameIsTaken(workspace.db, `${byPath}~${n}`)) return `${byPath}~${n}`;
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
