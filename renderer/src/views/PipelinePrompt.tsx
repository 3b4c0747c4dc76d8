// A fresh workspace has objects but no embedding, ranking or map: offer all three as one click.
import { appStore, useAppState } from '../state/app-store.js';

export function PipelinePrompt() {
  const status = useAppState((s) => s.status);
  const jobs = useAppState((s) => s.jobs);
  if (!status || status.objects === 0) return null;
  const kinds = new Set(status.runs.map((r) => r.kind));
  const missing = ['embedding', 'score', 'map'].filter((k) => !kinds.has(k));
  if (missing.length === 0) return null;
  const busy = jobs.some((j) => j.state === 'queued' || j.state === 'running');
  return (
    <div className="pipeline-prompt">
      <span>This workspace has no {missing.join(', ')} yet.</span>
      <button className="primary" disabled={busy} onClick={() => void appStore().computeAll()}>
        {busy ? 'Computing…' : 'Compute embedding + anomaly ranking + map'}
      </button>
    </div>
  );
}
