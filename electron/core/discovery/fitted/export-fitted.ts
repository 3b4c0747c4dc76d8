// `serendip export-fitted WS RUN OUT`: the model of a finished run as one fitted file, to apply
// in other workspaces (embed --fitted, rank --forest, map --reference):
//   pca embedding run       the PCA (mean, components, pixel bin, input geometry)
//   features embedding run  the robust scaling (centre, scale, feature names, input geometry)
//   iforest score run       the forest, with the identity of the embedding it splits
//   ensemble score run      its iforest member's forest (LOF and kNN scores have no model to export)
//   umap map run            a reference: up to maxReference objects' vectors and map positions, UMAP's a/b and k
// A run that itself applied a fitted file gives back that very file. The file is written atomically.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-write.js';
import type { Workspace } from '../../workspace/workspace.js';
import { getRun, latestDoneRun, type RunRow } from '../../workspace/repositories/runs-repo.js';
import { decodeForest } from '../anomaly/isolation-forest-format.js';
import { forestPath } from '../pipeline/rank-anomalies.js';
import { loadRunArray } from '../run-arrays.js';
import { rowLookup } from '../row-lookup.js';
import { SeededRandom } from '../seeded-random.js';
import { fitCurveParameters } from '../umap/curve-fit.js';
import { DEFAULT_PLACEMENT_EPOCHS } from '../umap/reference-placement.js';
import { embeddingFitBytes } from './embedding-fits.js';
import { embeddingIdentity } from './embedding-identity.js';
import { FittedFileError } from './fitted-file.js';
import { decodeFittedModel, encodeFittedModel, type EmbeddingIdentity, type FittedKind } from './fitted-models.js';
import { fittedOfRun, sourceOfRun, storedFitPath } from './fitted-store.js';

/** Reference points kept by default: each placed object searches them, so their count sets map --reference's speed. */
export const DEFAULT_MAX_REFERENCE = 10_000;

export interface ExportFittedOptions {
  run: string;
  out: string;
  /** Map runs: at most this many reference points, a seeded sample of the map's objects (default 10,000). */
  maxReference?: number;
}

export interface ExportFittedResult {
  runId: string;
  kind: FittedKind;
  /** The absolute path written, its size and sha256. */
  out: string;
  bytes: number;
  sha256: string;
  /** What was exported when it is not the run itself (an ensemble's forest member). */
  note?: string;
}

function unsupported(message: string): never {
  throw new FittedFileError(message, 'conflict');
}

/** The identity of the embedding a forest or map was made on; refused when no fixed model made it. */
function parentIdentity(
  workspace: Workspace,
  run: RunRow,
  what: string,
): { embedding: RunRow; identity: EmbeddingIdentity } {
  const embedding = run.parent_run ? getRun(workspace.db, run.parent_run) : undefined;
  if (!embedding) unsupported(`run ${run.id} does not say which embedding run it was made on`);
  const identity = embeddingIdentity(workspace, embedding!);
  if (!identity)
    unsupported(
      `run ${run.id}'s ${what} was fitted on embedding run ${embedding!.id} (${embedding!.method}), whose vectors no ` +
        'file reproduces elsewhere: embed with --model (ONNX), or pca/features, then fit it again',
    );
  return { embedding: embedding!, identity: identity! };
}

function forestBytes(workspace: Workspace, run: RunRow): Uint8Array {
  const path = forestPath(workspace, run.id);
  if (!existsSync(path)) unsupported(`the forest of run ${run.id} is missing (${path})`);
  const { identity } = parentIdentity(workspace, run, 'forest');
  const forest = decodeForest(new Uint8Array(readFileSync(path)));
  return encodeFittedModel({ kind: 'forest', source: sourceOfRun(run), embedding: identity, forest });
}

