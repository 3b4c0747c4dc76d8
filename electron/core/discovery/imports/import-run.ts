// `import-embeddings` / `import-scores`: vectors or scores computed elsewhere (a survey's
// foundation model, another pipeline's anomaly scores) become a run of method `imported`, so
// rank, map, similar, the queue and export use them like a run made here. The arrays are
// written under a temporary name first; one transaction then records the run and renames them
// into place, so a failure or a kill leaves no run at all, never a partial one.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, renameSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Workspace } from '../../workspace/workspace.js';
import { inTransaction } from '../../workspace/database.js';
import { countObjects, describeObjects, type Modality } from '../../workspace/repositories/objects-repo.js';
import { finishRun, startRun } from '../../workspace/repositories/runs-repo.js';
import { IMPORTED_METHOD } from '../../api/contract-lists.js';
import type { ImportResult } from '../../api/contract.js';
import { runArrayPaths, saveRunArray } from '../run-arrays.js';
import { readImportedRows } from './read-imported-rows.js';
import {
  ImportError,
  checkFiniteValues,
  type ImportedRows,
  type ImportFormat,
  type ImportKind,
  type ImportReadOptions,
} from './imported-rows.js';
import { describeImportMatch, matchImportedRows, type ImportMatch, type RowMatch } from './match-rows.js';

export { parseImportMatch } from './match-rows.js';

export interface ImportRunOptions extends Omit<ImportReadOptions, 'kind' | 'needKeys' | 'needPositions'> {
  kind: ImportKind;
  file: string;
  match: ImportMatch;
  /** Only objects of this modality (default: the one modality the rows match; scores may match both). */
  modality?: Modality;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, stage: string) => void;
}

/** What an import made (the contract's ImportResult, with this module's narrower names). */
export type ImportRunResult = ImportResult & { kind: ImportKind; format: ImportFormat; modality: Modality | null };

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The matched rows of one modality, ordered by object id as runs made here are. */
function chooseRows(
  workspace: Workspace,
  kind: ImportKind,
  matched: RowMatch,
  wanted: Modality | undefined,
): { rows: { row: number; id: number }[]; modality: Modality | null; otherModality: number } {
  const pairs: { row: number; id: number }[] = [];
  matched.objectOfRow.forEach((id, row) => {
    if (id >= 0) pairs.push({ row, id });
  });
  const described = describeObjects(
    workspace.db,
    pairs.map((p) => p.id),
  );
  const modalityOf = (id: number): Modality => described.get(id)!.modality;
  const present = new Set(pairs.map((p) => modalityOf(p.id)));
  if (!wanted && kind === 'embedding' && present.size > 1) {
    const images = pairs.filter((p) => modalityOf(p.id) === 'image').length;
    const spectra = pairs.length - images;
    throw new ImportError(
      `the rows match ${images} image${images === 1 ? '' : 's'} and ` +
        `${spectra} ${spectra === 1 ? 'spectrum' : 'spectra'}; ` +
        'an embedding covers one modality: choose one with --modality image or --modality spectrum',
    );
  }
  const kept = wanted ? pairs.filter((p) => modalityOf(p.id) === wanted) : pairs;
  kept.sort((a, b) => a.id - b.id);
  const modality = wanted ?? (present.size === 1 ? [...present][0] : null);
  return { rows: kept, modality, otherModality: pairs.length - kept.length };
}

function objectsOf(workspace: Workspace, modality: Modality | null): number {
  const counts = countObjects(workspace.db);
  return modality === 'image' ? counts.images : modality === 'spectrum' ? counts.spectra : counts.objects;
}

