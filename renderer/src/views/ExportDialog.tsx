// Export a (labelled) subset for training elsewhere: runs the exportCollection job.
import { useState } from 'react';
import { appStore, useAppState } from '../state/app-store.js';

export function ExportDialog({ onClose }: { onClose: () => void }) {
  const store = appStore();
  const workspace = useAppState((s) => s.workspace);
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
  const [out, setOut] = useState(workspace ? `${workspace.root}/exports/labelled-${stamp}` : '');
  const [csv, setCsv] = useState(true);
  const [parquet, setParquet] = useState(false);
  const [fits, setFits] = useState(false);
  const [labelledOnly, setLabelledOnly] = useState(true);
  const [withFiles, setWithFiles] = useState(false);
  const [withEmbeddings, setWithEmbeddings] = useState(false);
  const formats = [...(csv ? ['csv' as const] : []), ...(parquet ? ['parquet' as const] : []), ...(fits ? ['fits' as const] : [])];
  const start = async () => {
    await store.api.startJob('exportCollection', { out, formats, labelledOnly, withFiles, withEmbeddings });
    onClose();
  };
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <form className="modal" onClick={(e) => e.stopPropagation()} onSubmit={(e) => { e.preventDefault(); void start().catch((err: Error) => store.set({ error: err.message })); }} data-testid="export-dialog">
        <h2>Export</h2>
        <label className="field">Folder <input value={out} onChange={(e) => setOut(e.target.value)} aria-label="export folder" /></label>
        <fieldset>
          <legend>Formats</legend>
          <label><input type="checkbox" checked={csv} onChange={(e) => setCsv(e.target.checked)} /> CSV</label>
          <label><input type="checkbox" checked={parquet} onChange={(e) => setParquet(e.target.checked)} /> Parquet</label>
          <label><input type="checkbox" checked={fits} onChange={(e) => setFits(e.target.checked)} /> FITS table</label>
        </fieldset>
        <label><input type="checkbox" checked={labelledOnly} onChange={(e) => setLabelledOnly(e.target.checked)} /> labelled objects only</label>
        <label><input type="checkbox" checked={withFiles} onChange={(e) => setWithFiles(e.target.checked)} /> copy the source files</label>
        <label><input type="checkbox" checked={withEmbeddings} onChange={(e) => setWithEmbeddings(e.target.checked)} /> with embeddings (embeddings.npy)</label>
        <div className="row">
          <button type="submit" className="primary" disabled={!out || formats.length === 0}>Export</button>
          <button type="button" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </div>
  );
}
