// The Problems panel: every file the workspace could not ingest, with why, and every file it
// read with warnings, with what was off, so an astronomer sees what a folder lost without the
// CLI's `status --errors`. Filter by text and kind; export the list (filtered) as CSV.
import { useEffect, useMemo, useState } from 'react';
import { appStore, useAppState } from '../state/app-store.js';
import {
  PROBLEM_KINDS,
  filterProblems,
  problemFiles,
  problemsCsv,
  type ProblemFile,
  type ProblemKind,
} from '../state/problems.js';
import { ModalDialog } from './ModalDialog.js';
import './problems.css';

/** How many failed files and warning messages the panel asks for; the status counts tell if there are more. */
const FETCHED = 20_000;

const KIND_TITLES: Record<ProblemKind, string> = { error: 'Failed', warning: 'Warnings' };

/** Saves `text` as a file through the browser's download (the desktop app asks where). */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function ProblemsPanel({ onClose }: { onClose: () => void }) {
  const store = appStore();
  const workspace = useAppState((s) => s.workspace);
  const status = useAppState((s) => s.status);
  const [files, setFiles] = useState<ProblemFile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [kind, setKind] = useState<ProblemKind | 'all'>('all');

  // Reloaded when the counts change: an ingest that ends while the panel is open adds to the list.
  const errorsCount = status?.errors;
  const warningsCount = status?.warnings;
  useEffect(() => {
    let live = true;
    Promise.all([store.api.call('errors', FETCHED), store.api.call('warnings', FETCHED)]).then(
      ([errors, warnings]) => live && setFiles(problemFiles(errors, warnings)),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [store, errorsCount, warningsCount]);

  const shown = useMemo(() => (files ? filterProblems(files, text, kind) : []), [files, text, kind]);
  const failed = files?.filter((f) => f.kind === 'error').length ?? 0;
  const warned = (files?.length ?? 0) - failed;
  const cut = status !== null && files !== null && (status.errors > failed || status.warnings > warned);

  return (
    <ModalDialog title="Problems" testId="problems-panel" onClose={onClose} wide>
      {error && (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      )}
      <p className="muted" data-testid="problems-summary">
        {files === null
          ? 'Loading…'
          : `${failed} ${failed === 1 ? 'file' : 'files'} failed to ingest, ` +
            `${warned} ${warned === 1 ? 'was' : 'were'} read with warnings.` +
            (cut ? ` Only the first ${FETCHED.toLocaleString()} are listed; serendip status --errors lists all.` : '')}
      </p>
      <div className="row">
        <input
          type="text"
          aria-label="Filter problems"
          placeholder="Filter by path or reason"
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-autofocus
        />
        <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as ProblemKind | 'all')}>
          <option value="all">All</option>
          {PROBLEM_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_TITLES[k]}
            </option>
          ))}
        </select>
        <button
          disabled={shown.length === 0}
          onClick={() => download(problemsCsv(shown), `${workspace?.name ?? 'workspace'}-problems.csv`)}
          title="Save the files listed here as CSV: path, kind, reason"
        >
          Export CSV
        </button>
      </div>
      <ul className="problem-list" data-testid="problem-list">
        {shown.map((f) => (
          <li key={`${f.kind}:${f.path}`} className={`problem ${f.kind}`} data-kind={f.kind} data-testid="problem">
            <span className="problem-kind">{f.kind === 'error' ? 'failed' : 'warning'}</span>
            <span className="problem-path" title={f.path}>
              {f.path}
            </span>
            <ul className="problem-messages">
              {f.messages.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {files !== null && shown.length === 0 && (
        <p className="muted">
          {files.length === 0 ? 'Every file was read cleanly.' : 'No problem matches the filter.'}
        </p>
      )}
    </ModalDialog>
  );
}
