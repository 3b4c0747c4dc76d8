// What a job is doing, in words, for every place that lists jobs: while it runs its stage,
// the step's particulars and its count; when it failed, why; else its state.
import type { JobInfo } from '../../../electron/core/api/view-types.js';

export function jobStageText(job: JobInfo): string {
  if (job.state === 'failed') return job.error ?? 'failed';
  if (job.state !== 'running') return job.state;
  const detail = job.detail ? ` (${job.detail})` : '';
  return `${job.stage}${detail} ${job.done}/${job.total}`;
}
