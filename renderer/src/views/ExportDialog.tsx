// Export a (labelled) subset for training elsewhere: runs the exportCollection job.
import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../../electron/core/api/contract-lists.js';
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
  const start = async () => {
    await store.api.startJob('exportCollection', { out, formats, labelledOnly, withFiles, withEmbeddings });
    onClose();
  };
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
