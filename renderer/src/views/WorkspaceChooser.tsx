// The start screen: recent workspaces (newest first), open one by its path, make one from a
// folder of files (its ingest and the steps after it show their progress here), or open
// the demo collection. In Electron the File menu's native dialogs do this instead.
// A new workspace goes where the server suggests (<workspaces folder>/<folder name>, shown
// before anything is written) unless a folder is typed; a catalog table can be attached.
import { useEffect, useState, type FormEvent } from 'react';
import type { OpenedWorkspace, RecentWorkspaceInfo } from '../../../electron/core/api/contract.js';
import { appStore, useAppState } from '../state/app-store.js';
import { doneWithProblems, jobClass, jobStageText } from './job-stage.js';
import { ModalDialog } from './ModalDialog.js';

/** "1,204 objects · 3 problems": what a listed workspace held when last seen. */
function workspaceCounts(w: RecentWorkspaceInfo): string {
  if (!w.available) return 'missing';
  const parts: string[] = [];
  if (w.objects !== null) parts.push(`${w.objects.toLocaleString()} objects`);
  if (w.problems) parts.push(`${w.problems.toLocaleString()} ${w.problems === 1 ? 'problem' : 'problems'}`);
  return parts.join(' · ');
}

interface Props {
  onClose: () => void;
  /** Opens the Problems panel (of the workspace open now) in the chooser's place. */
  onShowProblems: () => void;
}

