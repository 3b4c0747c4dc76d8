// What a job is doing, in words, for every place that lists jobs: while it runs its stage,
// the step's particulars and its count; when it failed, why; when done, its outcome's counts
// ("20 added, 22 failed, 5 with warnings") where it has some; else its state.
import type { JobInfo } from '../../../electron/core/api/view-types.js';

export function jobStageText(job: JobInfo): string {
  if (job.state === 'failed') return job.error ?? 'failed';
  if (job.state === 'done' && job.outcome) return `done: ${job.outcome.summary}`;
  if (job.state !== 'running') return job.state;
  const detail = job.detail ? ` (${job.detail})` : '';
  return `${job.stage}${detail} ${job.done}/${job.total}`;
}

/** A job that finished but left files unread or read with warnings: shown apart from a clean one. */
export function doneWithProblems(job: JobInfo): boolean {
  return job.state === 'done' && (job.outcome?.problems ?? 0) > 0;
}

/** The class list a job's row gets: its state, and `problems` when it is done with problems. */
export function jobClass(job: JobInfo): string {
  return doneWithProblems(job) ? `job ${job.state} problems` : `job ${job.state}`;
}
