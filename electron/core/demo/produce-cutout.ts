// One object's share of the work that can run on any thread: render its pixels, then write
// a FITS file directly or hand back the stretched RGB bytes for the main thread to encode
// as PNG (sharp stays on the main thread). Either way it hands back the cutout's size and
// the anomaly's truth region, for the truth table.
import type { TaskService } from '../util/worker-tasks.js';
import type { CutoutPlan } from './demo-types.js';
import { writeFitsCutout } from './fits-cutout.js';
import { legacySurveyRgb } from './legacy-rgb.js';
import { CutoutRenderer } from './render-cutout.js';
import { truthRegionOf, type TruthRegion } from './truth-regions.js';

export interface CutoutJob {
  plan: CutoutPlan;
  /** Absolute path of the file to write. */
  path: string;
}

/** `region`: where the injected anomaly is, null where it has none or no place. */
export type CutoutOutcome = { size: number; region: TruthRegion | null } & (
  { kind: 'written' } | { kind: 'rgb'; rgb: Uint8Array }
);

export function produceCutout(renderer: CutoutRenderer, job: CutoutJob): CutoutOutcome {
  const image = renderer.render(job.plan);
  const truth = { size: image.size, region: truthRegionOf(image) };
  if (job.plan.format === 'fits') {
    writeFitsCutout(job.path, image, job.plan, job.plan.name);
    return { kind: 'written', ...truth };
  }
  return { kind: 'rgb', ...truth, rgb: legacySurveyRgb(image) };
}

/** A thread's renderer (it keeps its convolver and scratch between cutouts); RGB and mask bytes move back. */
export function createRenderService(): TaskService<CutoutJob, CutoutOutcome> {
  const renderer = new CutoutRenderer();
  return {
    perform: (job) => produceCutout(renderer, job),
    transferOf: (outcome) => [
      ...(outcome.kind === 'rgb' ? [outcome.rgb.buffer as ArrayBuffer] : []),
      ...(outcome.region ? [outcome.region.mask.buffer as ArrayBuffer] : []),
    ],
  };
}