function referenceBytes(workspace: Workspace, run: RunRow, maxReference: number): Uint8Array {
  const { embedding, identity } = parentIdentity(workspace, run, 'map');
  const params = JSON.parse(run.params) as { neighbours?: number; minDist?: number; seed?: number };
  const map = loadRunArray(workspace.paths.maps, run.id);
  const vectors = loadRunArray(workspace.paths.embeddings, embedding.id);
  const rowOf = rowLookup(vectors.ids);
  // A seeded sample of the map's objects, in map order.
  const take = Math.min(maxReference, map.rows);
  const rows = new SeededRandom(0).sampleWithoutReplacement(map.rows, take).sort();
  const dim = identity.dim;
  const referenceVectors = new Float32Array(take * dim);
  const coords = new Float32Array(take * 2);
  rows.forEach((row, i) => {
    const at = rowOf(map.ids[row]);
    if (at === undefined) unsupported(`map run ${run.id} places object ${map.ids[row]}, which ${embedding.id} lacks`);
    referenceVectors.set(vectors.data.subarray(at! * dim, (at! + 1) * dim), i * dim);
    coords.set(map.data.subarray(row * 2, row * 2 + 2), i * 2);
  });
  const minDist = params.minDist ?? 0.1;
  const spread = 1;
  const { a, b } = fitCurveParameters(minDist, spread);
  return encodeFittedModel({
    kind: 'reference',
    source: sourceOfRun(run),
    embedding: identity,
    neighbours: params.neighbours ?? 15,
    minDist,
    spread,
    a,
    b,
    points: take,
    epochs: DEFAULT_PLACEMENT_EPOCHS,
    seed: params.seed ?? 0,
    vectors: referenceVectors,
    coords,
  });
}

/** The fitted file's bytes for `run`, and a note when they come from another run. */
function fittedBytes(workspace: Workspace, run: RunRow, maxReference: number): { bytes: Uint8Array; note?: string } {
  const applied = fittedOfRun(run);
  if (applied) {
    const path = storedFitPath(workspace, applied.sha256);
    if (!existsSync(path))
      unsupported(`run ${run.id} applied fitted file ${applied.sha256}, whose copy ${path} is gone`);
    return { bytes: new Uint8Array(readFileSync(path)) };
  }
  const what = `run ${run.id} (${run.kind}, method ${run.method})`;
  if (run.kind === 'embedding') {
    if (run.method !== 'pca' && run.method !== 'features')
      unsupported(
        `${what} has no fitted file: export pca or features runs; a learned encoder exports with export-model`,
      );
    const bytes = embeddingFitBytes(workspace, run);
    if (!bytes) unsupported(`${what} did not keep its model (made by an older Serendip): embed it again to export it`);
    return { bytes: bytes! };
  }
  if (run.kind === 'score' && run.method === 'iforest') return { bytes: forestBytes(workspace, run) };
  if (run.kind === 'score' && run.method === 'ensemble') {
    const member = (JSON.parse(run.params) as { members?: Record<string, string> }).members?.iforest;
    const forestRun = member ? getRun(workspace.db, member) : undefined;
    if (!forestRun) unsupported(`ensemble run ${run.id} has no isolation forest member to export`);
    return {
      bytes: forestBytes(workspace, forestRun!),
      note: `the ensemble's isolation forest (run ${forestRun!.id}); rank --forest applies it as an iforest run`,
    };
  }
  if (run.kind === 'map' && run.method === 'umap') return { bytes: referenceBytes(workspace, run, maxReference) };
  return unsupported(
    `${what} has no model to export: export a pca or features embedding, an iforest or ensemble score, or a map run`,
  );
}

/** Words a job script can name a run by, having no id to hand: the newest finished run of that kind. */
const LATEST_OF_KIND = ['embedding', 'score', 'map'] as const;

function runNamed(workspace: Workspace, name: string): RunRow | undefined {
  const kind = LATEST_OF_KIND.find((k) => k === name);
  return kind ? latestDoneRun(workspace.db, kind) : getRun(workspace.db, name);
}

export async function exportFitted(workspace: Workspace, options: ExportFittedOptions): Promise<ExportFittedResult> {
  const run = runNamed(workspace, options.run);
  if (!run) throw new FittedFileError(`no run ${options.run} in this workspace`, 'not-found');
  if (run.status !== 'done')
    throw new FittedFileError(`run ${run.id} is ${run.status}; only a finished run exports`, 'conflict');
  const out = resolve(options.out);
  if (existsSync(out) && statSync(out).isDirectory())
    throw new FittedFileError(`${out} is a folder: give the file to write, e.g. ${resolve(out, `${run.id}.fit`)}`);
  const { bytes, note } = fittedBytes(workspace, run, options.maxReference ?? DEFAULT_MAX_REFERENCE);
  // Read back as any user of the file will: what is written is known to decode.
  const { model, sha256 } = decodeFittedModel(bytes, `the fitted file of run ${run.id}`);
  await writeFileAtomic(out, bytes);
  return { runId: run.id, kind: model.kind, out, bytes: bytes.length, sha256, ...(note ? { note } : {}) };
}
