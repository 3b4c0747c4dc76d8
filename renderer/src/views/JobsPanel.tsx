// Every job of this session: progress bar, stage, rate, ETA and cancel while it runs;
// the outcome when it ends (an ingest's counts, and a way to its problems when it left any).
// Collapsed to the newest few.
import { appStore, useAppState } from '../state/app-store.js';
import { doneWithProblems, jobClass, jobStageText } from './job-stage.js';

const SHOWN = 4;

function eta(seconds: number | null): string {
  if (seconds === null) return '';
  if (seconds < 60) return `ETA ${Math.ceil(seconds)} s`;
  return `ETA ${Math.floor(seconds / 60)} min ${Math.ceil(seconds % 60)} s`;
}

export function JobsPanel({ onShowProblems }: { onShowProblems: () => void }) {
  const jobs = useAppState((s) => s.jobs);
  const store = appStore();
  if (jobs.length === 0) return null;
  return (
    <footer className="jobs" data-testid="jobs">
      {jobs.slice(-SHOWN).map((job) => {
        const active = job.state === 'running' || job.state === 'queued';
        const fraction = job.state === 'done' ? 1 : job.total > 0 ? job.done / job.total : 0;
        return (
          <div
            key={job.id}
            className={jobClass(job)}
            data-testid="job"
            data-state={job.state}
            data-problems={job.outcome?.problems ?? undefined}
            data-method={job.method}
          >
            <span className="job-method">{job.method}</span>
            <span className="progress">
              <span className="progress-fill" style={{ width: `${Math.round(fraction * 100)}%` }} />
            </span>
            <span className="job-stage">
              {jobStageText(job) +
                (job.state === 'running'
                  ? (job.rate ? ` · ${job.rate.toFixed(0)}/s` : '') + ` ${eta(job.etaSeconds)}`
                  : '')}
            </span>
            {doneWithProblems(job) && (
              <button className="link" onClick={onShowProblems} data-testid="job-problems">
                Problems…
              </button>
            )}
            {active && (
              <button onClick={() => void store.cancelJob(job.id)} title="Cancel">
                Cancel
              </button>
            )}
          </div>
        );
      })}
    </footer>
  );
}
