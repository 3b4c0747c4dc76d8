// `serendip plan`: walks and stats the files, reads HDF5 collections' headers (and names
// columns), decides every object's name and divides the collection into shards balanced by
// bytes. Shards take consecutive files, so each reads one stretch of folders; a collection
// that straddles a boundary is split by rows. The plan folder is written beside its final
// place and renamed, so a plan is whole or absent.
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { nowIso } from '../../util/time.js';
import { formatOf } from '../../ingest/file-types.js';
import { DEFAULT_READ_OPTIONS } from '../../ingest/ingested-item.js';
import { mapWithConcurrency } from '../../ingest/ingest-files.js';
import { describeFsError, walkFiles } from '../../ingest/walk-files.js';
import { commonFolder, planNames } from './planned-names.js';
import {
  PLAN_FILE,
  PLAN_FORMAT,
  PLAN_VERSION,
  PlanError,
  shardName,
  type PlanHeader,
  type PlanProblem,
  type PlanUnit,
} from './plan-file.js';
import { readCollectionHeader } from './collection-header.js';

export interface PlanOptions {
  shards: number;
  /** Largest image decoded (as ingest's); HDF5 collections above it are left for ingest to refuse. */
  maxPixels?: number;
  onProgress?: (done: number, total: number, stage: string) => void;
  signal?: AbortSignal;
}

interface PlannedFile {
  path: string;
  size: number;
  mtime: number;
  format: PlanUnit['format'];
  explicit: boolean;
  rows: number | null;
  columnNames?: (string | number | null)[];
}

const STAT_CONCURRENCY = 16;

export async function makePlan(paths: string[], out: string, options: PlanOptions): Promise<{ header: PlanHeader }> {
  if (!Number.isInteger(options.shards) || options.shards < 1) throw new PlanError('--shards must be at least 1');
  const target = resolve(out);
  if (existsSync(target)) throw new PlanError(`${target} exists: remove it or plan into another folder`);
  const walked = await walkFiles(paths, options.signal);
  const explicit = new Set(paths.map((p) => resolve(p)));
  const problems: PlanProblem[] = [...walked.problems];
  let ignored = 0;
  let done = 0;
  const files = (
    await mapWithConcurrency(walked.files, STAT_CONCURRENCY, async (path): Promise<PlannedFile | null> => {
      options.signal?.throwIfAborted();
      const format = formatOf(path);
      const isExplicit = explicit.has(path);
      options.onProgress?.(++done, walked.files.length, 'stat');
      if (!format && !isExplicit) {
        ignored++;
        return null;
      }
      let info;
      try {
        info = await stat(path);
      } catch (err) {
        problems.push({ path, reason: describeFsError(err) });
        return null;
      }
      const planned: PlannedFile = {
        path,
        size: info.size,
        mtime: Math.trunc(info.mtimeMs),
        format,
        explicit: isExplicit,
        rows: null,
      };
      if (format !== 'hdf5') return planned;
      // An unreadable collection stays one whole unit: its shard's ingest records why.
      const header = await readCollectionHeader(path, options.maxPixels ?? DEFAULT_READ_OPTIONS.maxPixels);
      return header ? { ...planned, rows: header.rows, columnNames: header.names } : planned;
    })
  ).filter((f): f is PlannedFile => f !== null);
  const names = planNames(files, commonFolder(files.map((f) => f.path)));
  const units = splitByBytes(files, names, options.shards);
  const bytes = files.reduce((sum, f) => sum + f.size, 0);
  const header: PlanHeader = {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    created: nowIso(),
    paths: paths.map((p) => resolve(p)),
    shards: options.shards,
    files: files.length,
    objects: files.reduce((sum, f) => sum + (f.rows ?? 1), 0),
    bytes,
    ignored,
    problems,
    shard_files: units.map((list, i) => ({
      file: `${shardName(i, options.shards)}.jsonl`,
      units: list.length,
      objects: list.reduce((sum, u) => sum + u.objects, 0),
      bytes: list.reduce((sum, u) => sum + unitBytes(u), 0),
    })),
  };
  const partial = join(dirname(target), `.${basename(target)}.partial-${process.pid}`);
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  try {
    for (const [i, list] of units.entries())
      await writeFile(join(partial, header.shard_files[i].file), list.map((u) => JSON.stringify(u) + '\n').join(''));
    await writeFileAtomic(join(partial, PLAN_FILE), JSON.stringify(header, null, 1) + '\n');
    await rename(partial, target);
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw err;
  }
  return { header };
}

/** The bytes a unit stands for: its share of the file by rows. */
export function unitBytes(unit: PlanUnit): number {
  return unit.rows && unit.file_rows ? Math.round((unit.size * unit.objects) / unit.file_rows) : unit.size;
}

/**
 * Consecutive files fill shard after shard, each shard about total/shards bytes: a file goes
 * to the shard its middle byte falls in, and a collection's row to the shard of its own middle.
 */
export function splitByBytes(files: PlannedFile[], names: { name: string; fileNames: boolean }[], shards: number) {
  const total = Math.max(
    1,
    files.reduce((sum, f) => sum + f.size, 0),
  );
  const perShard = total / shards;
  const shardAt = (byte: number) => Math.min(shards - 1, Math.floor(byte / perShard));
  const units: PlanUnit[][] = Array.from({ length: shards }, () => []);
  let offset = 0;
  files.forEach((file, i) => {
    const base: PlanUnit = {
      path: file.path,
      size: file.size,
      mtime_ms: file.mtime,
      format: file.format,
      explicit: file.explicit,
      objects: file.rows ?? 1,
      name: names[i].name,
      ...(file.rows !== null ? { file_rows: file.rows } : {}),
      ...(names[i].fileNames ? { file_names: true } : {}),
    };
    const rows = file.rows ?? 0;
    if (rows <= 1) {
      units[shardAt(offset + file.size / 2)].push(base);
    } else {
      const rowBytes = file.size / rows;
      let start = 0;
      let shard = shardAt(offset + rowBytes / 2);
      for (let r = 1; r <= rows; r++) {
        const next = r < rows ? shardAt(offset + (r + 0.5) * rowBytes) : -1;
        if (next === shard) continue;
        const whole = start === 0 && r === rows;
        units[shard].push(whole ? base : { ...base, objects: r - start, rows: [start, r] });
        start = r;
        shard = next;
      }
    }
    offset += file.size;
  });
  return units;
}
