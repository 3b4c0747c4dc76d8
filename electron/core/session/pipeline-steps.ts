// Which jobs make a workspace ready to explore (objects, then per modality an embedding,
// scores and a map), in the order they must run. The job runner runs them one after another,
// so queuing them all at once is safe. Each modality present gets its own default embedding
// (DEFAULT_EMBED_METHOD: features for images, PCA for spectra), so spectra have a map, scores
// and "similar" as soon as they are ingested, without a learned model. Which modalities a new
// folder holds is only known once it is ingested, so the session asks for these steps after
// the job that adds objects (workspace-session.ts).
import type { StatusResult } from '../api/contract.js';
import { DEFAULT_EMBED_METHOD, MODALITIES, type Modality } from '../api/contract-lists.js';

export interface JobStep {
  method: 'demo' | 'ingest' | 'embed' | 'rank' | 'map';
  args: unknown[];
}

/** Where new objects come from, when the workspace needs some. */
export type ObjectSource = { kind: 'demo' } | { kind: 'folders'; paths: string[]; catalog?: string } | { kind: 'none' };

/** The job that adds objects from `source`, or null when it adds none (a demo only fills an empty workspace). */
export function stepToAddObjects(status: StatusResult, source: ObjectSource): JobStep | null {
  if (source.kind === 'folders') {
    const catalog = source.catalog === undefined ? {} : { catalog: source.catalog };
    return { method: 'ingest', args: [{ paths: source.paths, ...catalog }] };
  }
  if (source.kind === 'demo' && status.objects === 0) return { method: 'demo', args: [{}] };
  return null;
}

function objectsOf(status: StatusResult, modality: Modality): number {
  return modality === 'image' ? status.images : status.spectra;
}

/**
 * For each modality the workspace holds: its embedding, scores and map where missing. `stale`: objects were just
 * added, so every derived run is out of date and all of them are made again.
 */
export function stepsToExplore(status: StatusResult, options: { stale?: boolean } = {}): JobStep[] {
  const steps: JobStep[] = [];
  for (const modality of MODALITIES) {
    if (objectsOf(status, modality) === 0) continue;
    // Runs recorded before runs had a modality were of images.
    const has = (kind: string) => status.runs.some((r) => r.kind === kind && (r.modality ?? 'image') === modality);
    // Scores and the map follow their embedding.
    const embed = options.stale === true || !has('embedding');
    if (embed) steps.push({ method: 'embed', args: [{ modality, method: DEFAULT_EMBED_METHOD[modality] }] });
    if (embed || !has('score')) steps.push({ method: 'rank', args: [{ modality }] });
    if (embed || !has('map')) steps.push({ method: 'map', args: [{ modality }] });
  }
  return steps;
}
