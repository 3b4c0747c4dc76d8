// `explain`: why an object is odd. Where each scorer ranks it (scorer-places.ts), which ordinary
// objects look most like it (typical-neighbours.ts), and what sets it apart from them: for an
// image, its morphology features and maps of where on its model input (explain-image.ts); for a
// spectrum, its spectral features, the model's reconstruction and the wavelength ranges that
// drive its score (spectrum/spectrum-evidence.ts). Errors carry an API error code (codedError),
// so this module imports nothing of the api layer.
import type { Workspace } from '../../workspace/workspace.js';
import { findObjectByName, getObject } from '../../workspace/repositories/objects-repo.js';
import type { EmbeddingCache } from '../pipeline/embedding-cache.js';
import { embeddingRunOf, type CurrentEmbedding } from '../pipeline/current-embedding.js';
import { notInRun } from '../pipeline/similar-objects.js';
import { codedError } from '../../util/coded-error.js';
import type { FeatureContrast } from './feature-contrast.js';
import { newestScoreRuns, scorerPlaces, topIds, typicalityRun, type ScorerPlace } from './scorer-places.js';
import { typicalNeighbours, type TypicalNeighbour } from './typical-neighbours.js';
import { imageEvidence, type ImageEvidence } from './explain-image.js';
import { spectrumEvidence, type SpectrumEvidence } from './spectrum/spectrum-evidence.js';
import type { ExplainMap } from './where/explain-map.js';

export type { ExplainMap } from './where/explain-map.js';

/** A spectrum's model input beside the model's reconstruction, and the wavelength ranges that drive its score. */
export type ExplainSpectrum = SpectrumEvidence['spectrum'];

/** Typical neighbours compared with when no k is given. */
export const DEFAULT_EXPLAIN_NEIGHBOURS = 10;

export interface Explanation {
  id: number;
  name: string;
  modality: string;
  /** The embedding run the neighbours are nearest in. */
  embeddingRun: string;
  /** The score run whose top 5% are not typical (the ensemble, when there is one). */
  typicalBy: { runId: string; method: string };
  /** The object's place in the newest score run of each method, the most recently run first. */
  scorers: ScorerPlace[];
  /** Morphology (image) or spectral (spectrum) features against the typical neighbours', the most different first. */
  features: FeatureContrast[];
  /** The typical neighbours, nearest first (distance in the embedding). */
  neighbours: { id: number; name: string; distance: number }[];
  /** Images that show where the object is odd, on its model input grid (image objects). */
  maps: ExplainMap[];
  /**
   * A line saying why a kind of map is missing (e.g. "no saliency: imported embeddings cannot embed a masked
   * input"), or [].
   */
  notes: string[];
  /** The model's reconstruction and the ranges that drive the score (spectrum objects only). */
  spectrum?: ExplainSpectrum;
}

export async function explainObject(
  workspace: Workspace,
  name: string,
  cache: EmbeddingCache,
  k = DEFAULT_EXPLAIN_NEIGHBOURS,
): Promise<Explanation> {
  const { db } = workspace;
  const object = findObjectByName(db, name);
  if (!object) throw codedError('not-found', `no object named "${name}" in this workspace`);
  if (!object.input_store) throw codedError('conflict', `"${name}" has no model input to measure: ingest it again`);
  const { modality } = object;
  const runs = newestScoreRuns(workspace, modality);
  const typicalBy = typicalityRun(runs);
  if (!typicalBy) {
    const flag = modality === 'image' ? '' : ` --modality ${modality}`;
    throw codedError('conflict', `no ${modality} anomaly scores yet: run \`serendip rank <workspace>${flag}\` first`);
  }

  const embedding = cache.embedding(workspace, embeddingRunOf(workspace, undefined, modality).id);
  const row = embedding.rowOf(object.id);
  if (row === undefined) throw notInRun(name, embedding.run);
  const top = topIds(workspace, typicalBy);
  const found = typicalNeighbours(embedding, cache.index(workspace, embedding), row, k, (id) => !top.has(id));
  const evidence: ImageEvidence & { spectrum?: ExplainSpectrum } =
    modality === 'spectrum'
      ? spectrumPart(workspace, { id: object.id, name, inputStore: object.input_store }, embedding, found)
      : await imageEvidence(workspace, { id: object.id, name, inputStore: object.input_store }, embedding, found);

  return {
    id: object.id,
    name: object.name,
    modality,
    embeddingRun: embedding.run.id,
    typicalBy: { runId: typicalBy.id, method: typicalBy.method },
    scorers: scorerPlaces(workspace, runs, object.id),
    features: evidence.features,
    neighbours: evidence.neighbours.map((n) => ({
      id: n.id,
      name: getObject(db, n.id)?.name ?? String(n.id),
      distance: n.distance,
    })),
    maps: evidence.maps,
    notes: evidence.notes,
    ...(evidence.spectrum ? { spectrum: evidence.spectrum } : {}),
  };
}

/** A spectrum's evidence in the image part's shape: no maps (its "where" is the spectrum's drivers). */
function spectrumPart(
  workspace: Workspace,
  object: { id: number; name: string; inputStore: string },
  embedding: CurrentEmbedding,
  neighbours: TypicalNeighbour[],
): ImageEvidence & { spectrum: ExplainSpectrum } {
  if (neighbours.length < 2)
    throw codedError('conflict', `"${object.name}" has fewer than 2 typical neighbours to compare with: embed more`);
  const ids = neighbours.map((n) => n.id);
  const evidence = spectrumEvidence(workspace, object.id, object.inputStore, ids, embedding.run.id, embedding);
  return { ...evidence, neighbours, maps: [] };
}
