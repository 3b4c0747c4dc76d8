// Where fitted files live in a workspace, and how one is read for a run. A run that applies a
// fitted file keeps a copy at models/fitted/<sha256>.fit (the same bytes used twice are kept
// once), so the workspace reproduces the run after the original file moves and export-fitted
// of that run gives back the very same file. A PCA fitted here keeps its model at
// models/<run>.fit: the file export-fitted writes for it.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeFileAtomicSync } from '../../util/atomic-write.js';
import type { Workspace } from '../../workspace/workspace.js';
import { listRuns, type RunRow } from '../../workspace/repositories/runs-repo.js';
import { FittedFileError } from './fitted-file.js';
import { decodeFittedModel, type FittedKind, type FittedModel, type FittedSource } from './fitted-models.js';

export const FITTED_EXTENSION = '.fit';

/** A fitted file as read: its model, the sha256 of its bytes, and the bytes. */
export interface LoadedFit<M extends FittedModel = FittedModel> {
  model: M;
  sha256: string;
  bytes: Uint8Array;
  /** The file's name, for messages. */
  name: string;
}

/** What a run that applied a fitted file records as params.fitted. */
export interface FittedParams {
  kind: FittedKind;
  sha256: string;
}

export function readFittedFile(path: string): LoadedFit {
  const name = basename(path);
  if (!existsSync(path)) throw new FittedFileError(`fitted model ${path} does not exist`, 'not-found');
  const bytes = new Uint8Array(readFileSync(path));
  return { ...decodeFittedModel(bytes, name), bytes, name };
}

/** What each kind is for, in the words of the command that applies it. */
const USE_OF_KIND: Record<FittedKind, string> = {
  pca: 'embed --method pca --fitted',
  features: 'embed --method features --fitted',
  forest: 'rank --forest',
  reference: 'map --reference',
};

/** Narrows a loaded file to the kind a command applies, refusing any other with what the file is for. */
export function requireKind<K extends FittedKind>(
  fit: LoadedFit,
  kind: K,
): LoadedFit<Extract<FittedModel, { kind: K }>> {
  const found = fit.model.kind;
  if (found !== kind) {
    const use = `for ${USE_OF_KIND[found]}), not a ${kind} model for ${USE_OF_KIND[kind]}`;
    throw new FittedFileError(`${fit.name} is a fitted ${found} model (${use}`);
  }
  return fit as LoadedFit<Extract<FittedModel, { kind: K }>>;
}

export function fittedParams(fit: LoadedFit): FittedParams {
  return { kind: fit.model.kind, sha256: fit.sha256 };
}

/** models/fitted/<sha256>.fit: the workspace's copy of a fitted file a run applied. */
export function storedFitPath(workspace: Pick<Workspace, 'paths'>, sha256: string): string {
  return join(workspace.paths.models, 'fitted', `${sha256}${FITTED_EXTENSION}`);
}

/** Keeps the workspace's copy of an applied file (before its run is marked done). */
export function keepFittedCopy(workspace: Pick<Workspace, 'paths'>, fit: LoadedFit): void {
  const path = storedFitPath(workspace, fit.sha256);
  if (existsSync(path)) return;
  mkdirSync(join(workspace.paths.models, 'fitted'), { recursive: true });
  writeFileAtomicSync(path, fit.bytes);
}

/** models/<run>.fit: the model of a PCA run fitted in this workspace. */
export function runModelPath(workspace: Pick<Workspace, 'paths'>, runId: string): string {
  return join(workspace.paths.models, `${runId}${FITTED_EXTENSION}`);
}

/** The params.fitted of a run, when it applied a fitted file. */
export function fittedOfRun(run: RunRow): FittedParams | null {
  const fitted = (JSON.parse(run.params) as { fitted?: FittedParams }).fitted;
  return fitted && typeof fitted.sha256 === 'string' && typeof fitted.kind === 'string' ? fitted : null;
}

export function sourceOfRun(run: RunRow): FittedSource {
  return { run: run.id, kind: run.kind, method: run.method, modality: run.modality, created: run.created };
}

/** The crop every finished ingest run used, or null when they differ or none says. */
export function workspaceCrop(workspace: Workspace): number | null {
  const crops = new Set<unknown>();
  for (const run of listRuns(workspace.db, 'ingest')) {
    if (run.status === 'done') crops.add((JSON.parse(run.params) as { crop?: unknown }).crop);
  }
  const [only] = crops;
  return crops.size === 1 && typeof only === 'number' ? only : null;
}