export function WorkspaceChooser({ onClose, onShowProblems }: Props) {
  const store = appStore();
  const allJobs = useAppState((s) => s.jobs);
  const [recent, setRecent] = useState<RecentWorkspaceInfo[] | null>(null);
  const [openPath, setOpenPath] = useState('');
  const [folder, setFolder] = useState('');
  const [target, setTarget] = useState('');
  const [catalog, setCatalog] = useState('');
  const [suggested, setSuggested] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<string[]>([]);
  const electron = store.api.transport.kind === 'ipc';

  useEffect(() => {
    if (electron) return;
    store.api.call('recentWorkspaces').then(setRecent, (err: Error) => setError(err.message));
  }, [store, electron]);

  /** Runs one switch; the chooser stays open while the new workspace's jobs run. */
  const run = async (action: () => Promise<OpenedWorkspace>) => {
    setBusy(true);
    setError(null);
    try {
      const opened = await action();
      await store.workspaceChanged();
      setStarted(opened.jobIds);
      setRecent(await store.api.call('recentWorkspaces'));
      if (opened.jobIds.length === 0) onClose();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent, action: () => Promise<OpenedWorkspace>) => {
    event.preventDefault();
    void run(action);
  };

  // The started jobs and those queued after them (the steps an ingest queues once it is in).
  const firstStarted = allJobs.find((j) => started.includes(j.id));
  const progress = firstStarted ? allJobs.filter((j) => j.queuedAt >= firstStarted.queuedAt) : [];
  // The new workspace's counts change as its jobs end: the list follows them.
  const ended = progress.filter((j) => j.finishedAt !== null).length;
  useEffect(() => {
    if (electron || ended === 0) return;
    store.api.call('recentWorkspaces').then(setRecent, (err: Error) => setError(err.message));
  }, [store, electron, ended]);

  // Where the workspace would go, asked once typing pauses.
  useEffect(() => {
    setSuggested(null);
    if (electron || !folder.trim()) return;
    let live = true;
    const timer = setTimeout(() => {
      store.api.call('suggestWorkspaceLocation', { folder }).then(
        (s) => live && setSuggested(s.path),
        () => undefined, // a bad folder is reported when Create is pressed
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [store, electron, folder]);

  if (electron) {
    return (
      <ModalDialog title="Workspaces" testId="workspace-chooser" onClose={onClose}>
        <p>Use the File menu: Open Workspace…, New Workspace from Folder…, Open Recent, or Open Demo Collection.</p>
      </ModalDialog>
    );
  }

  return (
    <ModalDialog title="Workspaces" testId="workspace-chooser" onClose={onClose} wide>
      {error && (
        <p className="dialog-error" role="alert" data-testid="chooser-error">
          {error}
        </p>
      )}
      <section aria-label="Recent workspaces">
        <h3>Recent</h3>
        {recent === null ? (
          <span className="muted">Loading…</span>
        ) : recent.length === 0 ? (
          <span className="muted">None yet.</span>
        ) : (
          <ul className="recent-list" data-testid="recent-workspaces">
            {recent.map((w) => (
              <li key={w.path}>
                <button
                  className={w.current ? 'current' : ''}
                  disabled={busy || !w.available}
                  data-path={w.path}
                  aria-current={w.current || undefined}
                  onClick={() => void run(() => store.api.call('openWorkspace', { path: w.path }))}
                >
                  <span className="recent-name">
                    {w.name}
                    {w.current ? ' (open)' : ''}
                  </span>
                  <span className="muted">{workspaceCounts(w)}</span>
                  <span className="recent-path">{w.path}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h3>
          <label htmlFor="open-path">Open workspace…</label>
        </h3>
        <form className="row" onSubmit={(e) => submit(e, () => store.api.call('openWorkspace', { path: openPath }))}>
          <input
            id="open-path"
            type="text"
            placeholder="/path/to/workspace"
            value={openPath}
            onChange={(e) => setOpenPath(e.target.value)}
          />
          <button type="submit" disabled={busy || !openPath.trim()}>
            Open
          </button>
        </form>
      </section>
      <section>
        <h3>New workspace from a folder…</h3>
        <form
          className="field-grid"
          onSubmit={(e) =>
            submit(e, () =>
              store.api.call('createWorkspaceFromFolder', {
                folder,
                workspace: target.trim() || undefined,
                catalog: catalog.trim() || undefined,
              }),
            )
          }
        >
          <label htmlFor="new-folder">Files</label>
          <input
            id="new-folder"
            type="text"
            aria-label="Folder of images or spectra"
            placeholder="/path/to/folder of files"
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
          />
          <label htmlFor="new-workspace">Workspace</label>
          <input
            id="new-workspace"
            type="text"
            aria-label="Workspace folder (optional)"
            placeholder={suggested ?? "in your workspaces folder, named after the files' folder"}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          />
          <label htmlFor="new-catalog">Catalog</label>
          <input
            id="new-catalog"
            type="text"
            aria-label="Catalog to attach (optional)"
            placeholder="optional: a CSV, TSV or Parquet table joined by name or position"
            value={catalog}
            onChange={(e) => setCatalog(e.target.value)}
          />
          <span />
          <button type="submit" className="primary" disabled={busy || !folder.trim()}>
            Create
          </button>
        </form>
        {suggested && !target.trim() && (
          <p className="muted" data-testid="suggested-workspace">
            The workspace will be {suggested}
          </p>
        )}
        {progress.length > 0 && (
          <div data-testid="chooser-progress">
            {progress.map((job) => {
              const fraction = job.state === 'done' ? 1 : job.total > 0 ? job.done / job.total : 0;
              return (
                <div
                  key={job.id}
                  className={jobClass(job)}
                  data-testid="chooser-job"
                  data-method={job.method}
                  data-state={job.state}
                >
                  <span className="job-method">{job.method}</span>
                  <span
                    className="progress"
                    role="progressbar"
                    aria-valuenow={Math.round(fraction * 100)}
                    aria-valuemin={0}
                    aria-valuemax={100}
                  >
                    <span className="progress-fill" style={{ width: `${Math.round(fraction * 100)}%` }} />
                  </span>
                  <span className="job-stage" title={jobStageText(job)}>
                    {jobStageText(job)}
                  </span>
                  {doneWithProblems(job) && (
                    <button className="link" onClick={onShowProblems} data-testid="chooser-job-problems">
                      Problems…
                    </button>
                  )}
                </div>
              );
            })}
          </div>
        )}
      </section>
      <section>
        <div className="row">
          <button disabled={busy} onClick={() => void run(() => store.api.call('openDemo'))}>
            Open the demo collection
          </button>
          <span className="muted">Synthetic galaxies with known anomalies; made the first time.</span>
        </div>
      </section>
    </ModalDialog>
  );
}
