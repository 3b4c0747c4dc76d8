// One object's share of the work that can run on any thread: render its pixels, then write
// a FITS file directly or hand back the stretched RGB bytes for the main thread to encode
// as PNG (sharp stays on the main thread).
import type { TaskService } from '../util/worker-tasks.js';
import type { CutoutPlan } from './demo-types.js';
import { writeFitsCutout } from './fits-cutout.js';
import { legacySurveyRgb } from './legacy-rgb.js';
import { CutoutRenderer } from './render-cutout.js';

export interface CutoutJob {
  plan: CutoutPlan;
  /** Absolute path of the file to write. */
  path: string;
}

export type CutoutOutcome = { kind: 'written' } | { kind: 'rgb'; size: number; rgb: Uint8Array };

export function produceCutout(renderer: CutoutRenderer, job: CutoutJob): CutoutOutcome {
  const image = renderer.render(job.plan);
  if (job.plan.format === 'fits') {
    writeFitsCutout(job.path, image, job.plan, job.plan.name);
    return { kind: 'written' };
  }
  return { kind: 'rgb', size: image.size, rgb: legacySurveyRgb(image) };
}

/** A thread's renderer (it keeps its convolver and scratch between cutouts); RGB bytes move back. */
export function createRenderService(): TaskService<CutoutJob, CutoutOutcome> {
  const renderer = new CutoutRenderer();
  return {
    perform: (job) => produceCutout(renderer, job),
    transferOf: (outcome) => (outcome.kind === 'rgb' ? [outcome.rgb.buffer as ArrayBuffer] : []),
  };
}
