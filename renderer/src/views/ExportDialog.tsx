// Export a (labelled) subset for training elsewhere: runs the exportCollection job, stays open
// with its progress, and ends with the folder written and a way to reach it: in the desktop app a
// button that opens the folder in the file manager; in a browser (which cannot open folders) the
// path with a button that copies it.
import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../../electron/core/api/contract-lists.js';
import type { JobInfo } from '../../../electron/core/api/view-types.js';
import { appStore, useAppState } from '../state/app-store.js';

/** Every contract export format needs a label here, so a new one cannot be missed. */
const FORMAT_LABELS: Record<ExportFormat, string> = { csv: 'CSV', parquet: 'Parquet', fits: 'FITS table' };

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const store = appStore();
  const workspace = useAppState((s) => s.workspace);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
  const [out, setOut] = useState(workspace ? `${workspace.root}/exports/labelled-${stamp}` : '');
  const [chosen, setChosen] = useState<ReadonlySet<ExportFormat>>(new Set(['csv']));
  const [labelledOnly, setLabelledOnly] = useState(true);
  const [withFiles, setWithFiles] = useState(false);
  const [withEmbeddings, setWithEmbeddings] = useState(false);
  const formats = EXPORT_FORMATS.filter((f) => chosen.has(f));
  const choose = (format: ExportFormat, on: boolean): void =>
    setChosen((was) => new Set([...was].filter((f) => f !== format).concat(on ? [format] : [])));
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useAppState((s) => s.jobs.find((j) => j.id === jobId) ?? null);
  const start = async () => {
    const started = await store.api.startJob('exportCollection', {
      out,
      formats,
      labelledOnly,
      withFiles,
      withEmbeddings,
    });
    setJobId(started);
  };
  if (jobId !== null) return <ExportProgress job={job} onClose={onClose} />;
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <form
        className="modal"
        onClick={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          void start().catch((err: Error) => store.set({ error: err.message }));
        }}
        data-testid="export-dialog"
      >
        <h2>Export</h2>
        <label className="field">
          Folder <input value={out} onChange={(e) => setOut(e.target.value)} aria-label="export folder" />
        </label>
        <fieldset>
          <legend>Formats</legend>
          {EXPORT_FORMATS.map((f) => (
            <label key={f}>
              <input type="checkbox" checked={chosen.has(f)} onChange={(e) => choose(f, e.target.checked)} />{' '}
              {FORMAT_LABELS[f]}
            </label>
          ))}
        </fieldset>
        <label>
          <input type="checkbox" checked={labelledOnly} onChange={(e) => setLabelledOnly(e.target.checked)} /> labelled
          objects only
        </label>
        <label>
          <input type="checkbox" checked={withFiles} onChange={(e) => setWithFiles(e.target.checked)} /> copy the source
          files
        </label>
        <label>
          <input type="checkbox" checked={withEmbeddings} onChange={(e) => setWithEmbeddings(e.target.checked)} /> with
          embeddings (embeddings.npy)
        </label>
        <div className="row">
          <button type="submit" className="primary" disabled={!out || formats.length === 0}>
            Export
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

/** The running export, then where it went. */
function ExportProgress({ job, onClose }: { job: JobInfo | null; onClose: () => void }) {
  const store = appStore();
  const [note, setNote] = useState<string | null>(null);
  const result = job?.state === 'done' ? (job.result as { outDir: string; rows: number }) : null;
  const desktop = store.api.transport.kind === 'ipc';
  const reveal = (dir: string) =>
    void store.api.call('revealFolder', { path: dir }).catch((err: Error) => setNote(err.message));
  const copy = (dir: string) =>
    void navigator.clipboard.writeText(dir).then(
      () => setNote('Path copied.'),
      () => setNote('Could not copy: select the path and copy it.'),
    );
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" onClick={(e) => e.stopPropagation()} data-testid="export-dialog">
        <h2>Export</h2>
        {result ? (
          <>
            <p data-testid="export-done">
              Exported {result.rows.toLocaleString()} objects to <code data-testid="export-path">{result.outDir}</code>
            </p>
            <div className="row">
              {desktop ? (
                <button className="primary" onClick={() => reveal(result.outDir)} data-testid="export-open-folder">
                  Open folder
                </button>
              ) : (
                <>
                  <button className="primary" onClick={() => copy(result.outDir)} data-testid="export-copy-path">
                    Copy path
                  </button>
                  <span className="muted">A browser cannot open folders: open it in your file manager.</span>
                </>
              )}
              <button onClick={onClose}>Close</button>
            </div>
          </>
        ) : job?.state === 'failed' || job?.state === 'cancelled' ? (
          <p className="dialog-error" role="alert">
            The export {job.state === 'failed' ? `failed: ${job.error}` : 'was cancelled'}
          </p>
        ) : (
          <p className="muted">Exporting… {job?.stage ?? ''}</p>
        )}
        {note && <p className="muted">{note}</p>}
        {!result && <button onClick={onClose}>Close</button>}
      </div>
    </div>
  );
}
