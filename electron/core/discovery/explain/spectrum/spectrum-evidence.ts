// `explain` for a spectrum: its model input beside the model's reconstruction of it, the
// wavelength windows that drive its score (driver-windows.ts), and named spectral features
// against its typical neighbours' in σ (spectrum-features.ts, feature-contrast.ts). A PCA run's
// reconstruction is decoded from the run's own vectors (linear-decoder.ts), and the drivers are
// where it differs from the decoded mean of the typical neighbours' vectors: the bin-by-bin
// parts of the embedding distance the scorers measure. Other embeddings have no decoder that
// runs here, so the neighbours' median spectrum stands in as the reconstruction, the drivers
// are where the flux differs from it, and a note says so. Features are rest-frame when the
// object and its neighbours have redshifts, else observed.
import type { Workspace } from '../../../workspace/workspace.js';
import { getRun, runParams } from '../../../workspace/repositories/runs-repo.js';
import { getMetadata } from '../../../workspace/repositories/metadata-repo.js';
import { catalogRedshift } from '../../../workspace/catalog-fields.js';
import { codedError } from '../../../util/coded-error.js';
import { SPECTRUM_GRIDS, spectrumGridEdges, spectrumGridWavelengths } from '../../../ingest/spectrum-grid.js';
import { spectrumInputStoreName } from '../../../ingest/model-input-store.js';
import { ModelInputReader, decodeBatch, samplePositions } from '../../embeddings/model-input-batches.js';
import { loadEmbedding, type CurrentEmbedding } from '../../pipeline/current-embedding.js';
import { rowLookup } from '../../row-lookup.js';
import { vectorRow, vectorRows } from '../../vectors.js';
import { storeLayout } from '../object-features.js';
import { contrastFeatures, type FeatureContrast } from '../feature-contrast.js';
import { driverWindows, type DriverWindow } from './driver-windows.js';
import { decode, fitLinearDecoder, medianSpectrum, type LinearDecoder } from './linear-decoder.js';
import { SPECTRUM_FEATURE_NAMES, spectrumFeatures } from './spectrum-features.js';

export interface SpectrumEvidence {
  /** Named spectral features against the typical neighbours', the most different first. */
  features: FeatureContrast[];
  spectrum: {
    /** Vacuum Å of the model grid bins the model saw. */
    wavelength: number[];
    /** The object's model input (observed flux on the grid, normalised), NaN where masked. */
    flux: number[];
    /** The model's reconstruction of it on the same bins (or the stand-in a note names). */
    reconstruction: number[];
    /** The wavelength ranges that drive the score, the strongest first. */
    drivers: DriverWindow[];
  };
  /** Why the reconstruction or the features are not what they would be at best, or []. */
  notes: string[];
}

/** Objects the linear decoder of a PCA run is fitted on: enough for 32 components many times over. */
export const DECODER_SAMPLE = 2048;

export function spectrumEvidence(
  workspace: Workspace,
  objectId: number,
  inputStore: string,
  neighbourIds: readonly number[],
  embeddingRunId: string,
  embedding?: Pick<CurrentEmbedding, 'vectors' | 'ids' | 'rowOf'>,
): SpectrumEvidence {
  const layout = storeLayout(inputStore);
  const regime = SPECTRUM_GRIDS.find((r) => spectrumInputStoreName(r.grid.length, r.regime) === layout);
  if (!regime) throw codedError('conflict', `${layout} is not a spectrum model-input store: ingest the spectrum again`);
  const notes: string[] = [];
  const reader = ModelInputReader.open(workspace, layout, { spectra: true });
  try {
    const spectra = readFlux(reader, [objectId, ...neighbourIds]);
    const flux = spectra.get(objectId);
    if (!flux) throw codedError('conflict', `object ${objectId}'s model input is missing from ${layout}: ingest again`);
    const neighbours = neighbourIds.filter((id) => spectra.has(id));
    let model = reconstructByRun(workspace, reader, embeddingRunId, layout, objectId, neighbours, embedding);
    if (!model) {
      const method = getRun(workspace.db, embeddingRunId)?.method ?? 'this';
      notes.push(
        `no reconstruction: ${method} embeddings of this store have no decoder explain can run, so the spectrum ` +
          "is compared with the median of its typical neighbours' spectra",
      );
      const stacked = new Float32Array(neighbours.length * flux.length);
      neighbours.forEach((id, i) => stacked.set(spectra.get(id)!, i * flux.length));
      model = { reconstruction: medianSpectrum(stacked, neighbours.length, flux.length), typical: null };
    }
    const redshifts = new Map([objectId, ...neighbours].map((id) => [id, redshiftOf(workspace, id)]));
    const objectZ = redshifts.get(objectId)!;
    const edges = spectrumGridEdges(regime.grid);
    return {
      features: contrastSpectra(edges, spectra, objectId, neighbours, redshifts, notes),
      spectrum: {
        wavelength: Array.from(spectrumGridWavelengths(regime.grid)),
        flux: Array.from(flux),
        reconstruction: Array.from(model.reconstruction),
        drivers: model.typical
          ? driverWindows(edges, model.reconstruction, model.typical, objectZ)
          : driverWindows(edges, flux, model.reconstruction, objectZ),
      },
      notes,
    };
  } finally {
    reader.close();
  }
}

/**
 * The object's PCA reconstruction and that of its typical neighbours' mean vector, or null when the run is not a PCA
 * of this store. Their squared difference, bin by bin, is the squared embedding distance from the object to that
 * mean (the PCA's axes are orthonormal), which is what its neighbour-based scores measure: that difference, not
 * what the PCA leaves out, is where the score comes from.
 */
