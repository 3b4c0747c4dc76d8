// A plan is a folder that divides a collection between the tasks of a job array before any
// of them runs: plan.json says what was planned and how many shards, and shard-NNNN.jsonl
// lists one shard's units, one JSON object a line, so a task reads its own list and nothing
// else. A unit is a file, or a row range of a large HDF5 collection; each carries the name
// its objects take, decided for the whole collection at once so names never depend on which
// shard ran first. The plan's identity is the sha256 of plan.json, recorded by each shard.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceFormat } from '../../ingest/file-types.js';

export const PLAN_FILE = 'plan.json';
export const PLAN_FORMAT = 'serendip-plan';
export const PLAN_VERSION = 1;

export interface PlanUnit {
  /** Absolute path. */
  path: string;
  size: number;
  mtime_ms: number;
  /** null: a type Serendip does not read, named explicitly (ingest records the error). */
  format: SourceFormat | null;
  explicit: boolean;
  /** Objects the unit is expected to hold (HDF5 rows; 1 for other files, which may hold more). */
  objects: number;
  /** HDF5 rows [start, end) when the file is split or sampled. */
  rows?: [number, number];
  /** The name its object takes; a many-object file's objects add [index]. */
  name: string;
  /** HDF5: rows of the whole file (a unit may read a range of them); more than 1 makes every name <name>[row]. */
  file_rows?: number;
  /** An HDF5 names column whose values are unique across the plan: they are the names. */
  file_names?: boolean;
}

/** A path the plan could not list or stat: recorded as an ingest error by shard 0. */
export interface PlanProblem {
  path: string;
  reason: string;
}

export interface ShardSummary {
  file: string;
  units: number;
  objects: number;
  bytes: number;
}

export interface PlanHeader {
  format: typeof PLAN_FORMAT;
  version: number;
  created: string;
  paths: string[];
  shards: number;
  files: number;
  objects: number;
  bytes: number;
  /** Files met in folders that are of no type Serendip reads. */
  ignored: number;
  problems: PlanProblem[];
  shard_files: ShardSummary[];
}

export interface OpenedPlan {
  dir: string;
  header: PlanHeader;
  /** sha256 of plan.json: the identity shards record. */
  sha256: string;
}

export class PlanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanError';
  }
}

/** shard-0003: four digits at least, so that names sort. */
export function shardName(index: number, count: number): string {
  return `shard-${String(index).padStart(Math.max(4, String(count - 1).length), '0')}`;
}

export function openPlan(dir: string): OpenedPlan {
  let bytes: Buffer;
  try {
    bytes = readFileSync(join(dir, PLAN_FILE));
  } catch {
    throw new PlanError(`${dir} is not a plan (no ${PLAN_FILE}); make one with \`serendip plan\``);
  }
  let header: PlanHeader;
  try {
    header = JSON.parse(bytes.toString('utf8')) as PlanHeader;
  } catch (err) {
    throw new PlanError(`${join(dir, PLAN_FILE)} is damaged: ${(err as Error).message}`);
  }
  if (header.format !== PLAN_FORMAT) throw new PlanError(`${join(dir, PLAN_FILE)} is not a Serendip plan`);
  if (header.version > PLAN_VERSION)
    throw new PlanError(`the plan in ${dir} was written by a newer Serendip (version ${header.version})`);
  return { dir, header, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export function readShardUnits(plan: OpenedPlan, index: number): PlanUnit[] {
  const summary = plan.header.shard_files[index];
  if (!summary)
    throw new PlanError(`the plan has ${plan.header.shards} shards (0–${plan.header.shards - 1}), not ${index}`);
  const path = join(plan.dir, summary.file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new PlanError(`${path} is missing: the plan is incomplete; make it again`);
  }
  const units = text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as PlanUnit);
  if (units.length !== summary.units)
    throw new PlanError(`${path} lists ${units.length} units; plan.json says ${summary.units}: make the plan again`);
  return units;
}
