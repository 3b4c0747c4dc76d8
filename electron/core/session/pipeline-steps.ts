// Which jobs make a workspace ready to explore (objects, an embedding, scores, a map), in
// the order they must run. The job runner runs them one after another, so queuing them all
// at once is safe; a failed step makes the later ones fail with their own clear message.
import type { StatusResult } from '../api/contract.js';

export interface JobStep {
  method: 'demo' | 'ingest' | 'embed' | 'rank' | 'map';
  args: unknown[];
}

/** Where new objects come from, when the workspace needs some. */
export type ObjectSource = { kind: 'demo' } | { kind: 'folders'; paths: string[] } | { kind: 'none' };

export function stepsToExplore(status: StatusResult, source: ObjectSource): JobStep[] {
  const steps: JobStep[] = [];
  if (source.kind === 'folders') steps.push({ method: 'ingest', args: [{ paths: source.paths }] });
  else if (source.kind === 'demo' && status.objects === 0) steps.push({ method: 'demo', args: [{}] });
  const addsObjects = steps.length > 0;
  if (!addsObjects && status.objects === 0) return [];
  const has = (kind: string) => status.runs.some((r) => r.kind === kind);
  // New objects make every derived run stale; scores and the map follow their embedding.
  const embed = addsObjects || !has('embedding');
  if (embed) steps.push({ method: 'embed', args: [{}] });
  if (embed || !has('score')) steps.push({ method: 'rank', args: [{}] });
  if (embed || !has('map')) steps.push({ method: 'map', args: [] });
  return steps;
}