function reconstructByRun(
  workspace: Workspace,
  reader: ModelInputReader,
  runId: string,
  layout: string,
  objectId: number,
  neighbours: readonly number[],
  loaded?: Pick<CurrentEmbedding, 'vectors' | 'ids' | 'rowOf'>,
): { reconstruction: Float64Array; typical: Float64Array | null } | null {
  const run = getRun(workspace.db, runId);
  if (!run || run.method !== 'pca' || runParams(run).store !== layout) return null;
  const embedding = loaded ?? loadEmbedding(workspace, runId);
  const row = embedding.rowOf(objectId);
  if (row === undefined) return null;
  const decoder = decoderOf(workspace, reader, runId, embedding);
  if (!decoder) return null;
  const { dim } = embedding.vectors;
  const rows = neighbours.map((id) => embedding.rowOf(id)).filter((r) => r !== undefined);
  let typical: Float64Array | null = null;
  if (rows.length > 0) {
    const mean = new Float64Array(dim);
    for (const r of rows) vectorRow(embedding.vectors, r).forEach((v, a) => (mean[a] += v / rows.length));
    typical = decode(decoder, mean);
  }
  return { reconstruction: decode(decoder, vectorRow(embedding.vectors, row)), typical };
}

/** Decoders of the runs explained last (a run never changes once done): later explains only read a few spectra. */
const decoders = new Map<string, LinearDecoder | null>();
const KEPT_DECODERS = 2;

/** The run's linear decoder, fitted on a seeded sample of its objects, or null when fewer than 2 have inputs here. */
function decoderOf(
  workspace: Workspace,
  reader: ModelInputReader,
  runId: string,
  embedding: Pick<CurrentEmbedding, 'vectors' | 'ids' | 'rowOf'>,
): LinearDecoder | null {
  const key = `${workspace.paths.embeddings}\0${runId}`;
  if (decoders.has(key)) return decoders.get(key)!;
  const { count, dim } = embedding.vectors;
  const sampled = Array.from(samplePositions(count, DECODER_SAMPLE, 0), (r) => embedding.ids[r]);
  const spectra = readFlux(reader, sampled);
  const ids = sampled.filter((id) => spectra.has(id));
  let decoder: LinearDecoder | null = null;
  if (ids.length >= 2) {
    const length = reader.size;
    const vectors = vectorRows(
      embedding.vectors,
      ids.map((id) => embedding.rowOf(id)!),
    );
    const flux = new Float32Array(ids.length * length);
    ids.forEach((id, i) => {
      // PCA saw masked bins as the 0 they hold in the store.
      const values = spectra.get(id)!;
      for (let k = 0; k < length; k++) flux[i * length + k] = Number.isFinite(values[k]) ? values[k] : 0;
    });
    decoder = fitLinearDecoder(vectors.data, flux, ids.length, dim, length);
  }
  decoders.set(key, decoder);
  while (decoders.size > KEPT_DECODERS) decoders.delete(decoders.keys().next().value!);
  return decoder;
}

/** The flux channel of each id's stored input, NaN where its mask is 0; ids without an input are absent. */
function readFlux(reader: ModelInputReader, ids: readonly number[]): Map<number, Float32Array> {
  const positionOf = rowLookup(reader.ids);
  const positions = Int32Array.from(new Set(ids.map((id) => positionOf(id) ?? -1).filter((p) => p >= 0))).sort();
  const out = new Map<number, Float32Array>();
  const { size: length, bands: channels } = reader;
  for (const batch of reader.batches(256, positions)) {
    const values = decodeBatch(batch);
    for (let i = 0; i < batch.count; i++) {
      const flux = new Float32Array(length);
      for (let k = 0, o = i * length * channels; k < length; k++)
        flux[k] = values[o + k * channels + 1] > 0 ? values[o + k * channels] : NaN;
      out.set(batch.ids[i], flux);
    }
  }
  return out;
}

function redshiftOf(workspace: Workspace, id: number): number | null {
  return catalogRedshift(getMetadata(workspace.db, id));
}

/**
 * Features in the rest frame when the object and at least two neighbours have a redshift (neighbours without one
 * are left out), else in the observed frame; each feature against the neighbours that can measure it.
 */
function contrastSpectra(
  edges: Float64Array,
  spectra: Map<number, Float32Array>,
  objectId: number,
  neighbours: readonly number[],
  redshifts: Map<number, number | null>,
  notes: string[],
): FeatureContrast[] {
  const withZ = neighbours.filter((id) => redshifts.get(id) !== null);
  const restFrame = redshifts.get(objectId) !== null && withZ.length >= 2;
  if (!restFrame)
    notes.push('features are measured in the observed frame: the spectrum or too many neighbours have no redshift');
  const compared = restFrame ? withZ : neighbours;
  const measure = (id: number) => spectrumFeatures(edges, spectra.get(id)!, restFrame ? redshifts.get(id)! : 0);
  const own = measure(objectId);
  const theirs = compared.map(measure);
  const contrasts: FeatureContrast[] = [];
  SPECTRUM_FEATURE_NAMES.forEach((name, f) => {
    if (!Number.isFinite(own[f])) return;
    const values = theirs.map((v) => v[f]).filter(Number.isFinite);
    if (values.length >= 2) contrasts.push(...contrastFeatures([name], [own[f]], values, values.length));
  });
  // contrastFeatures' own order, across features measured against different neighbours.
  const strength = (c: FeatureContrast) => (c.sigma === null ? Infinity : Math.abs(c.sigma));
  return contrasts.sort((a, b) => strength(b) - strength(a));
}