/** Writes the arrays, then records the run and moves them into place in one transaction. */
async function saveImportedRun(
  workspace: Workspace,
  kind: ImportKind,
  modality: Modality | null,
  params: Record<string, unknown>,
  array: { data: Float32Array; rows: number; columns: number; ids: Float64Array },
): Promise<string> {
  const folder = kind === 'embedding' ? workspace.paths.embeddings : workspace.paths.scores;
  const temporaryId = `.importing-${randomBytes(6).toString('hex')}`;
  const temporary = runArrayPaths(folder, temporaryId);
  let runId: string | null = null;
  try {
    await saveRunArray(folder, temporaryId, array);
    return inTransaction(workspace.db, () => {
      runId = startRun(workspace.db, { kind, method: IMPORTED_METHOD, modality, params });
      const final = runArrayPaths(folder, runId);
      renameSync(temporary.ids, final.ids);
      renameSync(temporary.data, final.data);
      finishRun(workspace.db, runId, 'done');
      return runId;
    });
  } catch (err) {
    // The transaction rolled back: no run names these files, wherever they got to.
    const left = [temporary, ...(runId ? [runArrayPaths(folder, runId)] : [])];
    for (const paths of left) for (const path of [paths.data, paths.ids]) rmSync(path, { force: true });
    throw err;
  }
}

export async function importRun(workspace: Workspace, options: ImportRunOptions): Promise<ImportRunResult> {
  const file = resolve(options.file);
  const what = basename(file);
  const progress = (done: number, stage: string): void => options.onProgress?.(done, 4, stage);
  progress(0, `reading ${what}`);
  const { match } = options;
  const needPositions = match.by === 'radec';
  const [rows, sha256] = await Promise.all([
    readImportedRows(file, { ...options, needKeys: !needPositions, needPositions }),
    sha256File(file),
  ]);
  options.signal?.throwIfAborted();
  progress(1, `matching ${rows.rows} rows by ${describeImportMatch(match)}`);
  const matched = matchImportedRows(workspace.db, rows, match);
  if (matched.matched === 0)
    throw new ImportError(
      `no row of ${what} matches an object of this workspace by ${describeImportMatch(match)} ` +
        `(${rows.rows} rows; first: ${matched.examples.slice(0, 3).join(', ')})`,
    );
  const chosen = chooseRows(workspace, options.kind, matched, options.modality);
  if (chosen.rows.length === 0)
    throw new ImportError(`no row of ${what} matches an object of modality ${options.modality}`);
  const array = gather(rows, chosen.rows);
  checkFiniteValues(array.data, array.columns, (r) => rowName(rows, chosen.rows[r].row));
  options.signal?.throwIfAborted();
  progress(2, 'writing the run');
  const unmatched = matched.unmatched + matched.duplicates + chosen.otherModality;
  const params = {
    file,
    sha256,
    format: rows.format,
    match: describeImportMatch(match),
    matched: array.rows,
    unmatched,
    dim: rows.dim,
  };
  const runId = await saveImportedRun(workspace, options.kind, chosen.modality, params, array);
  progress(4, 'done');
  return {
    runId,
    kind: options.kind,
    format: rows.format,
    file,
    sha256,
    rows: rows.rows,
    dim: rows.dim,
    matched: array.rows,
    unmatched,
    unmatchedExamples: matched.examples,
    objectsWithout: objectsOf(workspace, chosen.modality) - array.rows,
    modality: chosen.modality,
  };
}

function rowName(rows: ImportedRows, row: number): string {
  return rows.keys?.[row] ? `"${rows.keys[row]}"` : `row ${row + 1}`;
}

/** The chosen rows' values, in the chosen order, with their object ids. */
function gather(
  rows: ImportedRows,
  chosen: { row: number; id: number }[],
): { data: Float32Array; rows: number; columns: number; ids: Float64Array } {
  const { dim } = rows;
  const data = new Float32Array(chosen.length * dim);
  chosen.forEach(({ row }, i) => data.set(rows.values.subarray(row * dim, (row + 1) * dim), i * dim));
  return { data, rows: chosen.length, columns: dim, ids: Float64Array.from(chosen, (c) => c.id) };
}
